import type { LearnerContext, LearnerManifest } from '@tributary/core';
import { ARF_HOEFFDING_TREE_HYPERPARAMETERS, ArfHoeffdingTree, HOEFFDING_TREE_HYPERPARAMETERS, HoeffdingTree, type HoeffdingTreeParams } from './hoeffding-tree.js';
import { EFDT_HYPERPARAMETERS, Efdt, type EfdtParams } from './efdt.js';
import { HOEFFDING_ADAPTIVE_TREE_HYPERPARAMETERS, HoeffdingAdaptiveTree, type HoeffdingAdaptiveTreeParams } from './hoeffding-adaptive-tree.js';
import { MOA_TREE_OPTIONS, MOA_TREE_VALUES, RIVER_TREE_FIXED, RIVER_TREE_OPTIONS, RIVER_TREE_VALUES } from './tree-params.js';

/** The entries of `options` whose native name is in `schema` (options a variant left out do not map). */
function mapped(options: Record<string, string>, schema: { properties: Record<string, unknown> }, extra: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...options, ...extra }).filter(([name]) => name in schema.properties));
}

const MOA_TREE_NOTES =
  'Predictions equal MOA\'s instance for instance (checked on electricity, adult and kdd99). numBins maps to the numeric estimator (-n "GaussianNumericAttributeClassObserver -n N") and minBranchFraction to the criterion (-s "InfoGainSplitCriterion -f F"). The memory budget uses this implementation\'s own size estimates; MOA measures Java objects with the sizeofag agent, which on Java 17 reports far too little, so MOA rarely deactivates leaves where this learner may on very large trees. Where MOA\'s votes are all zero this learner gives a uniform distribution (same argmax, different AUC/log loss).';

/** Plugin manifest of `hoeffding-tree`. */
export const hoeffdingTreeManifest: LearnerManifest<HoeffdingTreeParams> = {
  id: 'hoeffding-tree',
  kind: 'learner',
  version: '0.1.0',
  description: "Hoeffding tree (VFDT) with MOA's defaults: Gaussian numeric observers, NB-adaptive leaves, memory management.",
  family: 'trees',
  references: ['domingos2000vfdt', 'gama2003vfdtc', 'pfahringer2008numeric', 'kirkby2007thesis', 'bifet2010moa'],
  hyperparameters: HOEFFDING_TREE_HYPERPARAMETERS,
  create: (params: HoeffdingTreeParams, context: LearnerContext) => new HoeffdingTree(params, context),
  equivalents: {
    moa: { id: 'moa:trees.HoeffdingTree', params: { ...MOA_TREE_OPTIONS }, values: MOA_TREE_VALUES, notes: MOA_TREE_NOTES },
    river: {
      id: 'river:tree.HoeffdingTreeClassifier',
      params: { ...RIVER_TREE_OPTIONS },
      values: RIVER_TREE_VALUES,
      fixed: { ...RIVER_TREE_FIXED },
      notes:
        "River's memory budget is max_size in MB (pinned to MOA's 32 MiB; River's default is 100) and its splitter is GaussianSplitter(n_splits=numBins). River is not an instance-for-instance port: on electricity it agrees with MOA (and this learner) on about 98% of predictions.",
    },
    capymoa: {
      id: 'capymoa:HoeffdingTree',
      params: { gracePeriod: 'grace_period', splitConfidence: 'confidence', tieThreshold: 'tie_threshold', nbThreshold: 'nb_threshold', binarySplits: 'binary_split', removePoorAtts: 'remove_poor_attrs', memoryEstimatePeriod: 'memory_estimate_period' },
      fixed: { stop_mem_management: false, disable_prepruning: false, max_byte_size: 33554432 },
      notes: "CapyMOA's wrapper defaults differ from MOA's (confidence 1e-3, -z and -p set); pinned here so it runs MOA's defaults.",
    },
  },
  randomized: false,
};

