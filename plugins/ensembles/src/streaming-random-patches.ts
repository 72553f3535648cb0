import { argMax, BaseLearner, Random, type Learner, type LearnerContext, type LearnerManifest, type LearnerSpec } from '@tributary/core';
import { AdaptiveMember, adaptiveMeasurements } from './adaptive-member.js';
import { javaRound, SUBSPACE_MODES, type SubspaceMode } from './feature-subspace.js';
import { baseLearnerHyperparameter, createMember, ensureCapacity } from './members.js';
import { PoissonSampler } from './poisson.js';
import { PredictionCache } from './prediction-cache.js';
import { ENSEMBLES_VERSION, REFERENCES } from './references.js';
import { deriveSeed } from './seeds.js';
import { SubspaceSchema } from './subspace-schema.js';

/** How SRP trains its members (MOA -t, in MOA's order). */
export const SRP_TRAINING_METHODS = ['RandomSubspaces', 'Resampling', 'RandomPatches'] as const;
/** One of `SRP_TRAINING_METHODS`. */
export type SrpTrainingMethod = (typeof SRP_TRAINING_METHODS)[number];

/** Hyperparameters of Streaming Random Patches. */
export type StreamingRandomPatchesParams = {
  /** Base learner spec (MOA -l). Default `hoeffding-tree(gracePeriod=50, splitConfidence=0.01)`. */
  baseLearner: LearnerSpec;
  /** Number of members (MOA -s). Default 100 (MOA; River and the benchmark use 10). */
  ensembleSize: number;
  /** How `subspaceSize` is read (MOA -o). Default `Percentage`. */
  subspaceMode: SubspaceMode;
  /** m: features per member, read by `subspaceMode` (MOA -m). Default 60. */
  subspaceSize: number;
  /** Random patches, random subspaces or plain resampling (MOA -t). Default `RandomPatches`. */
  trainingMethod: SrpTrainingMethod;
  /** λ of the Poisson training weights (MOA -a). Default 6. */
  lambda: number;
  /** δ of each member's drift ADWIN (MOA -x ADWINChangeDetector -a). Default 1e-5. */
  driftDetectionDelta: number;
  /** δ of each member's warning ADWIN (MOA -p ADWINChangeDetector -a). Default 1e-4. */
  warningDetectionDelta: number;
  /** Plain sum of normalised votes instead of accuracy-weighted (MOA -w). Default false. */
  disableWeightedVote: boolean;
  /** No drift or warning detection (MOA -u). Default false. */
  disableDriftDetection: boolean;
  /** Reset a member at once on drift instead of swapping in a background learner (MOA -q). Default false. */
  disableBackgroundLearner: boolean;
};

const ID = 'srp';

/** MOA's default base learner: `trees.HoeffdingTree -g 50 -c 0.01`. */
export const SRP_DEFAULT_BASE = { id: 'hoeffding-tree', params: { gracePeriod: 50, splitConfidence: 0.01 } };

