import { BaseLearner, Random, type LearnerClassInfo, type LearnerContext } from '@tributary/core';
import { ClassConditionalStatistics, moaMaxIndex, nominalMask, votesToProbabilities } from '@tributary/naive-bayes';
import { LeafNode, SplitNode, addClassWeight, majorityIndex, promise, subtreeDepth, totalWeight, type FoundNode, type TreeNode } from './nodes.js';
import { GiniSplitCriterion, InfoGainSplitCriterion, hoeffdingBound, type SplitCriterion } from './split-criterion.js';
import { SplitScratch, collectSuggestions, sortSuggestions, type SplitSuggestion } from './split-suggestion.js';
import type { TreeParams } from './tree-params.js';

const LEAF_MC = 0;
const LEAF_NB = 1;
const LEAF_NBA = 2;

/** Bytes of a node object without its arrays (a rough V8 figure; used only for the memory budget). */
const NODE_OVERHEAD = 96;

/**
 * What the Hoeffding trees share (MOA's HoeffdingTree machinery): learning at a
 * leaf (class weights, attribute observers, NB-adaptive bookkeeping, ARF random
 * subspaces), leaf votes, MOA's split attempt and its memory management
 * (deactivating the least promising leaves when over budget).
 *
 * Hot paths allocate nothing: sorting uses fields instead of result objects and
 * votes go to a pre-sized scratch buffer.
 */
export abstract class TreeLearnerBase<P extends TreeParams> extends BaseLearner<P> {
  protected readonly criterion: SplitCriterion;
  protected readonly nominal: Uint8Array;
  protected readonly numAttributes: number;
  protected readonly leafPrediction: number;
  /** Random features per leaf (ARF); 0 = all. */
  protected subspaceSize: number;
  /** The tree's random source (ARF subspaces), seeded from the context seed. */
  protected readonly random: Random;
  protected root: TreeNode | null = null;
  protected decisionNodeCount = 0;
  protected activeLeafNodeCount = 0;
  protected inactiveLeafNodeCount = 0;
  protected activeLeafByteSizeEstimate = 0;
  protected inactiveLeafByteSizeEstimate = 0;
  protected byteSizeEstimateOverheadFraction = 1;
  protected growthAllowed = true;
  /** Total training weight (MOA's trainingWeightSeenByModel). */
  protected trainingWeightSeen = 0;
  /** Result of the last `sortToLeaf` (MOA's FoundNode, kept in fields to avoid allocation). */
  protected readonly found: FoundNode = { node: null, parent: null, branch: -1 };
  protected votes = new Float64Array(8);
  protected readonly splitScratch = new SplitScratch();
  private attributePool: Int32Array;
  /**
   * Naive Bayes class last computed at a leaf, for the same leaf state and the
   * same feature values: test-then-train computes it in predict and again
   * (MOA's NB-adaptive bookkeeping, HAT's error monitor) in learn.
   */
  private nbCacheLeaf: LeafNode | null = null;
  private nbCacheUpdates = -1;
  private nbCacheClass = 0;
  private readonly nbCacheX: Float64Array;

  protected constructor(info: LearnerClassInfo, params: Partial<P> | undefined, context: LearnerContext, subspaceSize = 0) {
    super(info, params, context);
    const p = this.params;
    this.criterion = p.splitCriterion === 'gini' ? new GiniSplitCriterion() : new InfoGainSplitCriterion(p.minBranchFraction);
    this.nominal = nominalMask(context);
    this.numAttributes = this.nominal.length;
    this.leafPrediction = p.leafPrediction === 'MC' ? LEAF_MC : p.leafPrediction === 'NB' ? LEAF_NB : LEAF_NBA;
    this.subspaceSize = subspaceSize;
    this.random = new Random(context.seed);
    this.attributePool = new Int32Array(this.numAttributes);
    this.nbCacheX = new Float64Array(this.numAttributes);
  }

  private rememberNaiveBayes(leaf: LeafNode, x: Float64Array, votes: Float64Array): void {
    this.nbCacheLeaf = leaf;
    this.nbCacheUpdates = leaf.updates;
    this.nbCacheClass = moaMaxIndex(votes, leaf.classLength);
    this.nbCacheX.set(x.subarray(0, this.numAttributes));
  }

