/**
 * A bounded window of labelled instances in a ring of typed arrays: `add`
 * evicts the oldest when full, `dropOldest` shrinks from the old end. Nothing
 * is allocated after construction.
 */
export class NeighbourWindow {
  /** Features, `capacity × d`, row-major by physical slot. */
  readonly x: Float64Array;
  /** Class index per physical slot. */
  readonly y: Int32Array;
  readonly capacity: number;
  readonly d: number;
  /** Physical slot of the oldest instance. */
  start = 0;
  /** Number of instances held. */
  count = 0;

  constructor(d: number, capacity: number) {
    this.d = d;
    this.capacity = capacity;
    this.x = new Float64Array(d * capacity);
    this.y = new Int32Array(capacity);
  }

  /** Appends an instance, evicting the oldest when the window is full. */
  add(x: Float64Array, y: number): void {
    let slot: number;
    if (this.count === this.capacity) {
      slot = this.start;
      this.start = this.start + 1 === this.capacity ? 0 : this.start + 1;
    } else {
      slot = this.start + this.count;
      if (slot >= this.capacity) slot -= this.capacity;
      this.count++;
    }
    this.x.set(x.subarray(0, this.d), slot * this.d);
    this.y[slot] = y;
  }

  /** Forgets the `n` oldest instances. */
  dropOldest(n: number): void {
    const drop = Math.min(n, this.count);
    this.start = (this.start + drop) % this.capacity;
    this.count -= drop;
    if (this.count === 0) this.start = 0;
  }

  /** Removes the `i`-th oldest instance, keeping the order of the others. */
  removeAt(i: number): void {
    const d = this.d;
    for (let j = i; j < this.count - 1; j++) {
      const to = this.slot(j);
      const from = this.slot(j + 1);
      this.x.copyWithin(to * d, from * d, from * d + d);
      this.y[to] = this.y[from];
    }
    this.count--;
    if (this.count === 0) this.start = 0;
  }

  /** Physical slot of the `i`-th oldest instance. */
  slot(i: number): number {
    const s = this.start + i;
    return s >= this.capacity ? s - this.capacity : s;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}
