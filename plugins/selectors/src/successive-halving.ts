import type { LearnerContext, LearnerManifest, LearnerSpec } from '@tributary/core';
import type { Candidate } from './candidate.js';
import { DEFAULT_BASELINE_POOL, SELECTORS_VERSION } from './defaults.js';
import { candidatesHyperparameter, PoolSelector } from './pool-selector.js';

export type SuccessiveHalvingParams = { candidates: LearnerSpec[]; budget: number; eta: number };

const ID = 'successive-halving';
const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  additionalProperties: false,
  properties: {
    candidates: candidatesHyperparameter(DEFAULT_BASELINE_POOL, 'Learners raced against each other.'),
    budget: { type: 'integer', default: 10_000, minimum: 1, description: 'Total candidate-instance updates spent on the race (as River’s SuccessiveHalvingClassifier budget).' },
    eta: { type: 'integer', default: 2, minimum: 2, maximum: 10, description: 'At the end of each round only the best 1/eta of the candidates stay.' },
  },
};

/**
 * Successive halving (Karnin et al. 2013), as River's SuccessiveHalvingClassifier:
 * rounds in which every remaining candidate learns each instance; at the end of a
 * round the best 1/eta by prequential accuracy (over the round) stay. Once one
 * is left it alone learns and predicts.
 */
export class SuccessiveHalving extends PoolSelector<SuccessiveHalvingParams> {
  private alive: Candidate[];
  private roundLength: number;
  private roundSeen = 0;
  private readonly roundCorrect: Map<Candidate, number> = new Map();
  private leader: Candidate;

  constructor(params: Partial<SuccessiveHalvingParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.pool = this.params.candidates.map((spec) => this.spawn(spec, 1000));
    this.alive = [...this.pool];
    this.leader = this.pool[0];
    this.roundLength = this.lengthOfRound();
    for (const c of this.alive) this.roundCorrect.set(c, 0);
  }

  private lengthOfRound(): number {
    const rounds = Math.max(1, Math.ceil(Math.log(this.pool.length) / Math.log(this.params.eta)));
    return Math.max(1, Math.floor(this.params.budget / (this.alive.length * rounds)));
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    this.predictAll(x, this.numClasses, this.alive);
    for (const c of this.alive) {
      if (c.score(y, 1)) this.roundCorrect.set(c, (this.roundCorrect.get(c) ?? 0) + 1);
      c.learner.learnOne(x, y, weight);
    }
    this.seen++;
    this.invalidate();
    if (this.alive.length > 1 && ++this.roundSeen >= this.roundLength) this.endRound();
    else if (this.alive.length > 1) this.leader = this.alive.reduce((a, b) => ((this.roundCorrect.get(b) ?? 0) > (this.roundCorrect.get(a) ?? 0) ? b : a));
  }

  private endRound(): void {
    const ranked = [...this.alive].sort((a, b) => (this.roundCorrect.get(b) ?? 0) - (this.roundCorrect.get(a) ?? 0));
    this.alive = ranked.slice(0, Math.max(1, Math.floor(ranked.length / this.params.eta)));
    this.leader = this.alive[0];
    this.roundSeen = 0;
    this.roundLength = this.lengthOfRound();
    for (const c of this.alive) this.roundCorrect.set(c, 0);
    // Retired candidates are dropped so their memory is freed.
    this.pool = this.pool.filter((c) => this.alive.includes(c));
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.predictAll(x, k, this.alive);
    out.set(this.leader.proba.subarray(0, k));
  }

  protected leaders(): Candidate[] {
    return [this.leader];
  }
}

export const successiveHalvingManifest: LearnerManifest<SuccessiveHalvingParams> = {
  id: ID,
  kind: 'selector',
  version: SELECTORS_VERSION,
  description: 'Baseline selector: successive halving over a candidate pool (as River’s SuccessiveHalvingClassifier).',
  family: 'selectors',
  references: ['karnin2013sh'],
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new SuccessiveHalving(params, context),
};