  /** The naive Bayes class of `leaf` for `x`, from the cache when the leaf and `x` are unchanged, else computed. */
  protected naiveBayesClass(leaf: LeafNode, x: Float64Array): number {
    if (leaf.classLength === 0) return 0;
    if (leaf === this.nbCacheLeaf && leaf.updates === this.nbCacheUpdates) {
      const cached = this.nbCacheX;
      let same = true;
      for (let a = 0; a < cached.length; a++) {
        if (!Object.is(cached[a], x[a])) {
          same = false;
          break;
        }
      }
      if (same) return this.nbCacheClass;
    }
    const votes = this.ensureVotes(leaf.classLength);
    this.naiveBayesVotes(leaf, x, votes);
    this.rememberNaiveBayes(leaf, x, votes);
    return this.nbCacheClass;
  }

  /** Class capacity to allocate for new nodes. */
  protected get classCapacity(): number {
    return Math.max(2, this.context.schema.numClasses);
  }

  /** A new active leaf (overridden by variants with richer leaves). */
  protected newLearningLeaf(dist: Float64Array, length: number): LeafNode {
    return new LeafNode(true, dist, length, this.classCapacity);
  }

  /** A new split node (overridden by variants with richer split nodes). */
  protected newSplitNode(suggestion: SplitSuggestion, dist: Float64Array, length: number): SplitNode {
    return new SplitNode(suggestion.kind, suggestion.attribute, suggestion.value, dist, length, this.classCapacity, suggestion.branches);
  }

  /**
   * Sorts `x` from `start` down to a leaf (MOA's filterInstanceToLeaf): stops
   * at a split whose tested value is missing (that split is the result) or at
   * an absent child (result null, with the parent and branch where it would be).
   */
  protected sortToLeaf(start: TreeNode, x: Float64Array, parent: SplitNode | null, branch: number): void {
    let node: TreeNode = start;
    let nodeParent = parent;
    let nodeBranch = branch;
    const found = this.found;
    while (!node.isLeaf) {
      const b = node.branchFor(x);
      if (b < 0) break;
      const child = node.child(b);
      if (child === null) {
        found.node = null;
        found.parent = node;
        found.branch = b;
        return;
      }
      nodeParent = node;
      nodeBranch = b;
      node = child;
    }
    found.node = node;
    found.parent = nodeParent;
    found.branch = nodeBranch;
  }

  protected ensureVotes(k: number): Float64Array {
    if (this.votes.length < k) this.votes = new Float64Array(Math.max(k, this.votes.length * 2));
    return this.votes;
  }

  /** MOA's naive Bayes votes at a leaf into `out[0..classLength)` (the prior alone before any observer exists). */
  protected naiveBayesVotes(leaf: LeafNode, x: Float64Array, out: Float64Array): void {
    const n = leaf.classLength;
    if (leaf.stats !== null) {
      leaf.stats.naiveBayesVotes(x, leaf.classDist, n, out);
      return;
    }
    const total = totalWeight(leaf);
    for (let c = 0; c < n; c++) out[c] = leaf.classDist[c] / total;
  }

  /** Whether the leaf predicts with naive Bayes now (NB past the threshold, or NB-adaptive with NB ahead). */
  protected usesNaiveBayes(leaf: LeafNode): boolean {
    if (!leaf.active) return false;
    if (this.leafPrediction === LEAF_NBA) return !(leaf.mcCorrectWeight > leaf.nbCorrectWeight);
    if (this.leafPrediction === LEAF_NB) return totalWeight(leaf) >= this.params.nbThreshold;
    return false;
  }

  /** MOA's class votes of a node into `out[0..min(classLength, k))`; the rest of `out` is left as is. */
  protected nodeVotes(node: TreeNode, x: Float64Array, out: Float64Array, k: number): void {
    if (node.isLeaf && this.usesNaiveBayes(node)) {
      if (node.classLength <= k) {
        this.naiveBayesVotes(node, x, out);
        this.rememberNaiveBayes(node, x, out);
      } else {
        const votes = this.ensureVotes(node.classLength);
        this.naiveBayesVotes(node, x, votes);
        this.rememberNaiveBayes(node, x, votes);
        for (let c = 0; c < k; c++) out[c] = votes[c];
      }
      return;
    }
    const n = Math.min(node.classLength, k);
    for (let c = 0; c < n; c++) out[c] = node.classDist[c];
  }

