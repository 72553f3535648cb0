import { Random, StreamSchema } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

interface TreeNode {
  attribute: number;
  value: number;
  label: number;
  children?: TreeNode[];
}

/** Parameters of RandomTree (MOA `generators.RandomTreeGenerator`). */
export interface RandomTreeParams {
  /** Seed of the tree (MOA -r treeRandomSeed, default 1). */
  modelSeed: number;
  /** Seed of the instance generator (MOA -i instanceRandomSeed, default 1). */
  seed: number;
  /** Number of classes (MOA -c, default 2). */
  numClasses: number;
  /** Number of nominal attributes (MOA -o, default 5). */
  numNominals: number;
  /** Number of numeric attributes (MOA -u, default 5). */
  numNumerics: number;
  /** Values per nominal attribute (MOA -v, default 5). */
  numValsPerNominal: number;
  /** Maximum depth of the tree (MOA -d, default 5). */
  maxTreeDepth: number;
  /** First level that may hold leaves (MOA -l, default 3). */
  firstLeafLevel: number;
  /** Fraction of leaves per level from firstLeafLevel on (MOA -f, default 0.15). */
  leafFraction: number;
}

/**
 * Random decision tree concept (Domingos & Hulten 2000): a tree built from a
 * seeded generator labels uniform instances (nominal attributes first, then
 * numeric ones in [0,1)). The tree is stored in flat typed arrays; built and
 * sampled in MOA's draw order.
 */
export class RandomTreeGenerator implements InstanceGenerator {
  readonly schema: StreamSchema;
  private random!: Random;
  // Flat tree: per node, split attribute (-1 = leaf), split value, first child index, class label.
  private readonly splitAttribute: Int32Array; // per node; -1 = leaf
  private readonly splitValue: Float64Array;
  private readonly firstChild: Int32Array; // children of a node are contiguous
  private readonly label: Int32Array;

  constructor(readonly params: RandomTreeParams) {
    const values = Array.from({ length: params.numValsPerNominal }, (_, i) => `value${i + 1}`);
    this.schema = new StreamSchema(
      [
        ...Array.from({ length: params.numNominals }, (_, i) => ({ name: `nominal${i + 1}`, kind: 'nominal' as const, values })),
        ...Array.from({ length: params.numNumerics }, (_, i) => ({ name: `numeric${i + 1}`, kind: 'numeric' as const })),
      ],
      'class',
      Array.from({ length: params.numClasses }, (_, i) => `class${i + 1}`),
    );
    const tree = new Random(params.modelSeed);
    const root = this.grow(0, Array.from({ length: params.numNominals }, (_, i) => i), new Float64Array(params.numNumerics), new Float64Array(params.numNumerics).fill(1), tree);
    // Flatten breadth-first so each node's children sit next to each other.
    const nodes: TreeNode[] = [root];
    const first: number[] = [];
    for (let i = 0; i < nodes.length; i++) {
      first.push(nodes[i].children ? nodes.length : -1);
      if (nodes[i].children) nodes.push(...nodes[i].children!);
    }
    this.splitAttribute = Int32Array.from(nodes, (n) => (n.children ? n.attribute : -1));
    this.splitValue = Float64Array.from(nodes, (n) => n.value);
    this.firstChild = Int32Array.from(first);
    this.label = Int32Array.from(nodes, (n) => n.label);
    this.restart();
  }

  /** Number of nodes of the concept tree. */
  get treeSize(): number {
    return this.label.length;
  }

  /** Builds a subtree in MOA's draw order (leaf test, leaf class or split attribute, split value, children in order). */
  private grow(depth: number, nominalCandidates: number[], minValues: Float64Array, maxValues: Float64Array, r: Random): TreeNode {
    const p = this.params;
    if (depth >= p.maxTreeDepth || (depth >= p.firstLeafLevel && p.leafFraction >= 1 - r.nextDouble())) {
      return { attribute: -1, value: 0, label: r.nextInt(p.numClasses) };
    }
    const chosen = r.nextInt(nominalCandidates.length + p.numNumerics);
    if (chosen < nominalCandidates.length) {
      const attribute = nominalCandidates[chosen];
      const remaining = nominalCandidates.filter((a) => a !== attribute);
      const children: TreeNode[] = [];
      for (let i = 0; i < p.numValsPerNominal; i++) children.push(this.grow(depth + 1, remaining, minValues, maxValues, r));
      return { attribute, value: 0, label: 0, children };
    }
    const numeric = chosen - nominalCandidates.length;
    const value = (maxValues[numeric] - minValues[numeric]) * r.nextDouble() + minValues[numeric];
    const lowMax = maxValues.slice();
    lowMax[numeric] = value;
    const low = this.grow(depth + 1, nominalCandidates, minValues, lowMax, r);
    const highMin = minValues.slice();
    highMin[numeric] = value;
    const high = this.grow(depth + 1, nominalCandidates, highMin, maxValues, r);
    return { attribute: p.numNominals + numeric, value, label: 0, children: [low, high] };
  }

  restart(): void {
    this.random = new Random(this.params.seed);
  }

  nextInstance(x: Float64Array, offset: number): number {
    const r = this.random;
    const { numNominals, numNumerics, numValsPerNominal } = this.params;
    const d = numNominals + numNumerics;
    for (let i = 0; i < d; i++) x[offset + i] = i < numNominals ? r.nextInt(numValsPerNominal) : r.nextDouble();
    let node = 0;
    for (;;) {
      const attribute = this.splitAttribute[node];
      if (attribute < 0) return this.label[node];
      const v = x[offset + attribute];
      node = this.firstChild[node] + (attribute < numNominals ? v : v < this.splitValue[node] ? 0 : 1);
    }
  }
}
