import { Random, type HyperparametersSchema, type LearnerContext } from '@tributary/core';
import { ADWIN } from '@tributary/drift-detectors';
import { LeafNode, SplitNode, totalWeight, type TreeNode } from './nodes.js';
import type { SplitSuggestion } from './split-suggestion.js';
import { TreeLearnerBase } from './tree-base.js';
import { INERT_IN_ADAPTIVE_TREES, MOA_TREE_DEFAULTS, treeHyperparameterProperties, type TreeParams } from './tree-params.js';

/** Hyperparameters of `hoeffding-adaptive-tree`: MOA's HoeffdingTree options (HAT adds none). */
export type HoeffdingAdaptiveTreeParams = TreeParams;

/**
 * Schema of `hoeffding-adaptive-tree`: MOA's HoeffdingTree options and defaults,
 * minus those MOA's HAT never acts on (memory options: it makes no memory
 * estimate; removePoorAtts and nbThreshold: its leaves ignore them).
 */
export const HOEFFDING_ADAPTIVE_TREE_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: treeHyperparameterProperties(MOA_TREE_DEFAULTS, [...INERT_IN_ADAPTIVE_TREES, 'nbThreshold']),
  additionalProperties: false,
};

/** Seed of every node's own generator (MOA's HAT nodes: `randomSeed = 1`, independent of the learner's seed). */
const NODE_SEED = 1;
/** Both error windows must be wider than this before a switch is tested (MOA's constant 300). */
const SWITCH_MIN_WIDTH = 300;
/** Confidence of the switch test (MOA's fDelta = 0.05). */
const SWITCH_DELTA = 0.05;

/** A HAT leaf: an NB-adaptive leaf with its own error ADWIN and Poisson(1) generator. */
export class AdaLeaf extends LeafNode {
  error: ADWIN | null = null;
  readonly random = new Random(NODE_SEED);
}

/** A HAT split node: its error ADWIN, its generator and possibly an alternate subtree. */
export class AdaSplitNode extends SplitNode {
  error: ADWIN | null = null;
  alternate: TreeNode | null = null;
  readonly random = new Random(NODE_SEED);
}

/** Change of an error window after adding one error: whether it signals a rise (MOA's ErrorChange). */
function updateError(node: AdaLeaf | AdaSplitNode, wrong: boolean): boolean {
  if (node.error === null) node.error = new ADWIN();
  const oldError = node.error.estimation;
  const changed = node.error.update(wrong ? 1 : 0);
  // A shrinking window with a falling error is not a reason to grow an alternate.
  return changed && !(oldError > node.error.estimation);
}

function errorOf(node: TreeNode): ADWIN | null {
  return node instanceof AdaLeaf || node instanceof AdaSplitNode ? node.error : null;
}

/**
 * Hoeffding Adaptive Tree (Bifet & Gavaldà 2009) as MOA's
 * `trees.HoeffdingAdaptiveTree`: every node monitors its error with ADWIN
 * (δ = 0.002); when the error rises at a split node an alternate tree starts
 * there, and it replaces the node's subtree once both error windows exceed 300
 * and the alternate's error is lower by more than a bound with δ = 0.05 (it is
 * dropped when worse by that bound). Leaves learn each instance with weight
 * w·k, k ~ Poisson(1) (w when k = 0), drawn from a generator per node seeded
 * with 1, so the tree does not depend on the context seed, as in MOA.
 *
 * MOA's behaviour is followed where it departs from the paper: an alternate
 * leaf is trained with the position (parent, branch) of the node it shadows, so
 * its first split is placed there and replaces the shadowed subtree at once;
 * split nodes create no leaf for an empty branch; predictions follow only the
 * main path (alternates never vote).
 */
export class HoeffdingAdaptiveTree extends TreeLearnerBase<HoeffdingAdaptiveTreeParams> {
  private alternateTrees = 0;
  private prunedAlternateTrees = 0;
  private switchedAlternateTrees = 0;

