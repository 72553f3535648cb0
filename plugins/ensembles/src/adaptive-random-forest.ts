import {
  argMax,
  BaseLearner,
  isTributaryError,
  normalizeLearnerSpec,
  Random,
  type Learner,
  type LearnerContext,
  type LearnerManifest,
  type LearnerSpec,
} from '@tributary/core';
import { AdaptiveMember, adaptiveMeasurements } from './adaptive-member.js';
import { forestSubspaceSize, SUBSPACE_MODES, type SubspaceMode } from './feature-subspace.js';
import { baseLearnerHyperparameter, createMember, ensureCapacity } from './members.js';
import { PoissonSampler } from './poisson.js';
import { PredictionCache } from './prediction-cache.js';
import { ENSEMBLES_VERSION, REFERENCES } from './references.js';
import { deriveSeed } from './seeds.js';

/** Hyperparameters of the Adaptive Random Forest. */
export type AdaptiveRandomForestParams = {
  /** Tree spec (MOA -l treeLearner). Default `arf-hoeffding-tree(gracePeriod=50, splitConfidence=0.01)`. */
  baseLearner: LearnerSpec;
  /** Number of trees (MOA -s). Default 100 (MOA; River and the benchmark use 10). */
  ensembleSize: number;
  /** How `mFeaturesPerTreeSize` is read (MOA -o). Default `Percentage`. */
  mFeaturesMode: SubspaceMode;
  /** m: features considered per split, read by `mFeaturesMode` (MOA -m). Default 60. */
  mFeaturesPerTreeSize: number;
  /** λ of the Poisson training weights (MOA -a). Default 6. */
  lambda: number;
  /** δ of each tree's drift ADWIN (MOA -x ADWINChangeDetector -a). Default 0.001. */
  driftDetectionDelta: number;
  /** δ of each tree's warning ADWIN (MOA -p ADWINChangeDetector -a). Default 0.01. */
  warningDetectionDelta: number;
  /** Plain majority of normalised votes instead of accuracy-weighted (MOA -w). Default false. */
  disableWeightedVote: boolean;
  /** No drift or warning detection, hence no background trees (MOA -u). Default false. */
  disableDriftDetection: boolean;
  /** Reset a tree at once on drift instead of growing a background tree from the warning (MOA -q). Default false. */
  disableBackgroundLearner: boolean;
  /** Seed every tree with the forest's seed, as MOA does (not a MOA option). Default false: each tree its own derived seed. */
  sharedTreeSeed: boolean;
};

const ID = 'arf';

/** MOA's default tree: `ARFHoeffdingTree -e 2000000 -g 50 -c 0.01`. */
export const ARF_DEFAULT_TREE = { id: 'arf-hoeffding-tree', params: { gracePeriod: 50, splitConfidence: 0.01, memoryEstimatePeriod: 2000000 } };

const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  properties: {
    baseLearner: baseLearnerHyperparameter(
      ARF_DEFAULT_TREE,
      "Tree each member is built from (MOA -l treeLearner, default ARFHoeffdingTree -e 2000000 -g 50 -c 0.01); it receives subspaceSize when its schema has that hyperparameter, otherwise it sees every feature.",
    ),
    ensembleSize: { type: 'integer', default: 100, minimum: 1, maximum: 10000, description: 'Number of trees (MOA -s, default 100; River and the Tributary benchmark use 10).', 'x-search': { minimum: 5, maximum: 100 } },
    mFeaturesMode: {
      type: 'string',
      enum: SUBSPACE_MODES,
      default: 'Percentage',
      description: 'How m is read: SpecifiedM = m features, SqrtM1 = round(√M)+1, MSqrtM1 = M − round(√M+1), Percentage = round(M·m/100) (MOA -o).',
    },
    mFeaturesPerTreeSize: { type: 'integer', default: 60, minimum: -100000, maximum: 100000, description: 'm, the features considered per split as read by mFeaturesMode; negative means M − m (MOA -m).', 'x-search': { minimum: 20, maximum: 90, when: { mFeaturesMode: 'Percentage' } } },
    lambda: { type: 'number', default: 6, minimum: 1, maximum: 1000, description: 'λ of the Poisson(λ) training weight of each tree (MOA -a).', 'x-search': { minimum: 1, maximum: 10 } },
    driftDetectionDelta: { type: 'number', default: 0.001, exclusiveMinimum: 0, maximum: 1, description: "δ of each tree's drift ADWIN; a drift replaces the tree (MOA -x ADWINChangeDetector -a 1.0E-3).", 'x-search': { log: true, minimum: 1e-5, maximum: 0.01 } },
    warningDetectionDelta: { type: 'number', default: 0.01, exclusiveMinimum: 0, maximum: 1, description: "δ of each tree's warning ADWIN; a warning starts a background tree (MOA -p ADWINChangeDetector -a 1.0E-2).", 'x-search': { log: true, minimum: 1e-4, maximum: 0.1 } },
    disableWeightedVote: { type: 'boolean', default: false, description: "Sum normalised votes unweighted instead of weighting each by its tree's prequential accuracy (MOA -w)." },
    disableDriftDetection: { type: 'boolean', default: false, description: 'Turn off drift and warning detection, and so background trees (MOA -u).' },
    disableBackgroundLearner: { type: 'boolean', default: false, description: 'Reset a tree at once on drift instead of swapping in a background tree grown since the warning (MOA -q).' },
    sharedTreeSeed: {
      type: 'boolean',
      default: false,
      description:
        "Seed every tree, background tree and replacement with the forest's seed, as MOA does (it copies one prepared tree), for instance-by-instance comparison with MOA; off, each tree gets its own derived seed and more diverse subspaces. Not a MOA option.",
    },
  },
  additionalProperties: false,
};

