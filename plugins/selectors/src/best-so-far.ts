import type { LearnerContext, LearnerManifest, LearnerSpec } from '@tributary/core';
import type { Candidate } from './candidate.js';
import { DEFAULT_BASELINE_POOL, SELECTORS_VERSION } from './defaults.js';
import { candidatesHyperparameter, PoolSelector } from './pool-selector.js';

export type BestSoFarParams = { candidates: LearnerSpec[]; windowSize: number };

const ID = 'best-so-far';
const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  additionalProperties: false,
  properties: {
    candidates: candidatesHyperparameter(DEFAULT_BASELINE_POOL, 'Learners trained side by side; the best by windowed accuracy predicts.'),
    windowSize: { type: 'integer', default: 1000, minimum: 1, maximum: 1_000_000, description: 'Instances over which each candidate’s prequential accuracy is measured.' },
  },
};

/** Trains every candidate on every instance and predicts with the best by windowed prequential accuracy. */
export class BestSoFar extends PoolSelector<BestSoFarParams> {
  private leader = 0;

  constructor(params: Partial<BestSoFarParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.pool = this.params.candidates.map((spec) => this.spawn(spec, this.params.windowSize));
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    this.predictAll(x, this.numClasses);
    let best = 0;
    for (let i = 0; i < this.pool.length; i++) {
      const c = this.pool[i];
      c.score(y, 1);
      c.learner.learnOne(x, y, weight);
      if (c.windowAccuracy > this.pool[best].windowAccuracy) best = i;
    }
    this.leader = best;
    this.seen++;
    this.invalidate();
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    const leader = this.pool[this.leader];
    this.predictAll(x, k);
    out.set(leader.proba.subarray(0, k));
  }

  protected leaders(): Candidate[] {
    return [this.pool[this.leader]];
  }
}

export const bestSoFarManifest: LearnerManifest<BestSoFarParams> = {
  id: ID,
  kind: 'selector',
  version: SELECTORS_VERSION,
  description: 'Baseline selector: trains all candidates, predicts with the best by windowed prequential accuracy.',
  family: 'selectors',
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new BestSoFar(params, context),
};