  constructor(params: Partial<HoeffdingAdaptiveTreeParams> | undefined, context: LearnerContext) {
    super({ id: 'hoeffding-adaptive-tree', hyperparameters: HOEFFDING_ADAPTIVE_TREE_HYPERPARAMETERS }, params, context);
  }

  protected override newLearningLeaf(dist: Float64Array, length: number): LeafNode {
    return new AdaLeaf(true, dist, length, this.classCapacity);
  }

  protected override newSplitNode(suggestion: SplitSuggestion, dist: Float64Array, length: number): SplitNode {
    return new AdaSplitNode(suggestion.kind, suggestion.attribute, suggestion.value, dist, length, this.classCapacity, suggestion.branches);
  }

  /** HAT leaves apply NB whenever the option says so (no nbThreshold check, as MOA's AdaLearningNode). */
  protected override usesNaiveBayes(leaf: LeafNode): boolean {
    if (!leaf.active) return false;
    if (this.params.leafPrediction === 'NBAdaptive') return !(leaf.mcCorrectWeight > leaf.nbCorrectWeight);
    return this.params.leafPrediction === 'NB';
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    this.trainingWeightSeen += weight;
    if (this.root === null) {
      this.root = this.newLearningLeaf(new Float64Array(0), 0);
      this.activeLeafNodeCount = 1;
    }
    this.learnNode(this.root, x, y, weight, null, -1);
  }

  private learnNode(node: TreeNode, x: Float64Array, y: number, weight: number, parent: SplitNode | null, branch: number): void {
    if (node instanceof AdaSplitNode) this.learnAtSplit(node, x, y, weight, parent, branch);
    else if (node instanceof AdaLeaf) this.learnAtAdaLeaf(node, x, y, weight, parent, branch);
    else if (node.isLeaf) this.learnAtLeaf(node, x, y, weight);
  }

  private learnAtAdaLeaf(leaf: AdaLeaf, x: Float64Array, y: number, weight: number, parent: SplitNode | null, branch: number): void {
    const k = leaf.random.nextPoisson(1);
    const sampledWeight = k > 0 ? weight * k : weight;
    updateError(leaf, this.nodePrediction(leaf, x) !== y);
    this.learnAtLeaf(leaf, x, y, sampledWeight);
    const seen = totalWeight(leaf);
    if (seen - leaf.lastSplitEvaluationWeight >= this.params.gracePeriod) {
      this.attemptToSplit(leaf, parent, branch);
      leaf.lastSplitEvaluationWeight = seen;
    }
  }

  private learnAtSplit(node: AdaSplitNode, x: Float64Array, y: number, weight: number, parent: SplitNode | null, branch: number): void {
    // Drawn and discarded: MOA's split nodes consume a Poisson draw but keep the weight.
    node.random.nextPoisson(1);
    this.sortToLeaf(node, x, parent, branch);
    const reached = this.found.node;
    const prediction = reached === null ? 0 : this.nodePrediction(reached, x);
    const errorRose = updateError(node, prediction !== y);
    if (errorRose) {
      node.alternate = this.newLearningLeaf(new Float64Array(0), 0);
      this.alternateTrees++;
    } else if (node.alternate !== null) {
      const alternateError = errorOf(node.alternate);
      if (alternateError !== null && node.error!.width > SWITCH_MIN_WIDTH && alternateError.width > SWITCH_MIN_WIDTH) {
        const oldErrorRate = node.error!.estimation;
        const altErrorRate = alternateError.estimation;
        const fN = 1 / alternateError.width + 1 / node.error!.width;
        const bound = Math.sqrt(2 * oldErrorRate * (1 - oldErrorRate) * Math.log(2 / SWITCH_DELTA) * fN);
        if (bound < oldErrorRate - altErrorRate) {
          this.activeLeafNodeCount -= this.numberOfLeaves(node);
          this.activeLeafNodeCount += this.numberOfLeaves(node.alternate);
          this.killTreeChildren(node);
          if (parent !== null) parent.setChild(branch, node.alternate);
          else this.root = (this.root as AdaSplitNode).alternate;
          this.switchedAlternateTrees++;
        } else if (bound < altErrorRate - oldErrorRate) {
          if (node.alternate.isLeaf) node.alternate = null;
          else this.killTreeChildren(node.alternate as AdaSplitNode);
          this.prunedAlternateTrees++;
        }
      }
    }
    if (node.alternate !== null) this.learnNode(node.alternate, x, y, weight, parent, branch);
    const childBranch = node.branchFor(x);
    const child = node.child(childBranch);
    if (child !== null) this.learnNode(child, x, y, weight, node, childBranch);
  }