const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  properties: {
    baseLearner: baseLearnerHyperparameter(SRP_DEFAULT_BASE, 'Learner each member is built from (MOA -l, default trees.HoeffdingTree -g 50 -c 0.01); any learner works, it sees only its subspace.'),
    ensembleSize: { type: 'integer', default: 100, minimum: 1, maximum: 10000, description: 'Number of members (MOA -s, default 100; River and the Tributary benchmark use 10).', 'x-search': { minimum: 5, maximum: 100 } },
    subspaceMode: {
      type: 'string',
      enum: SUBSPACE_MODES,
      default: 'Percentage',
      description: 'How m is read: SpecifiedM = m features, SqrtM1 = round(√M)+1, MSqrtM1 = M − round(√M+1), Percentage = round(M·m/100) (MOA -o).',
    },
    subspaceSize: { type: 'integer', default: 60, minimum: -100000, maximum: 100000, description: 'm, the features of each member as read by subspaceMode; negative means M − m (MOA -m).', 'x-search': { minimum: 20, maximum: 90, when: { subspaceMode: 'Percentage' } } },
    trainingMethod: {
      type: 'string',
      enum: SRP_TRAINING_METHODS,
      default: 'RandomPatches',
      description: 'RandomPatches: random feature subset and Poisson(λ) weights; RandomSubspaces: subset, weight 1; Resampling: all features, Poisson(λ) weights (MOA -t).',
    },
    lambda: { type: 'number', default: 6, minimum: 1, maximum: 1000, description: 'λ of the Poisson(λ) training weight of each member (MOA -a).', 'x-search': { minimum: 1, maximum: 10 } },
    driftDetectionDelta: { type: 'number', default: 1e-5, exclusiveMinimum: 0, maximum: 1, description: "δ of each member's drift ADWIN (MOA -x ADWINChangeDetector -a 1.0E-5).", 'x-search': { log: true, minimum: 1e-7, maximum: 1e-3 } },
    warningDetectionDelta: { type: 'number', default: 1e-4, exclusiveMinimum: 0, maximum: 1, description: "δ of each member's warning ADWIN; a warning starts a background learner on a new subspace (MOA -p ADWINChangeDetector -a 1.0E-4).", 'x-search': { log: true, minimum: 1e-6, maximum: 1e-2 } },
    disableWeightedVote: { type: 'boolean', default: false, description: "Sum normalised votes unweighted instead of weighting each by its member's prequential accuracy (MOA -w)." },
    disableDriftDetection: { type: 'boolean', default: false, description: 'Turn off drift and warning detection, and so background learners (MOA -u).' },
    disableBackgroundLearner: { type: 'boolean', default: false, description: 'Reset a member (on a new subspace) at once on drift instead of swapping in a background learner (MOA -q).' },
  },
  additionalProperties: false,
};

/** A learner with the feature subspace it sees (null: every feature). */
class Patch {
  readonly input: Float64Array | null;

  constructor(
    readonly learner: Learner,
    readonly schema: SubspaceSchema | null,
  ) {
    this.input = schema ? new Float64Array(schema.numFeatures) : null;
  }

  /** `x` restricted to this patch's features (written into a buffer owned by the patch). */
  view(x: Float64Array): Float64Array {
    return this.schema === null ? x : this.schema.project(x, this.input!);
  }
}

/**
 * Streaming Random Patches (Gomes, Read, Bifet & Durrant 2019), as MOA's
 * `meta.StreamingRandomPatches`: every member learns on its own random subset
 * of the features (a "patch" with Poisson(λ = 6) instance weights; or a plain
 * subspace, or plain resampling), chosen once when the member is created. Each
 * member has ADWIN warning (δ = 1e-4) and drift (δ = 1e-5) detectors on its
 * 0/1 error; a warning starts a background learner on a fresh random subspace,
 * a drift swaps it in. Votes are weighted by each member's prequential
 * accuracy.
 *
 * The subspace is applied by the ensemble, not by the base learner: each
 * member gets a live sub-schema of the stream's and a preallocated projection
 * buffer, so any learner can be the base.
 */
export class StreamingRandomPatches extends BaseLearner<StreamingRandomPatchesParams> {
  /** Features per member, or the stream's feature count when training by resampling. */
  readonly featuresPerMember: number;
  /** Training method in effect (MOA falls back to Resampling when the subspace would hold every feature). */
  readonly effectiveTrainingMethod: SrpTrainingMethod;
  private readonly members: AdaptiveMember<Patch>[] = [];
  private readonly random: Random;
  private readonly poisson: PoissonSampler;
  private readonly weightedVote: boolean;
  private readonly detectDrift: boolean;
  private readonly resampleWeights: boolean;
  private instancesSeen = 0;
  private memberVote: Float64Array = new Float64Array(2);
  private readonly cache: PredictionCache;

  constructor(params: Partial<StreamingRandomPatchesParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    const p = this.params;
    this.random = new Random(context.seed);
    this.poisson = new PoissonSampler(this.random, p.lambda);
    this.weightedVote = !p.disableWeightedVote;
    this.detectDrift = !p.disableDriftDetection;
    const numFeatures = context.schema.numFeatures;
    const plan = this.planSubspaces(numFeatures);
    this.effectiveTrainingMethod = plan.method;
    this.featuresPerMember = plan.subspaces ? plan.size : numFeatures;
    this.resampleWeights = plan.method !== 'RandomSubspaces';
    this.cache = new PredictionCache(p.ensembleSize);
    const options = { detectDrift: this.detectDrift, useBackground: !p.disableBackgroundLearner, driftDelta: p.driftDetectionDelta, warningDelta: p.warningDetectionDelta };
    for (let i = 0; i < p.ensembleSize; i++) {
      let schema: SubspaceSchema | null = null;
      if (plan.subspaces) {
        const selected = this.random.nextInt(plan.subspaces.length);
        schema = new SubspaceSchema(context.schema, plan.subspaces[selected]);
        plan.subspaces.splice(selected, 1);
      }
      this.members.push(new AdaptiveMember(new Patch(createMember(ID, context, p.baseLearner, deriveSeed(context.seed, i), schema ?? context.schema), schema), options));
    }
  }

