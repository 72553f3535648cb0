/** A compact, ordered set of labelled instances in typed arrays (SAM-kNN's long-term memory). */
export class InstanceSet {
  readonly x: Float64Array;
  readonly y: Int32Array;
  readonly d: number;
  count = 0;

  constructor(d: number, capacity: number) {
    this.d = d;
    this.x = new Float64Array(d * capacity);
    this.y = new Int32Array(capacity);
  }

  add(x: Float64Array, xBase: number, y: number): void {
    this.x.set(x.subarray(xBase, xBase + this.d), this.count * this.d);
    this.y[this.count++] = y;
  }

  /** Removes instance `i`, keeping the order of the others. */
  removeAt(i: number): void {
    const d = this.d;
    this.x.copyWithin(i * d, (i + 1) * d, this.count * d);
    this.y.copyWithin(i, i + 1, this.count);
    this.count--;
  }

  clear(): void {
    this.count = 0;
  }
}

/** A bounded first-in first-out record of 0/1 outcomes with their running sum. */
export class OutcomeHistory {
  private readonly data: Uint8Array;
  private start = 0;
  length = 0;
  /** Number of 1s held. */
  sum = 0;

  constructor(capacity: number) {
    this.data = new Uint8Array(capacity);
  }

  push(outcome: boolean): void {
    if (this.length === this.data.length) this.shift();
    const slot = (this.start + this.length) % this.data.length;
    this.data[slot] = outcome ? 1 : 0;
    this.length++;
    if (outcome) this.sum++;
  }

  /** Drops the oldest outcome (no-op when empty). */
  shift(): void {
    if (this.length === 0) return;
    this.sum -= this.data[this.start];
    this.start = (this.start + 1) % this.data.length;
    this.length--;
  }

  clear(): void {
    this.start = 0;
    this.length = 0;
    this.sum = 0;
  }

  /** 1 − mean; +∞ when empty (worst, so an empty history never wins). */
  errorRate(): number {
    return this.length === 0 ? Infinity : 1 - this.sum / this.length;
  }
}