/** Plugin manifest of `arf-hoeffding-tree` (ARF's base tree). */
export const arfHoeffdingTreeManifest: LearnerManifest<HoeffdingTreeParams> = {
  id: 'arf-hoeffding-tree',
  kind: 'learner',
  version: '0.1.0',
  description: "Hoeffding tree with a random feature subspace per leaf and ARF's tree defaults (MOA's ARFHoeffdingTree); the base learner of ARF.",
  family: 'trees',
  references: ['gomes2017arf', 'domingos2000vfdt', 'bifet2010moa'],
  hyperparameters: ARF_HOEFFDING_TREE_HYPERPARAMETERS,
  create: (params: HoeffdingTreeParams, context: LearnerContext) => new ArfHoeffdingTree(params, context),
  equivalents: {
    moa: {
      id: 'moa:trees.ARFHoeffdingTree',
      params: mapped(MOA_TREE_OPTIONS, ARF_HOEFFDING_TREE_HYPERPARAMETERS, { subspaceSize: 'k' }),
      values: MOA_TREE_VALUES,
      notes: `The subspace draws use java.util.Random seeded with the context seed (MOA: the tree's -r seed, 1 by default). ${MOA_TREE_NOTES}`,
    },
  },
  randomized: true,
};

/** Plugin manifest of `hoeffding-adaptive-tree`. */
export const hoeffdingAdaptiveTreeManifest: LearnerManifest<HoeffdingAdaptiveTreeParams> = {
  id: 'hoeffding-adaptive-tree',
  kind: 'learner',
  version: '0.1.0',
  description: "Hoeffding Adaptive Tree: ADWIN error monitors at every node, alternate subtrees swapped in on drift (MOA's HoeffdingAdaptiveTree).",
  family: 'trees',
  references: ['bifet2009hat', 'bifet2007adwin', 'domingos2000vfdt', 'bifet2010moa'],
  hyperparameters: HOEFFDING_ADAPTIVE_TREE_HYPERPARAMETERS,
  create: (params: HoeffdingAdaptiveTreeParams, context: LearnerContext) => new HoeffdingAdaptiveTree(params, context),
  equivalents: {
    moa: {
      id: 'moa:trees.HoeffdingAdaptiveTree',
      params: mapped(MOA_TREE_OPTIONS, HOEFFDING_ADAPTIVE_TREE_HYPERPARAMETERS),
      values: MOA_TREE_VALUES,
      notes: "Follows MOA's code, including its departures from the paper (an alternate leaf's first split replaces the shadowed subtree; per-node generators seeded with 1). " + MOA_TREE_NOTES,
    },
    river: {
      id: 'river:tree.HoeffdingAdaptiveTreeClassifier',
      params: mapped(RIVER_TREE_OPTIONS, HOEFFDING_ADAPTIVE_TREE_HYPERPARAMETERS),
      values: RIVER_TREE_VALUES,
      fixed: { ...RIVER_TREE_FIXED, bootstrap_sampling: true, drift_window_threshold: 300, switch_significance: 0.05, seed: 1 },
      notes:
        "River grows alternate subtrees fully and switches by the same test, and its Poisson draws come from one seeded generator; MOA (and this learner) regrow from a leaf at the drifting node. Accuracies differ on drifting streams.",
    },
  },
  randomized: false,
};

/** Plugin manifest of `efdt`. */
export const efdtManifest: LearnerManifest<EfdtParams> = {
  id: 'efdt',
  kind: 'learner',
  version: '0.1.0',
  description: "Extremely Fast Decision Tree (Hoeffding Anytime Tree): splits against 'no split' and revises splits every R instances (MOA's EFDT).",
  family: 'trees',
  references: ['manapragada2018efdt', 'domingos2000vfdt', 'bifet2010moa'],
  hyperparameters: EFDT_HYPERPARAMETERS,
  create: (params: EfdtParams, context: LearnerContext) => new Efdt(params, context),
  equivalents: {
    moa: { id: 'moa:trees.EFDT', params: mapped(MOA_TREE_OPTIONS, EFDT_HYPERPARAMETERS, { reevaluationPeriod: 'R' }), values: MOA_TREE_VALUES, notes: MOA_TREE_NOTES },
    river: {
      id: 'river:tree.ExtremelyFastDecisionTreeClassifier',
      params: mapped(RIVER_TREE_OPTIONS, EFDT_HYPERPARAMETERS, { reevaluationPeriod: 'min_samples_reevaluate' }),
      values: RIVER_TREE_VALUES,
      fixed: { ...RIVER_TREE_FIXED, leaf_prediction: 'nba' },
      notes:
        "River re-evaluates a node after min_samples_reevaluate instances seen by that node (default 20) and averages merits differently; MOA (and this learner) re-evaluate when the tree-wide instance count is a multiple of R. Expect different trees.",
    },
  },
  randomized: false,
};