  /**
   * MOA's choice of initial subspaces: the size k from the mode; with at most
   * 20 features (or k < 2) every k-combination in lexicographic order, repeated
   * until there is one per member; otherwise one random k-subset per member.
   * Members then draw theirs without replacement.
   */
  private planSubspaces(n: number): { method: SrpTrainingMethod; size: number; subspaces: number[][] | null } {
    const p = this.params;
    if (p.trainingMethod === 'Resampling') return { method: 'Resampling', size: n, subspaces: null };
    let k = p.subspaceSize;
    switch (p.subspaceMode) {
      case 'SqrtM1':
        k = javaRound(Math.sqrt(n)) + 1;
        break;
      case 'MSqrtM1':
        k = n - javaRound(Math.sqrt(n) + 1);
        break;
      case 'Percentage': {
        const percent = k < 0 ? (100 + k) / 100 : k / 100;
        k = javaRound(n * percent);
        if (k < 2) k += 1;
        break;
      }
      default:
        break;
    }
    if (k < 0) k = n + k;
    if (k <= 0 || k >= n) return { method: 'Resampling', size: n, subspaces: null };
    let subspaces: number[][];
    if (n <= 20 || k < 2) {
      if (k === 1 && n > 1) k = 2;
      subspaces = allCombinations(k, n);
      for (let i = 0; subspaces.length < p.ensembleSize; i++) subspaces.push([...subspaces[i]]);
    } else {
      subspaces = [];
      for (let i = 0; i < p.ensembleSize; i++) subspaces.push(this.randomSubspace(n, k));
    }
    return { method: p.trainingMethod, size: k, subspaces };
  }

  /** k of the n features, drawn by removing n − k at random (MOA's order of draws); sorted. */
  private randomSubspace(n: number, k: number): number[] {
    const features = Array.from({ length: n }, (_, i) => i);
    for (let j = 0; j < n - k; j++) features.splice(this.random.nextInt(features.length), 1);
    return features;
  }

  private newPatch(slot: number, member: AdaptiveMember<Patch>): Patch {
    const seed = deriveSeed(this.context.seed, slot, ++member.generation);
    if (member.current.schema === null) return new Patch(createMember(ID, this.context, this.params.baseLearner, seed), null);
    const schema = new SubspaceSchema(this.context.schema, this.randomSubspace(this.context.schema.numFeatures, this.featuresPerMember));
    return new Patch(createMember(ID, this.context, this.params.baseLearner, seed, schema), schema);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    this.instancesSeen++;
    const k = this.numClasses;
    this.memberVote = ensureCapacity(this.memberVote, k);
    const members = this.members;
    const cached = this.cache.matches(x, k) ? this.cache.classes : null;
    this.cache.invalidate();
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      const patch = member.current;
      const predicted = cached !== null ? cached[i] : argMax(patch.learner.predictProbaOne(patch.view(x), this.memberVote), k);
      member.recordTest(predicted === y, weight);
      if (!this.resampleWeights) {
        this.train(i, member, x, y, weight, k);
      } else {
        const draws = this.poisson.next();
        if (draws > 0) this.train(i, member, x, y, weight * draws, k);
      }
    }
  }

  private train(slot: number, member: AdaptiveMember<Patch>, x: Float64Array, y: number, weight: number, k: number): void {
    const patch = member.current;
    patch.learner.learnOne(patch.view(x), y, weight);
    // Unlike ARF, the background learner gets the Poisson-scaled weight too (MOA's StreamingRandomPatchesClassifier).
    const background = member.background;
    if (background !== null) background.learner.learnOne(background.view(x), y, weight);
    if (!this.detectDrift) return;
    const wrong = argMax(patch.learner.predictProbaOne(patch.view(x), this.memberVote), k) === y ? 0 : 1;
    member.monitor(wrong, this.instancesSeen, () => this.newPatch(slot, member));
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.memberVote = ensureCapacity(this.memberVote, k);
    const vote = this.memberVote;
    const members = this.members;
    const cache = this.cache;
    cache.begin(x, k, members.length);
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      const p = member.current.learner.predictProbaOne(member.current.view(x), vote);
      cache.classes[i] = argMax(p, k);
      member.addVote(out, p, k, this.weightedVote);
    }
  }

  /** The learners voting now, in slot order (a new array; for inspection, not for hot paths). */
  memberLearners(): Learner[] {
    return this.members.map((m) => m.current.learner);
  }

  /** Feature indexes each member sees now (null entries: every feature). */
  memberSubspaces(): (Int32Array | null)[] {
    return this.members.map((m) => (m.current.schema ? m.current.schema.featureIndexes.slice() : null));
  }

  override sizeInBytes(): number {
    let total = 128 + this.memberVote.byteLength;
    for (const member of this.members) {
      total += 96 + member.current.learner.sizeInBytes() + (member.current.input?.byteLength ?? 0) + member.detectorBytes();
      if (member.background) total += member.background.learner.sizeInBytes() + (member.background.input?.byteLength ?? 0);
    }
    return total;
  }

  measurements(): Record<string, number> {
    return { ...adaptiveMeasurements(this.members, this.instancesSeen), subspaceSize: this.featuresPerMember };
  }
}

