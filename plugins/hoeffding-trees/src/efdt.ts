import type { HyperparametersSchema, LearnerContext } from '@tributary/core';
import { ClassConditionalStatistics } from '@tributary/naive-bayes';
import { LeafNode, SplitNode, addClassWeight, totalWeight, type TreeNode } from './nodes.js';
import { hoeffdingBound } from './split-criterion.js';
import { TestKind, collectSuggestions, sortSuggestions, type SplitSuggestion } from './split-suggestion.js';
import { TreeLearnerBase } from './tree-base.js';
import { INERT_IN_ADAPTIVE_TREES, MOA_TREE_DEFAULTS, treeHyperparameterProperties, type TreeParams } from './tree-params.js';

/** Hyperparameters of `efdt`. */
export interface EfdtParams extends TreeParams {
  reevaluationPeriod: number;
}

/**
 * Schema of `efdt`: MOA's EFDT options and defaults, minus those MOA's EFDT
 * never acts on (its leaves are always NB-adaptive, whatever -l and -q say, and
 * it makes no memory estimate).
 */
export const EFDT_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    ...treeHyperparameterProperties(MOA_TREE_DEFAULTS, [...INERT_IN_ADAPTIVE_TREES, 'leafPrediction', 'nbThreshold']),
    reevaluationPeriod: {
      type: 'integer',
      default: 2000,
      minimum: 1,
      description: 'Instances (counted over the whole tree) between re-evaluations of the split nodes an instance passes (MOA EFDT -R). Smaller revises splits sooner at more cost.',
      'x-search': { minimum: 100, maximum: 10000, log: true },
    },
  },
  additionalProperties: false,
};

/** Summed merits per attribute (slot a + 1; slot 0 is the "no split" candidate), shared along a node's history as in MOA. */
class MeritHistory {
  readonly sums: Float64Array;
  constructor(numAttributes: number) {
    this.sums = new Float64Array(numAttributes + 1);
  }
}

/** An EFDT leaf: counts its instances and keeps the merit history of its split attempts. */
export class EfdtLeaf extends LeafNode {
  nodeTime = 0;
  splitAttempts = 0;
  history: MeritHistory;
  usedNominalAttributes: number[] = [];

  constructor(dist: Float64Array, length: number, capacity: number, numAttributes: number) {
    super(true, dist, length, capacity);
    this.history = new MeritHistory(numAttributes);
  }
}

/** An EFDT split node: keeps learning (class weights and attribute observers) so its split can be revised. */
export class EfdtSplitNode extends SplitNode {
  nodeTime = 0;
  splitAttempts = 0;
  history: MeritHistory;
  stats: ClassConditionalStatistics | null = null;
  /** Class vector length when the node was created (MOA's classDistributionAtTimeOfCreation; sets the merit range). */
  readonly creationClassLength: number;
  /** Parent recorded when re-evaluation placed this node (null for splits of leaves, as MOA); used when "no split" wins. */
  parentRef: EfdtSplitNode | null = null;

  constructor(suggestion: SplitSuggestion, dist: Float64Array, length: number, capacity: number, numAttributes: number) {
    super(suggestion.kind, suggestion.attribute, suggestion.value, dist, length, capacity, suggestion.branches);
    this.creationClassLength = length;
    this.history = new MeritHistory(numAttributes);
  }
}

const NULL_SLOT = 0;

/**
 * Extremely Fast Decision Tree / Hoeffding Anytime Tree (Manapragada, Webb &
 * Salehi 2018) as MOA's `trees.EFDT`: a leaf splits as soon as the best
 * attribute's average merit beats *not splitting* by the Hoeffding bound (not
 * the runner-up), and every `reevaluationPeriod` instances each split node an
 * instance passes re-checks whether another attribute (or no split) is now
 * better than its current one by the bound, replacing its subtree if so.
 *
 * MOA's bookkeeping is followed: merit sums are averaged over the node's own
 * attempt count (a new split node inherits the sums of its leaf but restarts
 * the count), leaves attempt splits every `gracePeriod` instances by count, a
 * nominal attribute used above a leaf is not split on again there.
 */
export class Efdt extends TreeLearnerBase<EfdtParams> {
  /** Instances trained on (MOA's numInstances; drives the re-evaluation clock). */
  private numInstances = 0;
  private splitCount = 0;
  private reevaluationReplacements = 0;

  constructor(params: Partial<EfdtParams> | undefined, context: LearnerContext) {
    super({ id: 'efdt', hyperparameters: EFDT_HYPERPARAMETERS }, params, context);
  }

