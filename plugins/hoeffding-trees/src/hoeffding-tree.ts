import type { HyperparametersSchema, LearnerContext } from '@tributary/core';
import { LeafNode, totalWeight } from './nodes.js';
import { TreeLearnerBase } from './tree-base.js';
import { MOA_TREE_DEFAULTS, treeHyperparameterProperties, type TreeDefaults, type TreeParams } from './tree-params.js';

/** Hyperparameters of `hoeffding-tree` (and of `arf-hoeffding-tree`). */
export interface HoeffdingTreeParams extends TreeParams {
  /** Features sampled per leaf (ARF's random subspace); 0 = all. */
  subspaceSize: number;
}

/** Hyperparameter schema of a Hoeffding tree with the given defaults. */
export function hoeffdingTreeHyperparameters(defaults: TreeDefaults, subspaceSizeDefault: number, subspaceDescription: string, omit: readonly string[] = []): HyperparametersSchema {
  return {
    type: 'object',
    properties: {
      ...treeHyperparameterProperties(defaults, omit),
      subspaceSize: { type: 'integer', default: subspaceSizeDefault, minimum: 0, description: subspaceDescription },
    },
    additionalProperties: false,
  };
}

/** Schema of `hoeffding-tree`: MOA's HoeffdingTree defaults. */
export const HOEFFDING_TREE_HYPERPARAMETERS = hoeffdingTreeHyperparameters(
  MOA_TREE_DEFAULTS,
  0,
  'Features each leaf observes, drawn at random when the leaf sees its first instance (the hook of ARF\'s trees, MOA ARFHoeffdingTree -k); 0 = all features, as MOA\'s HoeffdingTree.',
);

/** ARF's tree defaults: MOA AdaptiveRandomForest's `-l ARFHoeffdingTree -e 2000000 -g 50 -c 0.01`. */
export const ARF_TREE_DEFAULTS: TreeDefaults = { gracePeriod: 50, splitConfidence: 0.01, memoryEstimatePeriod: 2_000_000 };

/** Schema of `arf-hoeffding-tree`. */
export const ARF_HOEFFDING_TREE_HYPERPARAMETERS = hoeffdingTreeHyperparameters(
  ARF_TREE_DEFAULTS,
  2,
  'Features each leaf observes, drawn at random (without replacement, from the tree\'s seeded Random) at the leaf\'s first instance (MOA ARFHoeffdingTree -k, default 2; ARF sets it from its -m). 0 or ≥ the number of features = all.',
  // MOA's ARFHoeffdingTree removes the removePoorAtts option.
  ['removePoorAtts'],
);

/**
 * The Hoeffding tree (VFDT, Domingos & Hulten 2000) as MOA's
 * `trees.HoeffdingTree`: a leaf attempts a split every `gracePeriod` weight;
 * the best attribute wins once its merit beats the runner-up by the Hoeffding
 * bound (or the bound drops below `tieThreshold`). Numeric attributes use a
 * Gaussian per class with `numBins` candidate points; leaves predict with
 * NB-adaptive by default; MOA's memory management deactivates the least
 * promising leaves over `maxByteSize`.
 *
 * With `subspaceSize` > 0 each leaf observes a random subset of the features
 * (MOA's ARFHoeffdingTree), drawn from a `Random` seeded with the context seed.
 */
export class HoeffdingTree extends TreeLearnerBase<HoeffdingTreeParams> {
  constructor(params: Partial<HoeffdingTreeParams> | undefined, context: LearnerContext, id = 'hoeffding-tree', schema: HyperparametersSchema = HOEFFDING_TREE_HYPERPARAMETERS) {
    super({ id, hyperparameters: schema }, params, context, 0);
    this.subspaceSize = this.params.subspaceSize;
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    // MOA trains only on positive weights and counts them first (AbstractClassifier.trainOnInstance).
    if (!(weight > 0)) return;
    this.trainingWeightSeen += weight;
    if (this.root === null) {
      this.root = this.newLearningLeaf(new Float64Array(0), 0);
      this.activeLeafNodeCount = 1;
    }
    this.sortToLeaf(this.root, x, null, -1);
    const found = this.found;
    let node = found.node;
    const parent = found.parent;
    const branch = found.branch;
    if (node === null) {
      node = this.newLearningLeaf(new Float64Array(0), 0);
      parent!.setChild(branch, node);
      this.activeLeafNodeCount++;
    }
    if (node.isLeaf) {
      this.learnAtLeaf(node, x, y, weight);
      if (this.growthAllowed && node.active) {
        const seen = totalWeight(node);
        if (seen - node.lastSplitEvaluationWeight >= this.params.gracePeriod) {
          this.attemptToSplit(node, parent, branch);
          node.lastSplitEvaluationWeight = seen;
        }
      }
    }
    if (this.trainingWeightSeen % this.params.memoryEstimatePeriod === 0) this.estimateModelByteSizes();
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    if (this.root === null) return;
    this.sortToLeaf(this.root, x, null, -1);
    const node = this.found.node ?? this.found.parent!;
    this.nodeVotes(node, x, out, k);
    this.finishVotes(out, k);
  }
}

/** A Hoeffding tree with ARF's defaults and random subspaces (MOA's ARFHoeffdingTree). */
export class ArfHoeffdingTree extends HoeffdingTree {
  constructor(params: Partial<HoeffdingTreeParams> | undefined, context: LearnerContext) {
    super(params, context, 'arf-hoeffding-tree', ARF_HOEFFDING_TREE_HYPERPARAMETERS);
  }
}