/**
 * Adaptive Random Forest (Gomes et al. 2017), as MOA's `meta.AdaptiveRandomForest`:
 * online bagging of Hoeffding trees with Poisson(λ = 6) weights, each tree
 * choosing among a random subset of the features at every leaf (the tree's
 * `subspaceSize` hook), plus per-tree ADWIN detectors on the tree's 0/1 error:
 * a warning (δ = 0.01) starts a background tree trained alongside, a drift
 * (δ = 0.001) swaps it in (or resets the tree when there is none). Trees vote
 * with their normalised probabilities weighted by their prequential accuracy
 * since they were created. Training, and hence detector updates, happen only
 * when the Poisson draw is positive; every tree is tested on every instance.
 */
export class AdaptiveRandomForest extends BaseLearner<AdaptiveRandomForestParams> {
  /** Features each tree considers per split. */
  readonly subspaceSize: number;
  /** Whether the tree took the `subspaceSize` hyperparameter (false: every tree sees every feature). */
  readonly subspacePerSplit: boolean;
  private readonly members: AdaptiveMember<Learner>[] = [];
  private readonly poisson: PoissonSampler;
  private readonly treeSpec: LearnerSpec;
  private readonly weightedVote: boolean;
  private readonly detectDrift: boolean;
  private instancesSeen = 0;
  private memberVote: Float64Array = new Float64Array(2);
  private readonly cache: PredictionCache;

