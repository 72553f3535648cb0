import { argMax, BaseLearner, Random, type Learner, type LearnerContext, type LearnerManifest, type LearnerSpec } from '@tributary/core';
import { ADWINChangeDetector } from '@tributary/drift-detectors';
import { addNormalizedVote, baseLearnerHyperparameter, createMember, ensureCapacity } from './members.js';
import { PoissonSampler } from './poisson.js';
import { ENSEMBLES_VERSION, REFERENCES } from './references.js';
import { deriveSeed } from './seeds.js';

/** Hyperparameters of ADWIN bagging. */
export type AdwinBagParams = {
  /** Base learner spec (MOA -l). Default `hoeffding-tree`. */
  baseLearner: LearnerSpec;
  /** Number of members (MOA -s). Default 10. */
  ensembleSize: number;
};

const ID = 'adwin-bag';
/** MOA's OzaBagAdwin builds `new ADWIN()`, whose δ is 0.002; it has no option for it. */
const ADWIN_DELTA = 0.002;

const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  properties: {
    baseLearner: baseLearnerHyperparameter('hoeffding-tree', 'Learner each member is built from (any registered learner spec); MOA -l, default trees.HoeffdingTree.'),
    ensembleSize: { type: 'integer', default: 10, minimum: 1, maximum: 10000, description: 'Number of members in the bag (MOA -s).', 'x-search': { minimum: 5, maximum: 30 } },
  },
  additionalProperties: false,
};

/**
 * ADWIN bagging (Bifet et al. 2009), as MOA's `meta.OzaBagAdwin`: online
 * bagging where each member's 0/1 error (measured right after it learns the
 * instance) feeds its own ADWIN (δ = 0.002). When any ADWIN detects a rise of
 * its error, the member with the highest estimated error is replaced by a
 * fresh one.
 */
export class AdwinBag extends BaseLearner<AdwinBagParams> {
  /** The members, in slot order. */
  readonly members: Learner[];
  /** One error monitor per member. */
  readonly detectors: ADWINChangeDetector[];
  private readonly poisson: PoissonSampler;
  private readonly generations: Int32Array;
  private changes = 0;
  private replacements = 0;
  private memberVote: Float64Array = new Float64Array(2);

  constructor(params: Partial<AdwinBagParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.poisson = new PoissonSampler(new Random(context.seed), 1);
    const size = this.params.ensembleSize;
    this.members = [];
    this.detectors = [];
    for (let i = 0; i < size; i++) {
      this.members.push(createMember(ID, context, this.params.baseLearner, deriveSeed(context.seed, i)));
      this.detectors.push(new ADWINChangeDetector({ delta: ADWIN_DELTA }));
    }
    this.generations = new Int32Array(size);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    const k = this.numClasses;
    this.memberVote = ensureCapacity(this.memberVote, k);
    const members = this.members;
    let change = false;
    for (let i = 0; i < members.length; i++) {
      const draws = this.poisson.next();
      if (draws > 0) members[i].learnOne(x, y, weight * draws);
      const wrong = argMax(members[i].predictProbaOne(x, this.memberVote), k) === y ? 0 : 1;
      if (this.detectors[i].update(wrong)) change = true;
    }
    if (change) {
      this.changes++;
      this.replaceWorst();
    }
  }

  private replaceWorst(): void {
    let worst = -1;
    let maxError = 0;
    for (let i = 0; i < this.members.length; i++) {
      const error = this.detectors[i].estimation;
      if (maxError < error) {
        maxError = error;
        worst = i;
      }
    }
    if (worst < 0) return;
    this.members[worst] = createMember(ID, this.context, this.params.baseLearner, deriveSeed(this.context.seed, worst, ++this.generations[worst]));
    this.detectors[worst].reset();
    this.replacements++;
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.memberVote = ensureCapacity(this.memberVote, k);
    const members = this.members;
    for (let i = 0; i < members.length; i++) addNormalizedVote(out, members[i].predictProbaOne(x, this.memberVote), k, 1);
  }

  override sizeInBytes(): number {
    let total = 96 + this.memberVote.byteLength + this.generations.byteLength;
    for (let i = 0; i < this.members.length; i++) total += this.members[i].sizeInBytes() + this.detectors[i].sizeInBytes();
    return total;
  }

  measurements(): Record<string, number> {
    return { members: this.members.length, driftsDetected: this.changes, membersReplaced: this.replacements };
  }
}

/** Manifest of ADWIN bagging. */
export const adwinBagManifest: LearnerManifest<AdwinBagParams> = {
  id: ID,
  kind: 'learner',
  version: ENSEMBLES_VERSION,
  description: "ADWIN bagging: online bagging whose worst member is replaced when a member's ADWIN sees its error rise.",
  family: 'ensembles',
  references: [REFERENCES.adwinBagging, REFERENCES.ozaBagging, REFERENCES.adwin],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new AdwinBag(params, context),
  equivalents: {
    moa: { id: 'moa:meta.OzaBagAdwin', params: { baseLearner: 'l', ensembleSize: 's' } },
    river: {
      id: 'river:ensemble.ADWINBaggingClassifier',
      params: { baseLearner: 'model', ensembleSize: 'n_models' },
      notes: "River feeds its ADWINs 1 for a correct prediction (MOA and native feed 1 for an error), so the worst member is judged on a different quantity; runs agree in distribution at best.",
    },
    capymoa: { id: 'capymoa:OnlineAdwinBagging', params: { baseLearner: 'base_learner', ensembleSize: 'ensemble_size' }, notes: 'CapyMOA defaults to 100 members; the size is mapped explicitly.' },
  },
};
