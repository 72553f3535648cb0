import { argMax, BaseLearner, Random, type Learner, type LearnerContext, type LearnerManifest, type LearnerSpec } from '@tributary/core';
import { ADWINChangeDetector } from '@tributary/drift-detectors';
import { BinaryTargetSchema } from './binary-target-schema.js';
import { addNormalizedVote, baseLearnerHyperparameter, createMember, ensureCapacity } from './members.js';
import { PoissonSampler } from './poisson.js';
import { ENSEMBLES_VERSION, REFERENCES } from './references.js';
import { deriveSeed } from './seeds.js';

/** Variants of leveraging bagging (MOA -m, in MOA's order). */
export const LEVERAGING_BAG_METHODS = ['LeveragingBag', 'LeveragingBagME', 'LeveragingBagHalf', 'LeveragingBagWT', 'LeveragingSubag'] as const;
/** One of `LEVERAGING_BAG_METHODS`. */
export type LeveragingBagMethod = (typeof LEVERAGING_BAG_METHODS)[number];

/** Hyperparameters of leveraging bagging. */
export type LeveragingBagParams = {
  /** Base learner spec (MOA -l). Default `hoeffding-tree`. */
  baseLearner: LearnerSpec;
  /** Number of members (MOA -s). Default 10. */
  ensembleSize: number;
  /** λ of the Poisson weights (MOA -w). Default 6. */
  weightShrink: number;
  /** δ of each member's ADWIN (MOA -a). Default 0.002. */
  deltaAdwin: number;
  /** Resampling variant (MOA -m). Default `LeveragingBag`. */
  leveragingBagAlgorithm: LeveragingBagMethod;
  /** Train binary members on random output codes of the classes (MOA -o). Default false. */
  outputCodes: boolean;
};

const ID = 'leveraging-bag';

const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  properties: {
    baseLearner: baseLearnerHyperparameter('hoeffding-tree', 'Learner each member is built from (any registered learner spec); MOA -l, default trees.HoeffdingTree.'),
    ensembleSize: { type: 'integer', default: 10, minimum: 1, maximum: 10000, description: 'Number of members in the bag (MOA -s).', 'x-search': { minimum: 5, maximum: 30 } },
    weightShrink: { type: 'number', default: 6, minimum: 0, maximum: 1000, description: 'λ of the Poisson(λ) training weights; larger means more weight and more diversity (MOA -w).', 'x-search': { minimum: 1, maximum: 10 } },
    deltaAdwin: { type: 'number', default: 0.002, exclusiveMinimum: 0, maximum: 1, description: "δ of each member's ADWIN error monitor (MOA -a).", 'x-search': { log: true, minimum: 1e-5, maximum: 0.1 } },
    leveragingBagAlgorithm: {
      type: 'string',
      enum: LEVERAGING_BAG_METHODS,
      default: 'LeveragingBag',
      description: 'LeveragingBag: Poisson(λ) weights; ME: weight 1 when wrong, else 1 with probability ε/(1−ε); Half: weight 1 with probability ½; WT: 1 + Poisson(1); Subag: 1 when Poisson(1) > 0 (MOA -m).',
    },
    outputCodes: {
      type: 'boolean',
      default: false,
      description: 'Each member learns a binary problem: a random balanced 0/1 code of the classes; the ensemble counts, per class, the members whose predicted bit matches its code (MOA -o).',
    },
  },
  additionalProperties: false,
};

const METHOD_BAG = 0;
const METHOD_ME = 1;
const METHOD_HALF = 2;
const METHOD_WT = 3;

/**
 * Leveraging bagging (Bifet, Holmes & Pfahringer 2010), as MOA's
 * `meta.LeveragingBag`: online bagging with heavier
 * Poisson(λ = 6) weights for more diversity, and one ADWIN per member on its
 * 0/1 error (measured right after it learns the instance); when an ADWIN
 * detects a rise, the member with the highest estimated error is replaced by a
 * fresh one. With `outputCodes`, each member learns a random balanced binary
 * relabelling of the classes (random output codes) and the ensemble counts,
 * per class, the members whose predicted bit equals that class's bit.
 */
