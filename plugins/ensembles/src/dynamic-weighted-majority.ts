import { argMax, BaseLearner, type Learner, type LearnerContext, type LearnerManifest, type LearnerSpec } from '@tributary/core';
import { baseLearnerHyperparameter, createMember, ensureCapacity } from './members.js';
import { ENSEMBLES_VERSION, REFERENCES } from './references.js';
import { PredictionCache } from './prediction-cache.js';
import { deriveSeed } from './seeds.js';

/** Hyperparameters of Dynamic Weighted Majority. */
export type DynamicWeightedMajorityParams = {
  /** Expert spec (MOA -l). Default `naive-bayes`. */
  baseLearner: LearnerSpec;
  /** Instances between weight updates, expert removal and creation (MOA -p). Default 50. */
  period: number;
  /** Factor applied to a wrong expert's weight (MOA -b). Default 0.5. */
  beta: number;
  /** Experts whose scaled weight falls below θ are removed (MOA -t). Default 0.01. */
  theta: number;
  /** Most experts at once (MOA -e). Default 2147483647, i.e. unbounded. */
  maxExperts: number;
};

const ID = 'dwm';
const JAVA_INT_MAX = 2147483647;

const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  properties: {
    baseLearner: baseLearnerHyperparameter('naive-bayes', 'Learner each expert is built from (any registered learner spec); MOA -l, default bayes.NaiveBayes.'),
    period: { type: 'integer', default: 50, minimum: 1, maximum: JAVA_INT_MAX, description: 'Instances between weight updates, expert removal and creation (MOA -p).', 'x-search': { minimum: 10, maximum: 500, log: true } },
    beta: { type: 'number', default: 0.5, minimum: 0, maximum: 1, description: "Factor by which a wrong expert's weight is multiplied at each period (MOA -b).", 'x-search': { minimum: 0.1, maximum: 0.9 } },
    theta: { type: 'number', default: 0.01, minimum: 0, maximum: 1, description: 'Experts whose weight (scaled so the best is 1) falls below theta are removed (MOA -t).', 'x-search': { minimum: 0.001, maximum: 0.1, log: true } },
    maxExperts: { type: 'integer', default: JAVA_INT_MAX, minimum: 2, maximum: JAVA_INT_MAX, description: 'Most experts at once; the weakest is removed to make room (MOA -e, default Integer.MAX_VALUE = unbounded; CapyMOA uses 10000).' },
  },
  additionalProperties: false,
};

/**
 * Dynamic Weighted Majority (Kolter & Maloof 2007), as MOA's
 * `meta.DynamicWeightedMajority`: weighted experts each vote for their top
 * class. Every `period` instances, experts that erred have their weight
 * multiplied by β, weights are scaled so the largest is 1, experts below θ
 * are removed, and when the ensemble itself erred a new expert (weight 1) is
 * added. Every expert learns every instance.
 */
export class DynamicWeightedMajority extends BaseLearner<DynamicWeightedMajorityParams> {
  private readonly experts: Learner[] = [];
  private weights: Float64Array = new Float64Array(8);
  private epochs = 0;
  private expertsCreated = 0;
  private expertsRemoved = 0;
  private memberVote: Float64Array = new Float64Array(2);
  private combined: Float64Array = new Float64Array(2);
  private readonly cache = new PredictionCache(8);

  constructor(params: Partial<DynamicWeightedMajorityParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.addExpert();
  }

  /** Number of experts now. */
  get numExperts(): number {
    return this.experts.length;
  }

  /** Current weight of each expert (a copy). */
  expertWeights(): Float64Array {
    return this.weights.slice(0, this.experts.length);
  }

  private addExpert(): void {
    const n = this.experts.length;
    if (this.weights.length <= n) {
      const grown = new Float64Array(this.weights.length * 2);
      grown.set(this.weights);
      this.weights = grown;
    }
    this.experts.push(createMember(ID, this.context, this.params.baseLearner, deriveSeed(this.context.seed, this.expertsCreated++)));
    this.weights[n] = 1;
  }