  /** Leaves under a node through its children (alternates excluded; MOA's numberLeaves). */
  private numberOfLeaves(node: TreeNode): number {
    if (node.isLeaf) return 1;
    let leaves = 0;
    for (const child of node.children) if (child !== null) leaves += this.numberOfLeaves(child);
    return leaves;
  }

  /** MOA's killTreeChilds: only the bookkeeping of the discarded subtree (its nodes become garbage). */
  private killTreeChildren(node: AdaSplitNode): void {
    for (const child of node.children) {
      if (child === null) continue;
      if (child instanceof AdaSplitNode) {
        if (child.alternate !== null) {
          if (!child.alternate.isLeaf) this.killTreeChildren(child.alternate as AdaSplitNode);
          this.prunedAlternateTrees++;
        }
        this.killTreeChildren(child);
      } else if (child.isLeaf) {
        if (child.active) this.activeLeafNodeCount--;
        else this.inactiveLeafNodeCount--;
      }
    }
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    if (this.root === null) return;
    this.accumulateVotes(this.root, x, out, k, true);
    this.finishVotes(out, k);
  }

  /**
   * Sums the votes of the leaves `x` reaches (MOA's filterInstanceToLeaves):
   * an alternate subtree's own top is skipped; a missing tested value stops the path.
   */
  private accumulateVotes(node: TreeNode, x: Float64Array, out: Float64Array, k: number, counted: boolean): void {
    if (node.isLeaf) {
      if (counted) this.addLeafVotes(node, x, out, k);
      return;
    }
    const b = node.branchFor(x);
    if (b >= 0) {
      const child = node.child(b);
      if (child !== null) this.accumulateVotes(child, x, out, k, true);
      else this.addClassDist(node, out, k);
    }
    if (node instanceof AdaSplitNode && node.alternate !== null) this.accumulateVotes(node.alternate, x, out, k, false);
  }

  private addClassDist(node: TreeNode, out: Float64Array, k: number): void {
    const n = Math.min(node.classLength, k);
    for (let c = 0; c < n; c++) out[c] += node.classDist[c];
  }

  /** A leaf's votes scaled by 1/(Σvotes · error²) (MOA's AdaLearningNode.getClassVotes), added to `out`. */
  private addLeafVotes(leaf: LeafNode, x: Float64Array, out: Float64Array, k: number): void {
    const n = leaf.classLength;
    const votes = this.ensureVotes(n);
    votes.fill(0, 0, n);
    this.nodeVotes(leaf, x, votes, n);
    let sum = 0;
    for (let c = 0; c < n; c++) sum += votes[c];
    const error = leaf instanceof AdaLeaf && leaf.error !== null ? leaf.error.estimation : 0;
    const scale = sum * error * error;
    const m = Math.min(n, k);
    if (scale > 0) for (let c = 0; c < m; c++) out[c] += votes[c] / scale;
    else for (let c = 0; c < m; c++) out[c] += votes[c];
  }

  protected override extraMeasurements(): Record<string, number> {
    let current = 0;
    const visit = (node: TreeNode | null): void => {
      if (node === null || node.isLeaf) return;
      if (node instanceof AdaSplitNode && node.alternate !== null) current++;
      for (const child of node.children) visit(child);
    };
    visit(this.root);
    return { currentAlternateTrees: current, alternateTrees: this.alternateTrees, prunedAlternateTrees: this.prunedAlternateTrees, switchedAlternateTrees: this.switchedAlternateTrees };
  }
}
