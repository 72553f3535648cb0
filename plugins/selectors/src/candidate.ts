import { argMax, formatSpec, normalizeLearnerSpec, type Learner, type LearnerSpec } from '@tributary/core';

/**
 * One candidate of a selector: its learner and the selector's running estimate
 * of how well it predicts (prequentially: each instance scored before it is learned).
 */
export class Candidate {
  /** Spec as text, for reports. */
  readonly specText: string;
  /** Fading-factor accuracy (recent instances weigh more). */
  fadingCorrect = 0;
  fadingTotal = 0;
  /** Last `window` correctness bits, for windowed accuracy and its confidence bound. */
  private readonly bits: Uint8Array;
  private bitStart = 0;
  private bitCount = 0;
  private windowCorrect = 0;
  /** Instances scored since the candidate joined. */
  instances = 0;
  /** Probabilities of the last prediction. */
  proba: Float64Array = new Float64Array(2);
  /** Label predicted for the cached instance. */
  predicted = 0;
  /** What the cached prediction was made for: the instance's version, the class count and the selector's learning epoch. */
  predictedVersion = -1;
  predictedK = 0;
  predictedEpoch = -1;

  constructor(readonly learner: Learner, readonly spec: LearnerSpec, window: number, readonly bornAt = 0) {
    this.specText = formatSpec(normalizeLearnerSpec(spec));
    this.bits = new Uint8Array(Math.max(1, window));
  }

  /** Predicts into the candidate's own buffer and remembers the label. */
  predict(x: Float64Array, k: number): void {
    if (this.proba.length < k) this.proba = new Float64Array(Math.max(k, 2 * this.proba.length));
    const p = this.learner.predictProbaOne(x, this.proba);
    if (p !== this.proba) this.proba.set(p.subarray(0, k));
    this.predicted = argMax(this.proba, k);
  }

  /** Records whether the cached prediction was right. */
  score(y: number, fading: number): boolean {
    const correct = this.predicted === y ? 1 : 0;
    this.fadingCorrect = fading * this.fadingCorrect + correct;
    this.fadingTotal = fading * this.fadingTotal + 1;
    if (this.bitCount === this.bits.length) {
      this.windowCorrect -= this.bits[this.bitStart];
      this.bitStart = (this.bitStart + 1) % this.bits.length;
      this.bitCount--;
    }
    this.bits[(this.bitStart + this.bitCount) % this.bits.length] = correct;
    this.bitCount++;
    this.windowCorrect += correct;
    this.instances++;
    return correct === 1;
  }

  /** Fading-factor accuracy (0 before any instance). */
  get fadingAccuracy(): number {
    return this.fadingTotal > 0 ? this.fadingCorrect / this.fadingTotal : 0;
  }

  /** Accuracy over the window. */
  get windowAccuracy(): number {
    return this.bitCount > 0 ? this.windowCorrect / this.bitCount : 0;
  }

  /** Instances in the window. */
  get windowCount(): number {
    return this.bitCount;
  }

  /** Hoeffding half-width of the windowed accuracy at confidence 1 − delta. */
  bound(delta: number): number {
    return this.bitCount > 0 ? Math.sqrt(Math.log(1 / delta) / (2 * this.bitCount)) : 1;
  }
}
