import { argMax, BaseLearner, Random, type Learner, type LearnerContext, type LearnerManifest, type LearnerSpec } from '@tributary/core';
import { addNormalizedVote, baseLearnerHyperparameter, createMember, ensureCapacity } from './members.js';
import { PoissonSampler } from './poisson.js';
import { ENSEMBLES_VERSION, REFERENCES } from './references.js';
import { deriveSeed } from './seeds.js';

/** Hyperparameters of online boosting. */
export type OzaBoostParams = {
  /** Base learner spec (MOA -l). Default `hoeffding-tree`. */
  baseLearner: LearnerSpec;
  /** Number of boosted members (MOA -s). Default 10. */
  ensembleSize: number;
  /** Train with the boosting weight itself instead of a Poisson draw around it (MOA -p). Default false. */
  pureBoost: boolean;
};

const ID = 'oza-boost';

const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  properties: {
    baseLearner: baseLearnerHyperparameter('hoeffding-tree', 'Learner each member is built from (any registered learner spec); MOA -l, default trees.HoeffdingTree.'),
    ensembleSize: { type: 'integer', default: 10, minimum: 1, maximum: 10000, description: 'Number of models to boost (MOA -s).', 'x-search': { minimum: 5, maximum: 30 } },
    pureBoost: { type: 'boolean', default: false, description: 'Boost with the weights only, no Poisson draw (MOA -p).' },
  },
  additionalProperties: false,
};

/**
 * Online boosting (Oza & Russell 2001), as MOA's `meta.OzaBoost`: the instance
 * passes through the members in order with a weight λ that starts at 1; each
 * member learns it with weight Poisson(λ) (or λ itself with `pureBoost`), then
 * λ grows when that member misclassifies it and shrinks when it is right, in
 * proportion to the member's running weighted error. A member votes with
 * weight ln((1−ε)/ε) while its error ε is in (0, 0.5]; the vote stops at the
 * first member outside that range (MOA's rule). Where MOA would then return no
 * vote at all (the first member has no error yet, or more than 0.5), a member
 * with no error decides alone and otherwise all members vote unweighted, so
 * the output is always a distribution once a member has an opinion.
 */
export class OzaBoost extends BaseLearner<OzaBoostParams> {
  /** The members, in boosting order. */
  readonly members: Learner[];
  private readonly random: Random;
  /** Weight of the instances each member classified correctly / wrongly (λ sums). */
  private readonly correctLambda: Float64Array;
  private readonly wrongLambda: Float64Array;
  private trainingWeightSeen = 0;
  private memberVote: Float64Array = new Float64Array(2);

  constructor(params: Partial<OzaBoostParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.random = new Random(context.seed);
    const size = this.params.ensembleSize;
    this.members = [];
    for (let i = 0; i < size; i++) this.members.push(createMember(ID, context, this.params.baseLearner, deriveSeed(context.seed, i)));
    this.correctLambda = new Float64Array(size);
    this.wrongLambda = new Float64Array(size);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    this.trainingWeightSeen += weight;
    const k = this.numClasses;
    this.memberVote = ensureCapacity(this.memberVote, k);
    const members = this.members;
    const pure = this.params.pureBoost;
    let lambda = 1;
    for (let i = 0; i < members.length; i++) {
      const draws = pure ? lambda : this.random.nextPoisson(lambda);
      if (draws > 0) members[i].learnOne(x, y, weight * draws);
      if (argMax(members[i].predictProbaOne(x, this.memberVote), k) === y) {
        this.correctLambda[i] += lambda;
        lambda *= this.trainingWeightSeen / (2 * this.correctLambda[i]);
      } else {
        this.wrongLambda[i] += lambda;
        lambda *= this.trainingWeightSeen / (2 * this.wrongLambda[i]);
      }
    }
  }

  /** Voting weight of member `i`: ln(1/β) with β = ε/(1−ε), or 0 when ε is 0 or above 0.5. */
  memberWeight(i: number): number {
    const error = this.wrongLambda[i] / (this.correctLambda[i] + this.wrongLambda[i]);
    if (error === 0 || error > 0.5 || Number.isNaN(error)) return 0;
    return Math.log((1 - error) / error);
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.memberVote = ensureCapacity(this.memberVote, k);
    const members = this.members;
    let voted = false;
    let stop = 0;
    for (; stop < members.length; stop++) {
      const memberWeight = this.memberWeight(stop);
      if (!(memberWeight > 0)) break;
      if (addNormalizedVote(out, members[stop].predictProbaOne(x, this.memberVote), k, memberWeight)) voted = true;
    }
    if (voted || stop === members.length) return;
    // MOA returns no vote here (its evaluator then predicts class 0). A member with no error so far
    // would have infinite weight, so it decides alone; otherwise every member votes unweighted.
    if (this.correctLambda[stop] > 0 && this.wrongLambda[stop] === 0) {
      addNormalizedVote(out, members[stop].predictProbaOne(x, this.memberVote), k, 1);
      return;
    }
    for (let i = 0; i < members.length; i++) addNormalizedVote(out, members[i].predictProbaOne(x, this.memberVote), k, 1);
  }

  override sizeInBytes(): number {
    let total = 96 + this.memberVote.byteLength + this.correctLambda.byteLength + this.wrongLambda.byteLength;
    for (const member of this.members) total += member.sizeInBytes();
    return total;
  }

  measurements(): Record<string, number> {
    let voting = 0;
    while (voting < this.members.length && this.memberWeight(voting) > 0) voting++;
    return { members: this.members.length, votingMembers: voting };
  }
}

/** Manifest of online boosting. */
export const ozaBoostManifest: LearnerManifest<OzaBoostParams> = {
  id: ID,
  kind: 'learner',
  version: ENSEMBLES_VERSION,
  description: 'Online boosting (Oza & Russell): members in sequence, each learning with a weight raised where its predecessors erred.',
  family: 'ensembles',
  references: [REFERENCES.ozaBagging],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new OzaBoost(params, context),
  equivalents: {
    moa: { id: 'moa:meta.OzaBoost', params: { baseLearner: 'l', ensembleSize: 's', pureBoost: 'p' } },
    river: {
      id: 'river:ensemble.AdaBoostClassifier',
      params: { baseLearner: 'model', ensembleSize: 'n_models' },
      notes: "River's AdaBoostClassifier has no pureBoost switch and calls a member's learn_one k times instead of learning once with weight k; its Poisson draws come from its own generator.",
    },
    capymoa: { id: 'capymoa:OzaBoost', params: { baseLearner: 'base_learner', ensembleSize: 'boosting_iterations', pureBoost: 'use_pure_boost' } },
  },
};
