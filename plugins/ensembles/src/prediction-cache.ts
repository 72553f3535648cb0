/**
 * Each member's predicted class for the last instance the ensemble predicted,
 * so `learnOne` on that same instance (test-then-train) need not ask every
 * member again: ARF, SRP and DWM start learning by scoring each member on the
 * instance, which is exactly what the preceding prediction computed on the
 * same, untouched models. Valid only until the ensemble learns anything, and
 * only for an instance with the same feature values and class count.
 */
export class PredictionCache {
  /** Predicted class of each member (valid when `matches` says so). */
  classes: Int32Array;
  private x = new Float64Array(0);
  private numClasses = -1;
  private valid = false;

  constructor(members: number) {
    this.classes = new Int32Array(Math.max(1, members));
  }

  /** Starts a new prediction of `x` over `k` classes for `members` members. */
  begin(x: Float64Array, k: number, members: number): void {
    if (this.classes.length < members) this.classes = new Int32Array(Math.max(members, this.classes.length * 2));
    if (this.x.length !== x.length) this.x = new Float64Array(x.length);
    this.x.set(x);
    this.numClasses = k;
    this.valid = true;
  }

  /** Whether the cached classes are those of `x` over `k` classes on the current models. */
  matches(x: Float64Array, k: number): boolean {
    if (!this.valid || k !== this.numClasses || x.length !== this.x.length) return false;
    const cached = this.x;
    for (let j = 0; j < x.length; j++) {
      const a = x[j];
      const b = cached[j];
      if (a !== b && (a === a || b === b)) return false;
    }
    return true;
  }

  /** Forgets the cached prediction (call whenever a member may have changed). */
  invalidate(): void {
    this.valid = false;
  }
}
