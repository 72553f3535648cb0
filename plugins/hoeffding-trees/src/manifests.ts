import type { LearnerContext, LearnerManifest } from '@tributary/core';
import { ARF_HOEFFDING_TREE_HYPERPARAMETERS, ArfHoeffdingTree, HOEFFDING_TREE_HYPERPARAMETERS, HoeffdingTree, type HoeffdingTreeParams } from './hoeffding-tree.js';
import { MOA_TREE_OPTIONS, MOA_TREE_VALUES, RIVER_TREE_FIXED, RIVER_TREE_OPTIONS, RIVER_TREE_VALUES } from './tree-params.js';

const MOA_TREE_NOTES =
  'numBins maps to the numeric estimator (-n "GaussianNumericAttributeClassObserver -n N") and minBranchFraction to the criterion (-s "InfoGainSplitCriterion -f F"). The memory budget uses this implementation\'s own size estimates, not Java object sizes, so leaves may be deactivated at other moments once a tree approaches maxByteSize.';

/** Plugin manifest of `hoeffding-tree`. */
export const hoeffdingTreeManifest: LearnerManifest<HoeffdingTreeParams> = {
  id: 'hoeffding-tree',
  kind: 'learner',
  version: '0.1.0',
  description: "Hoeffding tree (VFDT) with MOA's defaults: Gaussian numeric observers, NB-adaptive leaves, memory management.",
  family: 'trees',
  references: ['domingos2000vfdt', 'hulten2001cvfdt', 'gama2003nbleaves', 'bifet2010moa'],
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
        "River's memory budget is max_size in MB (pinned to MOA's 32 MiB; River's default is 100) and its splitter is GaussianSplitter(n_splits=numBins). River drops MOA's min/max clipping of split points only in edge cases; results usually agree closely.",
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
  references: ['gomes2017arf', 'domingos2000vfdt'],
  hyperparameters: ARF_HOEFFDING_TREE_HYPERPARAMETERS,
  create: (params: HoeffdingTreeParams, context: LearnerContext) => new ArfHoeffdingTree(params, context),
  equivalents: {
    moa: {
      id: 'moa:trees.ARFHoeffdingTree',
      params: { ...MOA_TREE_OPTIONS, subspaceSize: 'k' },
      values: MOA_TREE_VALUES,
      notes: `The subspace draws use java.util.Random seeded with the context seed (MOA: the tree's -r seed, 1 by default). ${MOA_TREE_NOTES}`,
    },
  },
  randomized: true,
};
