import { BaseLearner, deriveSeed, type CandidateStatus, type HyperparametersSchema, type Learner, type LearnerContext, type LearnerSpec, type Selector } from '@tributary/core';
import { Candidate } from './candidate.js';

/** The candidate-list hyperparameter shared by the selectors. */
export function candidatesHyperparameter(defaults: LearnerSpec[], description: string): HyperparametersSchema['properties'][string] {
  return { type: 'array', items: { type: ['string', 'object'] }, minItems: 1, default: defaults, description };
}

/**
 * Bookkeeping shared by selectors that keep a pool of candidate learners:
 * building candidates with their own seeds, and scoring each candidate on an
 * instance before it learns it. Predictions made in `predictProbaOne` are
 * reused by the following `learnOne` on the same instance (the evaluator's
 * test-then-train order), so candidates are not asked twice; each candidate
 * keeps its own cache, so a selector may ask only some of them. The cache is
 * keyed by the instance's values, so a caller that refills one buffer gets
 * fresh predictions.
 */
export abstract class PoolSelector<P extends Record<string, unknown>> extends BaseLearner<P> implements Selector {
  protected pool: Candidate[] = [];
  private created = 0;
  /** Bumped after every learned instance: predictions of an older epoch are stale. */
  private epoch = 0;
  /** Instances learned by the selector. */
  protected seen = 0;
  /** Copy of the last instance the candidates were asked about, and its version number. */
  private lastInstance = new Float64Array(0);
  private version = 0;

  protected constructor(info: { id: string; hyperparameters: HyperparametersSchema }, params: Partial<P> | undefined, context: LearnerContext) {
    super(info, params, context);
  }

  /** Builds a candidate from a spec with the next child seed. */
  protected spawn(spec: LearnerSpec, window: number): Candidate {
    if (!this.context.createLearner) throw new Error(`${this.id} needs a registry to build its candidates (create it through PluginRegistry.createLearner)`);
    const learner = this.context.createLearner(spec, { ...this.context, seed: deriveSeed(this.context.seed, this.created++) });
    return new Candidate(learner, spec, window, this.seen);
  }

  /** Candidates predict `x` (unless they already did for this very instance). */
  protected predictAll(x: Float64Array, k: number, which: Candidate[] = this.pool): void {
    const version = this.instanceVersion(x);
    for (const candidate of which) this.predictCached(candidate, x, k, version);
  }

  /** One candidate predicts `x`, unless it already did since the last learned instance. */
  protected predictWith(candidate: Candidate, x: Float64Array, k: number): void {
    this.predictCached(candidate, x, k, this.instanceVersion(x));
  }

  private predictCached(candidate: Candidate, x: Float64Array, k: number, version: number): void {
    if (candidate.predictedVersion === version && candidate.predictedK === k && candidate.predictedEpoch === this.epoch) return;
    candidate.predict(x, k);
    candidate.predictedVersion = version;
    candidate.predictedK = k;
    candidate.predictedEpoch = this.epoch;
  }

  /**
   * A number that changes whenever the instance's values change. Compared by value, not by
   * reference: callers may refill one buffer with each new instance.
   */
  private instanceVersion(x: Float64Array): number {
    if (!sameValues(x, this.lastInstance)) {
      if (this.lastInstance.length !== x.length) this.lastInstance = new Float64Array(x.length);
      this.lastInstance.set(x);
      this.version++;
    }
    return this.version;
  }

  /** Forgets cached predictions (after learning, the models have changed). */
  protected invalidate(): void {
    this.epoch++;
  }

  candidates(): readonly Learner[] {
    return this.pool.map((c) => c.learner);
  }

  candidateStatus(): CandidateStatus[] {
    const leaders = new Set(this.leaders());
    return this.pool.map((c) => ({ spec: c.specText, score: c.fadingAccuracy, instances: c.instances, leading: leaders.has(c) }));
  }

  /** The candidates predicting now. */
  protected abstract leaders(): Candidate[];

  override sizeInBytes(): number {
    let total = 256;
    for (const c of this.pool) total += c.learner.sizeInBytes() + 200 + c.proba.byteLength;
    return total;
  }

  measurements(): Record<string, number> {
    return { candidates: this.pool.length, instances: this.seen };
  }
}

/** Equal lengths and values (NaN, a missing value, equals NaN). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const u = a[i];
    const v = b[i];
    if (u !== v && (u === u || v === v)) return false;
  }
  return true;
}
