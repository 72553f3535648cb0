import { BaseLearner, Random, type Learner, type LearnerContext, type LearnerManifest, type LearnerSpec } from '@tributary/core';
import { addNormalizedVote, baseLearnerHyperparameter, createMember, ensureCapacity } from './members.js';
import { PoissonSampler } from './poisson.js';
import { ENSEMBLES_VERSION, REFERENCES } from './references.js';
import { deriveSeed } from './seeds.js';

/** Hyperparameters of online bagging. */
export type OzaBagParams = {
  /** Base learner spec (MOA -l). Default `hoeffding-tree`. */
  baseLearner: LearnerSpec;
  /** Number of members (MOA -s). Default 10. */
  ensembleSize: number;
};

const ID = 'oza-bag';

const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  properties: {
    baseLearner: baseLearnerHyperparameter('hoeffding-tree', 'Learner each member is built from (any registered learner spec); MOA -l, default trees.HoeffdingTree.'),
    ensembleSize: { type: 'integer', default: 10, minimum: 1, maximum: 10000, description: 'Number of members in the bag (MOA -s).', 'x-search': { minimum: 5, maximum: 30 } },
  },
  additionalProperties: false,
};

/**
 * Online bagging (Oza & Russell 2001): every member learns each instance with
 * weight k ~ Poisson(1), which mimics bootstrap resampling on a stream;
 * prediction sums the members' normalised votes. As MOA's `meta.OzaBag`.
 */
export class OzaBag extends BaseLearner<OzaBagParams> {
  /** The members, in slot order. */
  readonly members: Learner[];
  private readonly poisson: PoissonSampler;
  private memberVote: Float64Array = new Float64Array(2);

  constructor(params: Partial<OzaBagParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.poisson = new PoissonSampler(new Random(context.seed), 1);
    this.members = [];
    for (let i = 0; i < this.params.ensembleSize; i++) this.members.push(createMember(ID, context, this.params.baseLearner, deriveSeed(context.seed, i)));
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    const members = this.members;
    for (let i = 0; i < members.length; i++) {
      const k = this.poisson.next();
      if (k > 0) members[i].learnOne(x, y, weight * k);
    }
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.memberVote = ensureCapacity(this.memberVote, k);
    const members = this.members;
    for (let i = 0; i < members.length; i++) addNormalizedVote(out, members[i].predictProbaOne(x, this.memberVote), k, 1);
  }

  override sizeInBytes(): number {
    let total = 64 + this.memberVote.byteLength;
    for (const member of this.members) total += member.sizeInBytes();
    return total;
  }

  measurements(): Record<string, number> {
    return { members: this.members.length };
  }
}

/** Manifest of online bagging. */
export const ozaBagManifest: LearnerManifest<OzaBagParams> = {
  id: ID,
  kind: 'learner',
  version: ENSEMBLES_VERSION,
  description: 'Online bagging (Oza & Russell): members learn each instance with a Poisson(1) weight; votes are summed.',
  family: 'ensembles',
  references: [REFERENCES.ozaBagging],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new OzaBag(params, context),
  equivalents: {
    moa: { id: 'moa:meta.OzaBag', params: { baseLearner: 'l', ensembleSize: 's' }, notes: 'MOA copies one base learner (all members share its random seed); native members get seeds derived from the ensemble seed.' },
    river: { id: 'river:ensemble.BaggingClassifier', params: { baseLearner: 'model', ensembleSize: 'n_models' }, notes: "River draws the Poisson weights from numpy's generator, so runs agree in distribution, not instance by instance." },
    capymoa: { id: 'capymoa:OnlineBagging', params: { baseLearner: 'base_learner', ensembleSize: 'ensemble_size' }, notes: 'CapyMOA defaults to 100 members; the size is mapped explicitly.' },
  },
};