  protected override newLearningLeaf(dist: Float64Array, length: number): LeafNode {
    return new EfdtLeaf(dist, length, this.classCapacity, this.numAttributes);
  }

  protected override newSplitNode(suggestion: SplitSuggestion, dist: Float64Array, length: number): SplitNode {
    return new EfdtSplitNode(suggestion, dist, length, this.classCapacity, this.numAttributes);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    this.trainingWeightSeen += weight;
    if (this.root === null) {
      this.root = this.newLearningLeaf(new Float64Array(0), 0);
      this.activeLeafNodeCount = 1;
    }
    this.sortToLeaf(this.root, x, null, -1);
    if (this.found.node === null) {
      this.found.parent!.setChild(this.found.branch, this.newLearningLeaf(new Float64Array(0), 0));
      this.activeLeafNodeCount++;
    }
    this.learnNode(this.root, x, y, weight, null, -1);
    this.numInstances++;
  }

  private learnNode(node: TreeNode, x: Float64Array, y: number, weight: number, parent: EfdtSplitNode | null, branch: number): void {
    if (node instanceof EfdtSplitNode) {
      this.learnAtSplit(node, x, y, weight, parent, branch);
    } else if (node instanceof EfdtLeaf) {
      this.learnAtLeaf(node, x, y, weight);
      node.nodeTime++;
      if (this.growthAllowed && node.nodeTime % this.params.gracePeriod === 0) {
        const seen = totalWeight(node);
        this.attemptEfdtSplit(node, parent, branch);
        node.lastSplitEvaluationWeight = seen;
      }
    } else if (node.isLeaf) {
      this.learnAtLeaf(node, x, y, weight);
    }
  }

  private learnAtSplit(node: EfdtSplitNode, x: Float64Array, y: number, weight: number, parent: EfdtSplitNode | null, branch: number): void {
    node.nodeTime++;
    addClassWeight(node, y, weight);
    if (node.stats === null) node.stats = new ClassConditionalStatistics(this.nominal, Math.max(this.classCapacity, y + 1));
    node.stats.observe(x, y, weight, null);
    if (this.numInstances % this.params.reevaluationPeriod === 0) this.reevaluate(node, parent, branch);
    // As MOA, the instance continues down this node's own children even if the node was just replaced.
    const childBranch = node.branchFor(x);
    const child = node.child(childBranch);
    if (child !== null) this.learnNode(child, x, y, weight, node, childBranch);
  }

  private addMerits(history: MeritHistory, suggestions: SplitSuggestion[], clampNull: boolean): void {
    const sums = history.sums;
    for (const s of suggestions) {
      if (!s.isNull) sums[s.attribute + 1] += s.merit;
      else sums[NULL_SLOT] = clampNull ? Math.max(0, sums[NULL_SLOT] + s.merit) : sums[NULL_SLOT] + s.merit;
    }
  }

  private isUsedNominal(leaf: EfdtLeaf, attribute: number): boolean {
    return leaf.usedNominalAttributes.includes(attribute);
  }

  /** EFDT's leaf split: the best candidate's average merit against the average merit of not splitting. */
  private attemptEfdtSplit(leaf: EfdtLeaf, parent: EfdtSplitNode | null, branch: number): void {
    if (isPureLeaf(leaf)) return;
    leaf.splitAttempts++;
    const p = this.params;
    const suggestions = sortSuggestions(
      collectSuggestions(leaf.stats, this.criterion, leaf.classDist, leaf.classLength, { noPrePrune: p.noPrePrune, binarySplits: p.binarySplits, numBins: p.numBins }, this.splitScratch),
    );
    this.addMerits(leaf.history, suggestions, true);
    let shouldSplit = false;
    if (suggestions.length < 2) {
      shouldSplit = suggestions.length > 0;
    } else {
      const bound = hoeffdingBound(this.criterion.range(leaf.classLength), p.splitConfidence, totalWeight(leaf));
      const best = suggestions[suggestions.length - 1];
      const sums = leaf.history.sums;
      const currentAverage = sums[NULL_SLOT] / leaf.splitAttempts;
      const bestAverage = (best.isNull ? sums[NULL_SLOT] : sums[best.attribute + 1]) / leaf.splitAttempts;
      if (best.merit < 1e-10) shouldSplit = false;
      else if (bestAverage - currentAverage > bound || bound < p.tieThreshold) shouldSplit = true;
      if (shouldSplit && !best.isNull && this.isUsedNominal(leaf, best.attribute)) shouldSplit = false;
    }
    if (!shouldSplit) return;
    this.splitCount++;
    const decision = suggestions[suggestions.length - 1];
    if (decision.isNull) {
      this.deactivateLeaf(leaf, parent, branch);
    } else {
      const split = this.newSplitNode(decision, leaf.classDist, leaf.classLength) as EfdtSplitNode;
      split.stats = leaf.stats;
      split.history = leaf.history;
      this.addChildren(split, decision, leaf.usedNominalAttributes);
      this.activeLeafNodeCount--;
      this.decisionNodeCount++;
      this.activeLeafNodeCount += decision.branches;
      // MOA records a parent only for nodes created by re-evaluation; a leaf's split keeps none.
      this.replace(parent, branch, split);
    }
    this.enforceTrackerLimit();
  }

