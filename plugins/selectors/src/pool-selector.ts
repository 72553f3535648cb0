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
 * keeps its own cache, so a selector may ask only some of them.
 */
export abstract class PoolSelector<P extends Record<string, unknown>> extends BaseLearner<P> implements Selector {
  protected pool: Candidate[] = [];
  private created = 0;
  /** Bumped after every learned instance: predictions of an older epoch are stale. */
  private epoch = 0;
  /** Instances learned by the selector. */
  protected seen = 0;

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
    for (const candidate of which) this.predictWith(candidate, x, k);
  }

  /** One candidate predicts `x`, unless it already did since the last learned instance. */
  protected predictWith(candidate: Candidate, x: Float64Array, k: number): void {
    if (candidate.predictedFor === x && candidate.predictedK === k && candidate.predictedEpoch === this.epoch) return;
    candidate.predict(x, k);
    candidate.predictedFor = x;
    candidate.predictedK = k;
    candidate.predictedEpoch = this.epoch;
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
