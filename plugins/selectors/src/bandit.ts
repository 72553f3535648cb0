import { Random, type LearnerContext, type LearnerManifest, type LearnerSpec } from '@tributary/core';
import type { Candidate } from './candidate.js';
import { DEFAULT_BASELINE_POOL, SELECTORS_VERSION } from './defaults.js';
import { candidatesHyperparameter, PoolSelector } from './pool-selector.js';
import { sampleBeta } from './sampling.js';

export type BanditParams = { candidates: LearnerSpec[]; policy: 'epsilon-greedy' | 'ucb' | 'thompson'; epsilon: number; ucbDelta: number; burnIn: number };

const ID = 'bandit';
const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  additionalProperties: false,
  properties: {
    candidates: candidatesHyperparameter(DEFAULT_BASELINE_POOL, 'The arms: one learner each.'),
    policy: { type: 'string', enum: ['epsilon-greedy', 'ucb', 'thompson'], default: 'ucb', description: 'Which arm learns each instance: ε-greedy, UCB1, or Thompson sampling with Beta posteriors.' },
    epsilon: { type: 'number', default: 0.1, minimum: 0, maximum: 1, description: 'ε-greedy: probability of pulling a random arm.' },
    ucbDelta: { type: 'number', default: 1, exclusiveMinimum: 0, description: 'UCB: multiplier of the exploration bonus sqrt(2 ln t / n).' },
    burnIn: { type: 'integer', default: 100, minimum: 0, description: 'Instances during which every arm learns (as River’s burn_in).' },
  },
};

/**
 * Bandit model selection as River's BanditClassifier: on each instance a policy
 * pulls one arm; that arm is scored (reward = correct prediction) and learns the
 * instance. Predictions come from the arm with the best mean reward.
 */
export class BanditSelector extends PoolSelector<BanditParams> {
  private readonly random: Random;
  private readonly pulls: Float64Array;
  private readonly rewards: Float64Array;
  private best = 0;

  constructor(params: Partial<BanditParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.pool = this.params.candidates.map((spec) => this.spawn(spec, 1000));
    this.random = new Random(context.seed);
    this.pulls = new Float64Array(this.pool.length);
    this.rewards = new Float64Array(this.pool.length);
  }

  private mean(i: number): number {
    return this.pulls[i] > 0 ? this.rewards[i] / this.pulls[i] : 0;
  }

  private pull(): number {
    const n = this.pool.length;
    for (let i = 0; i < n; i++) if (this.pulls[i] === 0) return i;
    switch (this.params.policy) {
      case 'epsilon-greedy':
        return this.random.nextDouble() < this.params.epsilon ? this.random.nextInt(n) : this.best;
      case 'ucb': {
        let arm = 0;
        let top = -Infinity;
        const t = this.seen + 1;
        for (let i = 0; i < n; i++) {
          const value = this.mean(i) + this.params.ucbDelta * Math.sqrt((2 * Math.log(t)) / this.pulls[i]);
          if (value > top) {
            top = value;
            arm = i;
          }
        }
        return arm;
      }
      case 'thompson': {
        let arm = 0;
        let top = -Infinity;
        for (let i = 0; i < n; i++) {
          const draw = sampleBeta(this.random, 1 + this.rewards[i], 1 + this.pulls[i] - this.rewards[i]);
          if (draw > top) {
            top = draw;
            arm = i;
          }
        }
        return arm;
      }
    }
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    const k = this.numClasses;
    if (this.seen < this.params.burnIn) {
      this.predictAll(x, k);
      for (let i = 0; i < this.pool.length; i++) this.reward(i, y, x, weight);
    } else {
      // Only the pulled arm is scored, so only it (and the best, in predictInto) predicts.
      const arm = this.pull();
      this.predictWith(this.pool[arm], x, k);
      this.reward(arm, y, x, weight);
    }
    let best = 0;
    for (let i = 1; i < this.pool.length; i++) if (this.mean(i) > this.mean(best)) best = i;
    this.best = best;
    this.seen++;
    this.invalidate();
  }

  private reward(arm: number, y: number, x: Float64Array, weight: number): void {
    const candidate = this.pool[arm];
    const correct = candidate.score(y, 1);
    this.pulls[arm]++;
    if (correct) this.rewards[arm]++;
    candidate.learner.learnOne(x, y, weight);
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    const best = this.pool[this.best];
    this.predictWith(best, x, k);
    out.set(best.proba.subarray(0, k));
  }

  protected leaders(): Candidate[] {
    return [this.pool[this.best]];
  }
}

export const banditManifest: LearnerManifest<BanditParams> = {
  id: ID,
  kind: 'selector',
  version: SELECTORS_VERSION,
  description: 'Baseline selector: a bandit policy (ε-greedy, UCB, Thompson) picks which candidate learns; the best mean reward predicts.',
  family: 'selectors',
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new BanditSelector(params, context),
};