  constructor(params: Partial<AdaptiveRandomForestParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    const p = this.params;
    this.poisson = new PoissonSampler(new Random(context.seed), p.lambda);
    this.weightedVote = !p.disableWeightedVote;
    this.detectDrift = !p.disableDriftDetection;
    this.cache = new PredictionCache(p.ensembleSize);
    this.subspaceSize = forestSubspaceSize(p.mFeaturesMode, p.mFeaturesPerTreeSize, context.schema.numFeatures);
    const base = normalizeLearnerSpec(p.baseLearner);
    const withSubspace = { id: base.id, params: { ...base.params, subspaceSize: this.subspaceSize } };
    let first: Learner;
    try {
      first = createMember(ID, context, withSubspace, this.treeSeed(0, 0));
      this.treeSpec = withSubspace;
      this.subspacePerSplit = true;
    } catch (error) {
      if (!isTributaryError(error) || error.code !== 'INVALID_HYPERPARAMETER' || !error.message.includes('"subspaceSize"')) throw error;
      this.treeSpec = base;
      this.subspacePerSplit = false;
      first = createMember(ID, context, base, this.treeSeed(0, 0));
    }
    const options = { detectDrift: this.detectDrift, useBackground: !p.disableBackgroundLearner, driftDelta: p.driftDetectionDelta, warningDelta: p.warningDetectionDelta };
    for (let i = 0; i < p.ensembleSize; i++) {
      const learner = i === 0 ? first : createMember(ID, context, this.treeSpec, this.treeSeed(i, 0));
      this.members.push(new AdaptiveMember(learner, options));
    }
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
      const predicted = cached !== null ? cached[i] : argMax(member.current.predictProbaOne(x, this.memberVote), k);
      member.recordTest(predicted === y, weight);
      const draws = this.poisson.next();
      if (draws > 0) this.train(i, member, x, y, weight, draws, k);
    }
  }

  private train(slot: number, member: AdaptiveMember<Learner>, x: Float64Array, y: number, weight: number, draws: number, k: number): void {
    member.current.learnOne(x, y, weight * draws);
    // Background trees learn with the instance's own weight, not the Poisson draw (MOA's ARFBaseLearner).
    if (member.background !== null) member.background.learnOne(x, y, weight);
    if (!this.detectDrift) return;
    const wrong = argMax(member.current.predictProbaOne(x, this.memberVote), k) === y ? 0 : 1;
    member.monitor(wrong, this.instancesSeen, () => this.newTree(slot, member));
  }

  private treeSeed(slot: number, generation: number): number {
    return this.params.sharedTreeSeed ? this.context.seed : deriveSeed(this.context.seed, slot, generation);
  }

  private newTree(slot: number, member: AdaptiveMember<Learner>): Learner {
    return createMember(ID, this.context, this.treeSpec, this.treeSeed(slot, ++member.generation));
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.memberVote = ensureCapacity(this.memberVote, k);
    const vote = this.memberVote;
    const members = this.members;
    const cache = this.cache;
    cache.begin(x, k, members.length);
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      const p = member.current.predictProbaOne(x, vote);
      cache.classes[i] = argMax(p, k);
      member.addVote(out, p, k, this.weightedVote);
    }
  }

  /** The trees voting now, in slot order (a new array; for inspection, not for hot paths). */
  memberLearners(): Learner[] {
    return this.members.map((m) => m.current);
  }

  override sizeInBytes(): number {
    let total = 128 + this.memberVote.byteLength;
    for (const member of this.members) {
      total += 96 + member.current.sizeInBytes() + member.detectorBytes();
      if (member.background) total += member.background.sizeInBytes();
    }
    return total;
  }

  measurements(): Record<string, number> {
    return { ...adaptiveMeasurements(this.members, this.instancesSeen), subspaceSize: this.subspacePerSplit ? this.subspaceSize : this.context.schema.numFeatures };
  }
}

/** Manifest of the Adaptive Random Forest. */
export const adaptiveRandomForestManifest: LearnerManifest<AdaptiveRandomForestParams> = {
  id: ID,
  kind: 'learner',
  version: ENSEMBLES_VERSION,
  description: 'Adaptive Random Forest: Poisson(6)-bagged random-subspace Hoeffding trees with per-tree ADWIN warning/drift detection and background trees.',
  family: 'ensembles',
  references: [REFERENCES.adaptiveRandomForest, REFERENCES.leveragingBagging, REFERENCES.adwin],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new AdaptiveRandomForest(params, context),
  equivalents: {
    moa: {
      id: 'moa:meta.AdaptiveRandomForest',
      params: {
        baseLearner: 'l',
        ensembleSize: 's',
        mFeaturesMode: 'o',
        mFeaturesPerTreeSize: 'm',
        lambda: 'a',
        disableWeightedVote: 'w',
        disableDriftDetection: 'u',
        disableBackgroundLearner: 'q',
      },
      values: { mFeaturesMode: Object.fromEntries(SUBSPACE_MODES.map((m, i) => [m, i])) },
      fixed: { j: 1 },
      notes:
        'driftDetectionDelta/warningDetectionDelta map to -x/-p "ADWINChangeDetector -a δ" (defaults equal; other values need those options spelled out). MOA copies one prepared tree, so all its trees share one random seed (the tree\'s -r, 1); native trees get seeds derived from the forest seed unless sharedTreeSeed is on (then, with seed 1, native and MOA agree on 99.87 % of electricity instances).',
    },
    river: {
      id: 'river:forest.ARFClassifier',
      params: { ensembleSize: 'n_models', lambda: 'lambda_value', disableWeightedVote: 'disable_weighted_vote' },
      fixed: { max_features: 0.6, grace_period: 50, delta: 0.01 },
      notes:
        "River's ARF takes tree options directly (no nested tree spec) and reads a float max_features as floor(p·M) where MOA rounds (round(0.6·M)); 'sqrt' is round(√M) in River but round(√M)+1 in MOA. River defaults to 10 trees and may train background trees with the Poisson weight (river#1266); MOA and native use weight 1.",
    },
    capymoa: { id: 'capymoa:AdaptiveRandomForestClassifier', params: { ensembleSize: 'ensemble_size', lambda: 'lambda_param' } },
  },
};
