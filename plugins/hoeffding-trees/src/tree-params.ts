import type { HyperparametersSchema } from '@tributary/core';

/** Leaf prediction strategies (MOA `-l`): majority class, naive Bayes, or whichever of the two has been more accurate at the leaf. */
export type LeafPrediction = 'MC' | 'NB' | 'NBAdaptive';

/** Split criteria (MOA `-s`). */
export type SplitCriterionName = 'info-gain' | 'gini';

/** Hyperparameters shared by the Hoeffding trees (names follow MOA's option names). */
export interface TreeParams {
  gracePeriod: number;
  splitConfidence: number;
  tieThreshold: number;
  splitCriterion: SplitCriterionName;
  minBranchFraction: number;
  leafPrediction: LeafPrediction;
  nbThreshold: number;
  numBins: number;
  binarySplits: boolean;
  removePoorAtts: boolean;
  noPrePrune: boolean;
  maxByteSize: number;
  memoryEstimatePeriod: number;
  stopMemManagement: boolean;
  [name: string]: unknown;
}

/** Default values that differ between tree variants. */
export interface TreeDefaults {
  gracePeriod: number;
  splitConfidence: number;
  memoryEstimatePeriod: number;
}

/** MOA's HoeffdingTree defaults. */
export const MOA_TREE_DEFAULTS: TreeDefaults = { gracePeriod: 200, splitConfidence: 1e-7, memoryEstimatePeriod: 1_000_000 };

/** JSON Schema properties of the shared tree hyperparameters, with the given defaults. */
export function treeHyperparameterProperties(defaults: TreeDefaults, omit: readonly string[] = []): HyperparametersSchema['properties'] {
  const all: HyperparametersSchema['properties'] = {
    gracePeriod: {
      type: 'integer',
      default: defaults.gracePeriod,
      minimum: 0,
      description: 'Weight a leaf must see between split attempts (MOA -g). Smaller grows faster but spends more time evaluating splits; one of the two most influential settings.',
      'x-search': { minimum: 10, maximum: 1000, log: true },
    },
    splitConfidence: {
      type: 'number',
      default: defaults.splitConfidence,
      minimum: 0,
      maximum: 1,
      description: 'δ of the Hoeffding bound (MOA -c): the allowed probability of choosing the wrong split. Larger splits sooner on less evidence; the most influential setting.',
      'x-search': { minimum: 1e-10, maximum: 0.1, log: true },
    },
    tieThreshold: {
      type: 'number',
      default: 0.05,
      minimum: 0,
      maximum: 1,
      description: 'Split anyway once the Hoeffding bound falls below this, as the best candidates are then practically tied (MOA -t).',
      'x-search': { minimum: 0.01, maximum: 0.2 },
    },
    splitCriterion: {
      type: 'string',
      enum: ['info-gain', 'gini'],
      default: 'info-gain',
      description: 'Merit of a split (MOA -s): information gain (MOA default) or 1 − Gini impurity.',
    },
    minBranchFraction: {
      type: 'number',
      default: 0.01,
      minimum: 0,
      maximum: 0.5,
      description: 'Information gain only: a split needs at least two branches with more than this fraction of the weight (MOA InfoGainSplitCriterion -f).',
    },
    leafPrediction: {
      type: 'string',
      enum: ['MC', 'NB', 'NBAdaptive'],
      default: 'NBAdaptive',
      description: 'Prediction at leaves (MOA -l): majority class, naive Bayes, or NB-adaptive (whichever has been more accurate at that leaf; MOA default).',
    },
    nbThreshold: {
      type: 'integer',
      default: 0,
      minimum: 0,
      description: 'NB leaves only: weight a leaf must see before naive Bayes is used instead of the majority class (MOA -q).',
    },
    numBins: {
      type: 'integer',
      default: 10,
      minimum: 1,
      description: 'Split points evaluated per numeric attribute by the Gaussian observer (MOA GaussianNumericAttributeClassObserver -n).',
    },
    binarySplits: { type: 'boolean', default: false, description: 'Only binary splits on nominal attributes, no multiway splits (MOA flag -b).' },
    removePoorAtts: { type: 'boolean', default: false, description: 'Stop observing attributes that are clearly worse than the best (MOA flag -r; ignored with NB and NB-adaptive leaves, as in MOA).' },
    noPrePrune: { type: 'boolean', default: false, description: 'Do not consider "no split" as a candidate (MOA flag -p). With information gain that candidate rarely wins anyway.' },
    maxByteSize: {
      type: 'integer',
      default: 33_554_432,
      minimum: 0,
      description: 'Memory budget of the tree in bytes (MOA -m, 32 MiB); over it the least promising leaves are deactivated. Estimated from this implementation\'s own node sizes.',
    },
    memoryEstimatePeriod: {
      type: 'integer',
      default: defaults.memoryEstimatePeriod,
      minimum: 0,
      description: 'Training weight between memory checks (MOA -e).',
    },
    stopMemManagement: { type: 'boolean', default: false, description: 'Stop growing as soon as the memory budget is hit instead of deactivating leaves (MOA flag -z).' },
  };
  for (const name of omit) delete all[name];
  return all;
}

/** Options MOA's HAT and EFDT accept but never act on (they make no memory estimate; their leaves ignore them): left out of their schemas. */
export const INERT_IN_ADAPTIVE_TREES = ['removePoorAtts', 'maxByteSize', 'memoryEstimatePeriod', 'stopMemManagement'] as const;

/** Value translations of the enum parameters for MOA's command line. */
export const MOA_TREE_VALUES = {
  leafPrediction: { MC: 'MC', NB: 'NB', NBAdaptive: 'NBAdaptive' },
  splitCriterion: { 'info-gain': 'InfoGainSplitCriterion', gini: 'GiniSplitCriterion' },
};

/** Option letters of the shared tree parameters in MOA. */
export const MOA_TREE_OPTIONS: Record<string, string> = {
  gracePeriod: 'g',
  splitConfidence: 'c',
  tieThreshold: 't',
  splitCriterion: 's',
  leafPrediction: 'l',
  nbThreshold: 'q',
  binarySplits: 'b',
  removePoorAtts: 'r',
  noPrePrune: 'p',
  maxByteSize: 'm',
  memoryEstimatePeriod: 'e',
  stopMemManagement: 'z',
};

/** River constructor arguments of the shared tree parameters. */
export const RIVER_TREE_OPTIONS: Record<string, string> = {
  gracePeriod: 'grace_period',
  splitConfidence: 'delta',
  tieThreshold: 'tau',
  splitCriterion: 'split_criterion',
  minBranchFraction: 'min_branch_fraction',
  leafPrediction: 'leaf_prediction',
  nbThreshold: 'nb_threshold',
  binarySplits: 'binary_split',
  removePoorAtts: 'remove_poor_attrs',
  noPrePrune: 'merit_preprune',
  memoryEstimatePeriod: 'memory_estimate_period',
  stopMemManagement: 'stop_mem_management',
};

/** Value translations for River. */
export const RIVER_TREE_VALUES = {
  leafPrediction: { MC: 'mc', NB: 'nb', NBAdaptive: 'nba' },
  splitCriterion: { 'info-gain': 'info_gain', gini: 'gini' },
  noPrePrune: { true: false, false: true },
};

/** River settings pinned for parity with MOA's defaults (MOA's 32 MiB budget in River's MB unit; max_share_to_split disabled, as MOA has no such rule). */
export const RIVER_TREE_FIXED = { max_size: 32, max_share_to_split: 1.0 };