export class LeveragingBag extends BaseLearner<LeveragingBagParams> {
  /** The members, in slot order. */
  readonly members: Learner[];
  /** One error monitor per member. */
  readonly detectors: ADWINChangeDetector[];
  private readonly random: Random;
  private readonly poissonW: PoissonSampler;
  private readonly poissonOne: PoissonSampler;
  private readonly method: number;
  private readonly generations: Int32Array;
  private changes = 0;
  private memberVote: Float64Array = new Float64Array(2);
  /** Member schema with the binary target (output codes only). */
  private readonly binarySchema: BinaryTargetSchema | null;
  /** Output code of each member: `codes[i][c]` is the bit class c maps to (empty until the first instance). */
  private readonly codes: Int8Array[];
  private codedClasses = 0;
  private codeRandom: Random | null = null;

  constructor(params: Partial<LeveragingBagParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    this.random = new Random(context.seed);
    this.poissonW = new PoissonSampler(this.random, this.params.weightShrink);
    this.poissonOne = new PoissonSampler(this.random, 1);
    this.method = LEVERAGING_BAG_METHODS.indexOf(this.params.leveragingBagAlgorithm);
    this.binarySchema = this.params.outputCodes ? new BinaryTargetSchema(context.schema) : null;
    const size = this.params.ensembleSize;
    this.codes = Array.from({ length: size }, () => new Int8Array(0));
    this.members = [];
    this.detectors = [];
    for (let i = 0; i < size; i++) {
      this.members.push(this.newMember(i, 0));
      this.detectors.push(new ADWINChangeDetector({ delta: this.params.deltaAdwin }));
    }
    this.generations = new Int32Array(size);
  }

  private newMember(slot: number, generation: number): Learner {
    const seed = deriveSeed(this.context.seed, slot, generation);
    return this.binarySchema ? createMember(ID, this.context, this.params.baseLearner, seed, this.binarySchema) : createMember(ID, this.context, this.params.baseLearner, seed);
  }

  /**
   * Output codes, grown one class at a time in class order: class 0 gets a
   * random bit per member, class 1 its complement (so every member separates
   * the first two classes; for two classes this is MOA's code), and each later
   * class a random bit. The bits come from a generator of their own, so the
   * codes do not depend on when a class first appears. MOA instead draws all
   * classes at once from the ensemble's generator, redrawing until ones and
   * zeros differ by at most (ensemble size mod 2) — a loop that never ends for
   * an odd number of classes and an even ensemble size.
   */
  private extendCodes(numClasses: number): void {
    if (numClasses <= this.codedClasses) return;
    const random = (this.codeRandom ??= new Random(deriveSeed(this.context.seed, this.codes.length, 1)));
    for (let i = 0; i < this.codes.length; i++) {
      const code = new Int8Array(numClasses);
      code.set(this.codes[i]);
      this.codes[i] = code;
    }
    for (let c = this.codedClasses; c < numClasses; c++) {
      for (let i = 0; i < this.codes.length; i++) this.codes[i][c] = c === 1 ? 1 - this.codes[i][0] : random.nextBoolean() ? 1 : 0;
    }
    this.codedClasses = numClasses;
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    const k = this.numClasses;
    this.memberVote = ensureCapacity(this.memberVote, k);
    if (this.binarySchema) this.extendCodes(Math.max(k, y + 1));
    const members = this.members;
    const memberClasses = this.binarySchema ? 2 : k;
    let change = false;
    for (let i = 0; i < members.length; i++) {
      const target = this.binarySchema ? this.codes[i][y] : y;
      const draws = this.trainingWeight(i, x, target, memberClasses);
      if (draws > 0) members[i].learnOne(x, target, weight * draws);
      const wrong = argMax(members[i].predictProbaOne(x, this.memberVote), memberClasses) === target ? 0 : 1;
      if (this.detectors[i].update(wrong)) change = true;
    }
    if (change) {
      this.changes++;
      this.replaceWorst();
    }
  }