  private addChildren(split: EfdtSplitNode, decision: SplitSuggestion, usedAbove: number[]): void {
    const nominalTest = decision.kind === TestKind.NominalBinary || decision.kind === TestKind.NominalMultiway;
    for (let i = 0; i < decision.branches; i++) {
      const offset = i * decision.stride;
      const child = this.newLearningLeaf(decision.dists.subarray(offset, offset + decision.stride), decision.lengths[i]) as EfdtLeaf;
      if (nominalTest) child.usedNominalAttributes = [...usedAbove, decision.attribute];
      split.setChild(i, child);
    }
  }

  /** EFDT's re-evaluation of an internal node: replace its test when another candidate's average merit is better by the bound. */
  private reevaluate(node: EfdtSplitNode, parent: EfdtSplitNode | null, branch: number): void {
    node.splitAttempts++;
    const p = this.params;
    const bound = hoeffdingBound(this.criterion.range(node.creationClassLength), p.splitConfidence, totalWeight(node));
    const suggestions = sortSuggestions(
      collectSuggestions(node.stats, this.criterion, node.classDist, node.classLength, { noPrePrune: p.noPrePrune, binarySplits: p.binarySplits, numBins: p.numBins }, this.splitScratch),
    );
    if (suggestions.length === 0) return;
    const best = suggestions[suggestions.length - 1];
    this.addMerits(node.history, suggestions, false);
    const sums = node.history.sums;
    const bestAverage = (best.isNull ? sums[NULL_SLOT] : sums[best.attribute + 1]) / node.splitAttempts;
    const currentAverage = sums[node.attribute + 1] / node.splitAttempts;
    const deltaG = bestAverage - currentAverage;
    if (!(deltaG > bound || (bound < p.tieThreshold && deltaG > p.tieThreshold / 2))) return;
    this.reevaluationReplacements++;
    if (best.isNull) {
      this.killSubtree(node);
      const replacement = this.newLearningLeaf(new Float64Array(0), 0) as EfdtLeaf;
      replacement.history = node.history;
      // MOA replaces through the recorded parent and leaves a root in place.
      if (node.parentRef !== null) node.parentRef.setChild(branch, replacement);
      return;
    }
    const split = this.newSplitNode(best, node.classDist, node.classLength) as EfdtSplitNode;
    split.stats = node.stats;
    split.history = node.history;
    this.killSubtree(node);
    this.addChildren(split, best, []);
    this.activeLeafNodeCount--;
    this.decisionNodeCount++;
    this.activeLeafNodeCount += best.branches;
    split.parentRef = parent;
    this.replace(parent, branch, split);
  }

  /** MOA's killSubtree: leaf counts of the discarded subtree. */
  private killSubtree(node: SplitNode): void {
    for (const child of node.children) {
      if (child === null) continue;
      if (!child.isLeaf) this.killSubtree(child);
      else if (child.active) this.activeLeafNodeCount--;
      else this.inactiveLeafNodeCount--;
    }
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    if (this.root === null) return;
    this.sortToLeaf(this.root, x, null, -1);
    const node = this.found.node ?? this.found.parent!;
    this.nodeVotes(node, x, out, k);
    this.finishVotes(out, k);
  }

  protected override extraMeasurements(): Record<string, number> {
    return { splits: this.splitCount, reevaluationReplacements: this.reevaluationReplacements };
  }
}

function isPureLeaf(leaf: LeafNode): boolean {
  let nonZero = 0;
  for (let c = 0; c < leaf.classLength; c++) if (leaf.classDist[c] !== 0) nonZero++;
  return nonZero < 2;
}
