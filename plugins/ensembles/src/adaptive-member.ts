import { ADWINChangeDetector } from '@tributary/drift-detectors';
import { addNormalizedVote } from './members.js';

/** Drift handling shared by the members of an adaptive ensemble (ARF, SRP). */
export interface AdaptiveMemberOptions {
  /** Run the drift detector (MOA: not -u). */
  detectDrift: boolean;
  /** Run the warning detector and grow background models (MOA: neither -u nor -q). */
  useBackground: boolean;
  /** δ of the drift ADWIN. */
  driftDelta: number;
  /** δ of the warning ADWIN. */
  warningDelta: number;
}

/**
 * One slot of ARF or SRP, as MOA's ARFBaseLearner / StreamingRandomPatchesClassifier:
 * the model voting now, an optional background model, ADWIN warning and drift
 * detectors on the model's 0/1 training error, and the model's prequential
 * accuracy (the weight of its vote). `M` is whatever the ensemble keeps per
 * model: a tree for ARF, a learner with its feature subspace for SRP.
 */
export class AdaptiveMember<M> {
  background: M | null = null;
  /** Instance count when the current model (or the background it came from) was started. */
  createdOn = 0;
  private backgroundCreatedOn = 0;
  /** Instances the current model was tested on since its evaluator was last reset. */
  evaluated = 0;
  /** Weight of those it classified correctly. */
  correctWeight = 0;
  drifts = 0;
  warnings = 0;
  /** Models this slot has had (their seeds follow from it). */
  generation = 0;
  private readonly drift: ADWINChangeDetector | null;
  private readonly warning: ADWINChangeDetector | null;

  constructor(
    public current: M,
    options: AdaptiveMemberOptions,
  ) {
    this.drift = options.detectDrift ? new ADWINChangeDetector({ delta: options.driftDelta }) : null;
    this.warning = options.detectDrift && options.useBackground ? new ADWINChangeDetector({ delta: options.warningDelta }) : null;
  }

  /** Records the test of the current model on an instance (before it trains on it). */
  recordTest(correct: boolean, weight: number): void {
    this.evaluated++;
    if (correct) this.correctWeight += weight;
  }

  /** Accuracy in percent, as MOA's BasicClassificationPerformanceEvaluator reports it (NaN before the first test). */
  accuracyPercent(): number {
    return (100 * this.correctWeight) / this.evaluated;
  }

  /**
   * Adds the current model's vote `p` to `out`, normalised and, when `weighted`,
   * scaled by its accuracy in percent (weight 1 while that accuracy is 0 or unknown, as MOA).
   */
  addVote(out: Float64Array, p: Float64Array, k: number, weighted: boolean): void {
    const accuracy = this.accuracyPercent();
    addNormalizedVote(out, p, k, weighted && accuracy > 0 ? accuracy : 1);
  }

  /**
   * Feeds the current model's error after it trained on an instance (1 = wrong)
   * to the detectors. A warning starts a background model from `spawn`, replacing
   * any earlier one; a drift swaps the background model in, or a fresh model
   * from `spawn` when there is none, and restarts the drift detector and the
   * accuracy.
   */
  monitor(wrong: number, instancesSeen: number, spawn: () => M): void {
    if (this.warning !== null && this.warning.update(wrong)) {
      this.warnings++;
      this.background = spawn();
      this.backgroundCreatedOn = instancesSeen;
      this.warning.reset();
    }
    if (this.drift !== null && this.drift.update(wrong)) {
      this.drifts++;
      if (this.background !== null) {
        this.current = this.background;
        this.createdOn = this.backgroundCreatedOn;
        this.background = null;
        this.warning?.reset();
      } else {
        this.current = spawn();
        this.createdOn = instancesSeen;
      }
      this.drift.reset();
      this.evaluated = 0;
      this.correctWeight = 0;
    }
  }

  /** Bytes of the detectors (the models are the ensemble's to measure). */
  detectorBytes(): number {
    return (this.drift?.sizeInBytes() ?? 0) + (this.warning?.sizeInBytes() ?? 0);
  }
}

/** Counters of an adaptive ensemble's members, as `measurements()` reports them. */
export function adaptiveMeasurements<M>(members: readonly AdaptiveMember<M>[], instancesSeen: number): Record<string, number> {
  let drifts = 0;
  let warnings = 0;
  let background = 0;
  let age = 0;
  for (const member of members) {
    drifts += member.drifts;
    warnings += member.warnings;
    age += instancesSeen - member.createdOn;
    if (member.background !== null) background++;
  }
  return { members: members.length, driftsDetected: drifts, warningsDetected: warnings, backgroundLearners: background, meanMemberAge: members.length ? age / members.length : 0 };
}