  /** Class MOA's leaf would predict for `x` now (its `Utils.maxIndex` of the leaf's votes). */
  protected nodePrediction(node: TreeNode, x: Float64Array): number {
    if (node.isLeaf && this.usesNaiveBayes(node)) return this.naiveBayesClass(node, x);
    const n = node.classLength;
    const votes = this.ensureVotes(n);
    votes.fill(0, 0, n);
    this.nodeVotes(node, x, votes, n);
    return moaMaxIndex(votes, n);
  }

  /**
   * Learns one instance at an active or inactive leaf (MOA's learnFromInstance
   * of the leaf kinds): NB-adaptive scores first, then class weights, then the
   * attribute observers (over the leaf's random subspace when set).
   */
  protected learnAtLeaf(leaf: LeafNode, x: Float64Array, y: number, weight: number): void {
    if (!leaf.active) {
      leaf.updates++;
      addClassWeight(leaf, y, weight);
      return;
    }
    if (this.leafPrediction === LEAF_NBA) {
      if (majorityIndex(leaf) === y) leaf.mcCorrectWeight += weight;
      if (this.naiveBayesClass(leaf, x) === y) leaf.nbCorrectWeight += weight;
    }
    leaf.updates++;
    addClassWeight(leaf, y, weight);
    if (this.subspaceSize > 0 && !leaf.subspaceChosen) this.chooseSubspace(leaf);
    if (leaf.stats === null) leaf.stats = new ClassConditionalStatistics(this.nominal, Math.max(this.classCapacity, y + 1));
    leaf.stats.observe(x, y, weight, leaf.subspace);
  }

  /** Draws the leaf's random subspace without replacement (MOA's ARFHoeffdingTree, same draws from the tree's Random). */
  private chooseSubspace(leaf: LeafNode): void {
    leaf.subspaceChosen = true;
    const d = this.numAttributes;
    const k = this.subspaceSize;
    if (k >= d) return;
    const pool = this.attributePool;
    for (let i = 0; i < d; i++) pool[i] = i;
    let size = d;
    const subspace = new Int32Array(k);
    for (let i = 0; i < k; i++) {
      const pick = this.random.nextInt(size);
      subspace[i] = pool[pick];
      pool.copyWithin(pick, pick + 1, size);
      size--;
    }
    leaf.subspace = subspace;
  }

  /**
   * MOA's attemptToSplit: candidates sorted by merit; split when the best beats
   * the second best by more than the Hoeffding bound or the bound is below the
   * tie threshold; "no split" winning deactivates the leaf. Then the memory budget is enforced.
   */
  protected attemptToSplit(leaf: LeafNode, parent: SplitNode | null, branch: number): void {
    if (isLeafPure(leaf)) return;
    const p = this.params;
    const suggestions = sortSuggestions(
      collectSuggestions(leaf.stats, this.criterion, leaf.classDist, leaf.classLength, { noPrePrune: p.noPrePrune, binarySplits: p.binarySplits, numBins: p.numBins }, this.splitScratch),
    );
    let shouldSplit = false;
    if (suggestions.length < 2) {
      shouldSplit = suggestions.length > 0;
    } else {
      const bound = hoeffdingBound(this.criterion.range(leaf.classLength), p.splitConfidence, totalWeight(leaf));
      const best = suggestions[suggestions.length - 1];
      const second = suggestions[suggestions.length - 2];
      if (best.merit - second.merit > bound || bound < p.tieThreshold) shouldSplit = true;
      // MOA honours removePoorAtts only with majority-class leaves (NB leaves need every attribute).
      if (p.removePoorAtts === true && this.leafPrediction === LEAF_MC) this.removePoorAttributes(leaf, suggestions, best.merit, bound);
    }
    if (!shouldSplit) return;
    const decision = suggestions[suggestions.length - 1];
    if (decision.isNull) {
      this.deactivateLeaf(leaf, parent, branch);
    } else {
      const split = this.newSplitNode(decision, leaf.classDist, leaf.classLength);
      for (let i = 0; i < decision.branches; i++) {
        const offset = i * decision.stride;
        split.setChild(i, this.newLearningLeaf(decision.dists.subarray(offset, offset + decision.stride), decision.lengths[i]));
      }
      this.activeLeafNodeCount--;
      this.decisionNodeCount++;
      this.activeLeafNodeCount += decision.branches;
      this.replace(parent, branch, split);
    }
    this.enforceTrackerLimit();
  }

