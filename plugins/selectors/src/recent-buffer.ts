/** The last `capacity` instances (features and labels) in a ring of typed arrays. */
export class RecentBuffer {
  private readonly x: Float64Array;
  private readonly y: Int32Array;
  private start = 0;
  count = 0;

  constructor(readonly capacity: number, readonly d: number) {
    this.x = new Float64Array(capacity * d);
    this.y = new Int32Array(capacity);
  }

  push(x: Float64Array, y: number): void {
    if (this.capacity === 0) return;
    const slot = (this.start + this.count) % this.capacity;
    this.x.set(x.subarray(0, this.d), slot * this.d);
    this.y[slot] = y;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Calls `visit` on the last `n` instances, oldest first. */
  replay(n: number, visit: (x: Float64Array, y: number) => void): void {
    const m = Math.min(n, this.count);
    for (let i = this.count - m; i < this.count; i++) {
      const slot = (this.start + i) % this.capacity;
      visit(this.x.subarray(slot * this.d, slot * this.d + this.d), this.y[slot]);
    }
  }
}