  private trainingWeight(i: number, x: Float64Array, y: number, k: number): number {
    switch (this.method) {
      case METHOD_BAG:
        return this.poissonW.next();
      case METHOD_ME: {
        const error = this.detectors[i].estimation;
        if (argMax(this.members[i].predictProbaOne(x, this.memberVote), k) !== y) return 1;
        return this.random.nextDouble() < error / (1 - error) ? 1 : 0;
      }
      case METHOD_HALF:
        return this.random.nextBoolean() ? 0 : 1;
      case METHOD_WT:
        return 1 + this.poissonOne.next();
      default:
        return this.poissonOne.next() > 0 ? 1 : 0;
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
    this.members[worst] = this.newMember(worst, ++this.generations[worst]);
    this.detectors[worst].reset();
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.memberVote = ensureCapacity(this.memberVote, k);
    const members = this.members;
    if (this.binarySchema) {
      if (this.codedClasses === 0) return;
      const coded = Math.min(k, this.codedClasses);
      for (let i = 0; i < members.length; i++) {
        const vote = members[i].predictProbaOne(x, this.memberVote);
        const bit = vote[1] > vote[0] ? 1 : 0;
        const code = this.codes[i];
        for (let c = 0; c < coded; c++) if (code[c] === bit) out[c] += 1;
      }
      return;
    }
    for (let i = 0; i < members.length; i++) addNormalizedVote(out, members[i].predictProbaOne(x, this.memberVote), k, 1);
  }

  override sizeInBytes(): number {
    let total = 96 + this.memberVote.byteLength + this.generations.byteLength;
    for (let i = 0; i < this.members.length; i++) total += this.members[i].sizeInBytes() + this.detectors[i].sizeInBytes();
    return total;
  }

  measurements(): Record<string, number> {
    let replaced = 0;
    for (let i = 0; i < this.generations.length; i++) replaced += this.generations[i];
    return { members: this.members.length, driftsDetected: this.changes, membersReplaced: replaced };
  }
}

/** Manifest of leveraging bagging. */
export const leveragingBagManifest: LearnerManifest<LeveragingBagParams> = {
  id: ID,
  kind: 'learner',
  version: ENSEMBLES_VERSION,
  description: "Leveraging bagging: online bagging with Poisson(6) weights and an ADWIN per member that replaces the worst member on drift.",
  family: 'ensembles',
  references: [REFERENCES.leveragingBagging, REFERENCES.adwin],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new LeveragingBag(params, context),
  equivalents: {
    moa: {
      id: 'moa:meta.LeveragingBag',
      params: { baseLearner: 'l', ensembleSize: 's', weightShrink: 'w', deltaAdwin: 'a', leveragingBagAlgorithm: 'm', outputCodes: 'o' },
      values: { leveragingBagAlgorithm: Object.fromEntries(LEVERAGING_BAG_METHODS.map((m, i) => [m, i])) },
      notes:
        "MOA's option is spelled leveraginBagAlgorithm. Output codes: for two classes native codes follow MOA's rule (second bit = complement of the first) but are drawn from a generator of their own; for more classes MOA redraws until balanced (which never ends for an odd class count and an even ensemble size) while native draws each later class's bit once and can grow codes for classes that appear mid-stream. MOA compares a member that skipped an instance against the previous member's code bit (one shared relabelled copy); native uses the member's own bit.",
    },
    river: {
      id: 'river:ensemble.LeveragingBaggingClassifier',
      params: { baseLearner: 'model', ensembleSize: 'n_models', weightShrink: 'w', deltaAdwin: 'adwin_delta', leveragingBagAlgorithm: 'bagging_method' },
      values: { leveragingBagAlgorithm: { LeveragingBag: 'bag', LeveragingBagME: 'me', LeveragingBagHalf: 'half', LeveragingBagWT: 'wt', LeveragingSubag: 'subag' } },
      notes: "River calls a member's learn_one k times instead of learning once with weight k.",
    },
    capymoa: { id: 'capymoa:LeveragingBagging', params: { baseLearner: 'base_learner', ensembleSize: 'ensemble_size' }, notes: 'CapyMOA defaults to 100 members; the size is mapped explicitly.' },
  },
};