  private removePoorAttributes(leaf: LeafNode, suggestions: SplitSuggestion[], bestMerit: number, bound: number): void {
    if (leaf.stats === null) return;
    const poor = new Set<number>();
    for (const s of suggestions) if (!s.isNull && bestMerit - s.merit > bound) poor.add(s.attribute);
    for (const s of suggestions) if (!s.isNull && bestMerit - s.merit < bound) poor.delete(s.attribute);
    for (const a of poor) leaf.stats.disable(a);
  }

  /** Puts `node` where `parent`'s `branch` was, or at the root. */
  protected replace(parent: SplitNode | null, branch: number, node: TreeNode): void {
    if (parent === null) this.root = node;
    else parent.setChild(branch, node);
  }

  protected deactivateLeaf(leaf: LeafNode, parent: SplitNode | null, branch: number): void {
    this.replace(parent, branch, new LeafNode(false, leaf.classDist, leaf.classLength, this.classCapacity));
    this.activeLeafNodeCount--;
    this.inactiveLeafNodeCount++;
  }

  protected activateLeaf(leaf: LeafNode, parent: SplitNode | null, branch: number): void {
    this.replace(parent, branch, this.newLearningLeaf(leaf.classDist, leaf.classLength));
    this.activeLeafNodeCount++;
    this.inactiveLeafNodeCount--;
  }

  /** Every leaf with its parent and branch, depth-first in branch order (MOA's findLearningNodes). */
  protected findLeaves(): FoundNode[] {
    const found: FoundNode[] = [];
    const visit = (node: TreeNode | null, parent: SplitNode | null, branch: number): void => {
      if (node === null) return;
      if (node.isLeaf) {
        found.push({ node, parent, branch });
        return;
      }
      for (let i = 0; i < node.children.length; i++) visit(node.children[i], node, i);
    };
    visit(this.root, null, -1);
    return found;
  }

  /**
   * MOA's enforceTrackerLimit: when over the memory budget (or when some leaves
   * are inactive), keep the most promising leaves active, as many as the
   * budget allows, and deactivate the rest.
   */
  protected enforceTrackerLimit(): void {
    const budget = this.params.maxByteSize;
    if (
      !(
        this.inactiveLeafNodeCount > 0 ||
        (this.activeLeafNodeCount * this.activeLeafByteSizeEstimate + this.inactiveLeafNodeCount * this.inactiveLeafByteSizeEstimate) * this.byteSizeEstimateOverheadFraction > budget
      )
    ) {
      return;
    }
    if (this.params.stopMemManagement) {
      this.growthAllowed = false;
      return;
    }
    const leaves = this.findLeaves();
    const promises = leaves.map((f) => promise(f.node as LeafNode));
    const order = leaves.map((_, i) => i).sort((a, b) => (promises[a] < promises[b] ? -1 : promises[a] > promises[b] ? 1 : 0));
    let maxActive = 0;
    while (maxActive < leaves.length) {
      maxActive++;
      if ((maxActive * this.activeLeafByteSizeEstimate + (leaves.length - maxActive) * this.inactiveLeafByteSizeEstimate) * this.byteSizeEstimateOverheadFraction > budget) {
        maxActive--;
        break;
      }
    }
    const cutoff = leaves.length - maxActive;
    for (let i = 0; i < cutoff; i++) {
      const f = leaves[order[i]];
      const leaf = f.node as LeafNode;
      if (leaf.active) this.deactivateLeaf(leaf, f.parent, f.branch);
    }
    for (let i = cutoff; i < leaves.length; i++) {
      const f = leaves[order[i]];
      const leaf = f.node as LeafNode;
      if (!leaf.active) this.activateLeaf(leaf, f.parent, f.branch);
    }
  }

  /** Estimated bytes of a leaf (its arrays plus a fixed overhead). */
  protected leafBytes(leaf: LeafNode): number {
    return NODE_OVERHEAD + leaf.classDist.byteLength + (leaf.stats === null ? 0 : leaf.stats.byteSize()) + (leaf.subspace === null ? 0 : leaf.subspace.byteLength + 64);
  }

  /** Estimated bytes of the whole tree. */
  protected treeBytes(): number {
    let bytes = 256;
    const visit = (node: TreeNode | null): void => {
      if (node === null) return;
      if (node.isLeaf) {
        bytes += this.leafBytes(node);
        return;
      }
      bytes += NODE_OVERHEAD + node.classDist.byteLength + 32 + 8 * node.children.length;
      for (const child of node.children) visit(child);
    };
    visit(this.root);
    return bytes;
  }

