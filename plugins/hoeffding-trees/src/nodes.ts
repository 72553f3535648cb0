import type { ClassConditionalStatistics } from '@tributary/naive-bayes';
import { TestKind } from './split-suggestion.js';

/**
 * Class weights of a node with MOA's vector-length semantics: `classLength` is
 * the highest class index touched + 1 (it sets the information-gain range and
 * which class the "majority" is when nothing was counted).
 */
export interface ClassCounts {
  classDist: Float64Array;
  classLength: number;
}

/** Adds `weight` to class `y` of a node, growing its vector. */
export function addClassWeight(node: ClassCounts, y: number, weight: number): void {
  if (y >= node.classDist.length) {
    const grown = new Float64Array(Math.max(y + 1, node.classDist.length * 2));
    grown.set(node.classDist);
    node.classDist = grown;
  }
  node.classDist[y] += weight;
  if (y >= node.classLength) node.classLength = y + 1;
}

/** Σ of a node's class weights (MOA's `sumOfValues`, summed in index order). */
export function totalWeight(node: ClassCounts): number {
  let sum = 0;
  const dist = node.classDist;
  for (let c = 0; c < node.classLength; c++) sum += dist[c];
  return sum;
}

/** MOA's `DoubleVector.maxIndex`: first maximum, −1 for an empty vector. */
export function majorityIndex(node: ClassCounts): number {
  let best = -1;
  const dist = node.classDist;
  for (let c = 0; c < node.classLength; c++) if (best < 0 || dist[c] > dist[best]) best = c;
  return best;
}

/** Whether fewer than two classes have non-zero weight. */
export function isPure(node: ClassCounts): boolean {
  let nonZero = 0;
  for (let c = 0; c < node.classLength; c++) if (node.classDist[c] !== 0) nonZero++;
  return nonZero < 2;
}

/** MOA's leaf "promise" (weight not in the majority class), used to pick leaves to deactivate. */
export function promise(node: ClassCounts): number {
  const total = totalWeight(node);
  return total > 0 ? total - node.classDist[majorityIndex(node)] : 0;
}

function copyDist(dist: Float64Array, length: number, capacity: number): Float64Array {
  const copy = new Float64Array(Math.max(capacity, length, 1));
  copy.set(dist.subarray(0, length));
  return copy;
}

/** A leaf: active (it keeps attribute statistics and may split) or inactive (class weights only). */
export class LeafNode implements ClassCounts {
  readonly isLeaf = true;
  readonly active: boolean;
  classDist: Float64Array;
  classLength: number;
  /** Attribute observers; created at the leaf's first instance (null: none yet, or inactive). */
  stats: ClassConditionalStatistics | null = null;
  /** Weight seen when a split was last attempted. */
  lastSplitEvaluationWeight: number;
  /** NB-adaptive: weight the majority class would have predicted correctly. */
  mcCorrectWeight = 0;
  /** NB-adaptive: weight naive Bayes would have predicted correctly. */
  nbCorrectWeight = 0;
  /** Attributes this leaf observes (ARF random subspace); null = all. */
  subspace: Int32Array | null = null;
  /** Whether the subspace was drawn (drawn at the first instance, as MOA's ARFHoeffdingTree). */
  subspaceChosen = false;
  /** Instances learned (identifies the leaf's state for the naive Bayes cache). */
  updates = 0;

  constructor(active: boolean, dist: Float64Array, length: number, capacity: number) {
    this.active = active;
    this.classDist = copyDist(dist, length, capacity);
    this.classLength = length;
    this.lastSplitEvaluationWeight = totalWeight(this);
  }
}

/** An internal node with its test; children may be null (a branch never reached). */
export class SplitNode implements ClassCounts {
  readonly isLeaf = false;
  readonly kind: TestKind;
  readonly attribute: number;
  readonly value: number;
  classDist: Float64Array;
  classLength: number;
  readonly children: (TreeNode | null)[];

  constructor(kind: TestKind, attribute: number, value: number, dist: Float64Array, length: number, capacity: number, branches: number) {
    this.kind = kind;
    this.attribute = attribute;
    this.value = value;
    this.classDist = copyDist(dist, length, capacity);
    this.classLength = length;
    this.children = new Array<TreeNode | null>(branches).fill(null);
  }

  /** Branch of `x` (−1 when the tested value is missing). */
  branchFor(x: Float64Array): number {
    const v = x[this.attribute];
    if (v !== v) return -1;
    switch (this.kind) {
      case TestKind.NumericBinary:
        return v <= this.value ? 0 : 1;
      case TestKind.NominalMultiway:
        return v | 0;
      default:
        return (v | 0) === this.value ? 0 : 1;
    }
  }

  /** Child at `branch`, null when absent (MOA's auto-expanding vector). */
  child(branch: number): TreeNode | null {
    return branch >= 0 && branch < this.children.length ? this.children[branch] : null;
  }

  /** Sets the child at `branch`, padding with nulls. */
  setChild(branch: number, node: TreeNode | null): void {
    while (this.children.length <= branch) this.children.push(null);
    this.children[branch] = node;
  }
}

export type TreeNode = LeafNode | SplitNode;

/** A leaf or split node reached by sorting an instance, with its parent and branch (MOA's FoundNode). */
export interface FoundNode {
  node: TreeNode | null;
  parent: SplitNode | null;
  branch: number;
}

/** Depth of the subtree under `node` (a leaf has depth 0). */
export function subtreeDepth(node: TreeNode | null): number {
  if (node === null || node.isLeaf) return 0;
  let max = 0;
  for (const child of node.children) {
    const depth = subtreeDepth(child);
    if (depth > max) max = depth;
  }
  return max + 1;
}
