/**
 * Class-conditional counts of one nominal attribute (MOA's
 * `NominalAttributeClassObserver`): weight per (class, value), the number of
 * value slots each class has touched (MOA's per-class vector length, which the
 * Laplace correction divides by) and the weight per class.
 *
 * Values and classes may appear mid-stream; the table grows on demand.
 */
export class NominalCounts {
  /** Class rows allocated. */
  classCapacity: number;
  /** Value columns allocated. */
  valueCapacity: number;
  /** Weight per (class, value), row-major `[class][value]`. */
  counts: Float64Array;
  /** Per class: highest value index observed + 1 (0 = class never observed with a value). */
  lengths: Int32Array;
  /** Per class: total weight of its observed values. */
  sums: Float64Array;

  constructor(classCapacity: number, valueCapacity: number) {
    this.classCapacity = Math.max(1, classCapacity);
    this.valueCapacity = Math.max(1, valueCapacity);
    this.counts = new Float64Array(this.classCapacity * this.valueCapacity);
    this.lengths = new Int32Array(this.classCapacity);
    this.sums = new Float64Array(this.classCapacity);
  }

  /** Adds `weight` to (`classIndex`, `valueIndex`). */
  observe(valueIndex: number, classIndex: number, weight: number): void {
    if (classIndex >= this.classCapacity) this.growClasses(classIndex + 1);
    if (valueIndex >= this.valueCapacity) this.growValues(Math.max(valueIndex + 1, this.valueCapacity * 2));
    this.counts[classIndex * this.valueCapacity + valueIndex] += weight;
    if (valueIndex >= this.lengths[classIndex]) this.lengths[classIndex] = valueIndex + 1;
    this.sums[classIndex] += weight;
  }

  /** Weight of (`classIndex`, `valueIndex`); 0 outside what was observed. */
  count(classIndex: number, valueIndex: number): number {
    if (classIndex >= this.classCapacity || valueIndex >= this.lengths[classIndex] || valueIndex < 0) return 0;
    return this.counts[classIndex * this.valueCapacity + valueIndex];
  }

  /** Number of value slots class `classIndex` touched (0 when never observed). */
  length(classIndex: number): number {
    return classIndex < this.classCapacity ? this.lengths[classIndex] : 0;
  }

  /**
   * P(value | class) with MOA's Laplace correction: (count + 1) / (classWeight + slots),
   * where slots is the class's vector length; 0 when the class was never observed.
   */
  probability(valueIndex: number, classIndex: number): number {
    if (classIndex >= this.classCapacity) return 0;
    const slots = this.lengths[classIndex];
    if (slots === 0) return 0;
    const count = valueIndex < slots ? this.counts[classIndex * this.valueCapacity + valueIndex] : 0;
    return (count + 1) / (this.sums[classIndex] + slots);
  }

  /** Largest vector length over classes (MOA's `getMaxAttValsObserved`: the branches of a multiway split). */
  maxValuesObserved(): number {
    let max = 0;
    for (let c = 0; c < this.classCapacity; c++) if (this.lengths[c] > max) max = this.lengths[c];
    return max;
  }

  /** Bytes held by the table's arrays. */
  byteSize(): number {
    return this.counts.byteLength + this.lengths.byteLength + this.sums.byteLength + 3 * 64 + 48;
  }

  private growClasses(needed: number): void {
    const capacity = needed;
    const counts = new Float64Array(capacity * this.valueCapacity);
    counts.set(this.counts);
    const lengths = new Int32Array(capacity);
    lengths.set(this.lengths);
    const sums = new Float64Array(capacity);
    sums.set(this.sums);
    this.counts = counts;
    this.lengths = lengths;
    this.sums = sums;
    this.classCapacity = capacity;
  }

  private growValues(capacity: number): void {
    const counts = new Float64Array(this.classCapacity * capacity);
    for (let c = 0; c < this.classCapacity; c++) {
      counts.set(this.counts.subarray(c * this.valueCapacity, c * this.valueCapacity + this.valueCapacity), c * capacity);
    }
    this.counts = counts;
    this.valueCapacity = capacity;
  }
}