  /**
   * MOA's estimateModelByteSizes: average active/inactive leaf sizes and the
   * ratio of the whole model to the leaves, then the budget is enforced when
   * the model is over it. Sizes are this implementation's own estimates.
   */
  protected estimateModelByteSizes(): void {
    let activeBytes = 0;
    let inactiveBytes = 0;
    for (const f of this.findLeaves()) {
      const leaf = f.node as LeafNode;
      if (leaf.active) activeBytes += this.leafBytes(leaf);
      else inactiveBytes += this.leafBytes(leaf);
    }
    if (activeBytes > 0) this.activeLeafByteSizeEstimate = activeBytes / this.activeLeafNodeCount;
    if (inactiveBytes > 0) this.inactiveLeafByteSizeEstimate = inactiveBytes / this.inactiveLeafNodeCount;
    const actual = this.treeBytes();
    const estimated = this.activeLeafNodeCount * this.activeLeafByteSizeEstimate + this.inactiveLeafNodeCount * this.inactiveLeafByteSizeEstimate;
    this.byteSizeEstimateOverheadFraction = actual / estimated;
    if (actual > this.params.maxByteSize) this.enforceTrackerLimit();
  }

  protected override normalizeScores(): boolean {
    return false;
  }

  /** Shape of the main tree (nodes, leaves, active/inactive leaves, decision nodes, depth), counted by traversal. */
  measurements(): Record<string, number> {
    let active = 0;
    let inactive = 0;
    let decisions = 0;
    const visit = (node: TreeNode | null): void => {
      if (node === null) return;
      if (node.isLeaf) {
        if (node.active) active++;
        else inactive++;
        return;
      }
      decisions++;
      for (const child of node.children) visit(child);
    };
    visit(this.root);
    return {
      nodes: decisions + active + inactive,
      leaves: active + inactive,
      activeLeaves: active,
      inactiveLeaves: inactive,
      decisionNodes: decisions,
      depth: subtreeDepth(this.root),
      estimatedBytes: this.treeBytes(),
      growthStopped: this.growthAllowed ? 0 : 1,
      ...this.extraMeasurements(),
    };
  }

  /** Variant-specific measurements. */
  protected extraMeasurements(): Record<string, number> {
    return {};
  }

  /**
   * Readable description of the tree (as MOA's getModelDescription): one line
   * per branch condition, leaves with their class weights.
   */
  describeModel(): string {
    const schema = this.context.schema;
    const lines: string[] = [];
    const weights = (node: TreeNode) =>
      Array.from(node.classDist.subarray(0, node.classLength), (w, c) => `${schema.classes[c] ?? c}: ${Number(w.toFixed(3))}`).join(', ');
    const condition = (node: SplitNode, branch: number): string => {
      const feature = schema.features[node.attribute];
      const name = feature?.name ?? `x${node.attribute}`;
      if (node.kind === 0) return `${name} ${branch === 0 ? '<=' : '>'} ${node.value}`;
      const value = (index: number) => feature?.values[index] ?? String(index);
      if (node.kind === 1) return `${name} = ${value(branch)}`;
      return `${name} ${branch === 0 ? '=' : '!='} ${value(node.value)}`;
    };
    const visit = (node: TreeNode | null, indent: string): void => {
      if (node === null) return;
      if (node.isLeaf) {
        lines.push(`${indent}leaf${node.active ? '' : ' (inactive)'} {${weights(node)}}`);
        return;
      }
      node.children.forEach((child, branch) => {
        if (child === null) return;
        lines.push(`${indent}if ${condition(node, branch)}:`);
        visit(child, indent + '  ');
      });
    };
    visit(this.root, '');
    return lines.join('\n');
  }

  /** Normalises MOA-style votes in `out[0..k)` (uniform when the model has nothing yet to say). */
  protected finishVotes(out: Float64Array, k: number): void {
    votesToProbabilities(out, k, this.root !== null);
  }
}

function isLeafPure(leaf: LeafNode): boolean {
  let nonZero = 0;
  for (let c = 0; c < leaf.classLength; c++) if (leaf.classDist[c] !== 0) nonZero++;
  return nonZero < 2;
}