/** Every k-combination of 0..n−1 in lexicographic order. */
function allCombinations(k: number, n: number): number[][] {
  const result: number[][] = [];
  const current = new Array<number>(k);
  const fill = (offset: number, depth: number): void => {
    if (depth === k) {
      result.push(current.slice());
      return;
    }
    for (let i = offset; i <= n - (k - depth); i++) {
      current[depth] = i;
      fill(i + 1, depth + 1);
    }
  };
  fill(0, 0);
  return result;
}

/** Manifest of Streaming Random Patches. */
export const streamingRandomPatchesManifest: LearnerManifest<StreamingRandomPatchesParams> = {
  id: ID,
  kind: 'learner',
  version: ENSEMBLES_VERSION,
  description: 'Streaming Random Patches: members on random feature subsets with Poisson(6) weights, ADWIN warning/drift detection and background learners.',
  family: 'ensembles',
  references: [REFERENCES.streamingRandomPatches, REFERENCES.adwin],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new StreamingRandomPatches(params, context),
  equivalents: {
    moa: {
      id: 'moa:meta.StreamingRandomPatches',
      params: {
        baseLearner: 'l',
        ensembleSize: 's',
        subspaceMode: 'o',
        subspaceSize: 'm',
        trainingMethod: 't',
        lambda: 'a',
        disableWeightedVote: 'w',
        disableDriftDetection: 'u',
        disableBackgroundLearner: 'q',
      },
      values: { subspaceMode: Object.fromEntries(SUBSPACE_MODES.map((m, i) => [m, i])), trainingMethod: Object.fromEntries(SRP_TRAINING_METHODS.map((m, i) => [m, i])) },
      notes:
        'driftDetectionDelta/warningDetectionDelta map to -x/-p "ADWINChangeDetector -a δ" (defaults equal). MOA trains subspace members with weight k regardless of the instance weight; native multiplies by the instance weight (the same on unweighted streams). After a drift swaps a background learner in, MOA keeps holding it (unlike its ARF), so the member trains twice per instance until the next warning; native trains once (see docs/algorithms/srp.md).',
    },
    river: {
      id: 'river:ensemble.SRPClassifier',
      params: { baseLearner: 'model', ensembleSize: 'n_models', lambda: 'lam', disableWeightedVote: 'disable_weighted_vote' },
      values: { trainingMethod: { RandomPatches: 'patches', RandomSubspaces: 'subspaces', Resampling: 'resampling' } },
      fixed: { subspace_size: 0.6, training_method: 'patches' },
      notes: "River defaults to 10 members and draws subspaces with its own generator and rounding rules; its base tree must be given (grace_period=50, delta=0.01 to match).",
    },
    capymoa: { id: 'capymoa:StreamingRandomPatches', params: { ensembleSize: 'ensemble_size', lambda: 'lambda_param' } },
  },
};