  private removeExpert(i: number): void {
    this.experts.splice(i, 1);
    this.weights.copyWithin(i, i + 1, this.experts.length + 1);
    this.expertsRemoved++;
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    this.epochs++;
    const k = this.numClasses;
    this.memberVote = ensureCapacity(this.memberVote, k);
    this.combined = ensureCapacity(this.combined, k);
    const combined = this.combined;
    combined.fill(0, 0, k);
    const p = this.params;
    const updateNow = this.epochs % p.period === 0;
    const weights = this.weights;
    let maxWeight = 0;
    let weakestWeight = 1;
    let weakest = -1;
    const cached = this.cache.matches(x, k) ? this.cache.classes : null;
    this.cache.invalidate();
    for (let i = 0; i < this.experts.length; i++) {
      const predicted = cached !== null ? cached[i] : argMax(this.experts[i].predictProbaOne(x, this.memberVote), k);
      if (predicted !== y && updateNow) weights[i] *= p.beta;
      combined[predicted] += weights[i];
      if (weights[i] > maxWeight) maxWeight = weights[i];
      if (weights[i] < weakestWeight) {
        weakest = i;
        weakestWeight = weights[i];
      }
    }
    if (updateNow) {
      if (maxWeight > 0) {
        const scale = 1 / maxWeight;
        for (let i = 0; i < this.experts.length; i++) weights[i] *= scale;
      }
      for (let i = this.experts.length - 1; i >= 0; i--) {
        if (this.weights[i] < p.theta) this.removeExpert(i);
      }
      if (argMax(combined, k) !== y) {
        if (this.experts.length >= p.maxExperts) this.removeExpert(weakest >= 0 && weakest < this.experts.length ? weakest : this.weakestIndex());
        this.addExpert();
      }
    }
    for (let i = 0; i < this.experts.length; i++) this.experts[i].learnOne(x, y, weight);
  }

  private weakestIndex(): number {
    let weakest = 0;
    for (let i = 1; i < this.experts.length; i++) if (this.weights[i] < this.weights[weakest]) weakest = i;
    return weakest;
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.memberVote = ensureCapacity(this.memberVote, k);
    const cache = this.cache;
    cache.begin(x, k, this.experts.length);
    for (let i = 0; i < this.experts.length; i++) {
      const predicted = argMax(this.experts[i].predictProbaOne(x, this.memberVote), k);
      cache.classes[i] = predicted;
      out[predicted] += this.weights[i];
    }
  }

  override sizeInBytes(): number {
    let total = 96 + this.weights.byteLength + this.memberVote.byteLength + this.combined.byteLength;
    for (const expert of this.experts) total += expert.sizeInBytes();
    return total;
  }

  measurements(): Record<string, number> {
    return { members: this.experts.length, expertsCreated: this.expertsCreated, expertsRemoved: this.expertsRemoved };
  }
}

/** Manifest of Dynamic Weighted Majority. */
export const dynamicWeightedMajorityManifest: LearnerManifest<DynamicWeightedMajorityParams> = {
  id: ID,
  kind: 'learner',
  version: ENSEMBLES_VERSION,
  description: 'Dynamic Weighted Majority: weighted experts, down-weighted when wrong, pruned below θ, and a new expert added when the ensemble errs.',
  family: 'ensembles',
  references: [REFERENCES.dynamicWeightedMajority],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new DynamicWeightedMajority(params, context),
  equivalents: {
    moa: {
      id: 'moa:meta.DynamicWeightedMajority',
      params: { baseLearner: 'l', period: 'p', beta: 'b', theta: 't', maxExperts: 'e' },
      notes: 'DWM draws nothing itself: its predictions depend on the seed only through a randomized base learner.',
    },
    capymoa: { id: 'capymoa:DynamicWeightedMajority', params: { baseLearner: 'base_learner', period: 'period', beta: 'beta', theta: 'theta', maxExperts: 'max_experts' }, notes: 'CapyMOA defaults maxExperts to 10000; mapped explicitly.' },
  },
};
