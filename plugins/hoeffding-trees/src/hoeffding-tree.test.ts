import { StreamSchema } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { ArfHoeffdingTree, HoeffdingTree } from './hoeffding-tree.js';
import type { LeafNode, TreeNode } from './nodes.js';
import { prequentialAccuracy, syntheticData, testThenTrain } from './test-helpers.js';

const schema3 = () => StreamSchema.numeric(3, ['neg', 'pos']);

function leaves(tree: HoeffdingTree): LeafNode[] {
  const out: LeafNode[] = [];
  const visit = (node: TreeNode | null) => {
    if (node === null) return;
    if (node.isLeaf) out.push(node);
    else node.children.forEach(visit);
  };
  visit((tree as unknown as { root: TreeNode | null }).root);
  return out;
}

describe('hoeffding-tree', () => {
  it('reaches at least 0.78 prequential accuracy on electricity (MOA: 0.7919)', async () => {
    const accuracy = await prequentialAccuracy('electricity', (schema) => new HoeffdingTree({}, { schema, seed: 1 }));
    expect(accuracy).toBeGreaterThanOrEqual(0.78);
  });

  it('splits on the informative attribute', () => {
    const schema = schema3();
    const tree = new HoeffdingTree({}, { schema, seed: 1 });
    testThenTrain(tree, syntheticData(3000, 3, 4, (x) => (x[1] > 0.5 ? 1 : 0)), 2);
    expect(tree.measurements().decisionNodes).toBeGreaterThanOrEqual(1);
    expect(tree.describeModel().split('\n')[0]).toMatch(/^if x1 <= 0\.\d+:$/);
  });

  it('waits for the Hoeffding bound on noise: no split before the bound falls under the tie threshold', () => {
    // ε = √(ln(1/δ) / 2n) < 0.05 needs n > ln(1e7) / 0.005 ≈ 3224 instances (R = 1 for two classes).
    const schema = schema3();
    const tree = new HoeffdingTree({}, { schema, seed: 1 });
    const data = syntheticData(4000, 3, 5, (x, i) => (Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453) > 0.5 ? 1 : 0));
    testThenTrain(tree, data, 2, 0, 3200);
    expect(tree.measurements().decisionNodes).toBe(0);
    testThenTrain(tree, data, 2, 3200, 4000);
    expect(tree.measurements().decisionNodes).toBe(1);
  });

  it('does not learn an instance whose split attribute is missing (stops at the split, as MOA)', () => {
    const schema = schema3();
    const tree = new HoeffdingTree({}, { schema, seed: 1 });
    testThenTrain(tree, syntheticData(3000, 3, 6, (x) => (x[1] > 0.5 ? 1 : 0)), 2);
    const probe = Float64Array.of(0.3, 0.9, 0.3);
    const before = Array.from(tree.predictProbaOne(probe));
    for (let i = 0; i < 300; i++) tree.learnOne(Float64Array.of(0.3, NaN, 0.3), 0);
    expect(Array.from(tree.predictProbaOne(probe))).toEqual(before);
    const missing = tree.predictProbaOne(Float64Array.of(0.3, NaN, 0.3));
    expect(missing[0] + missing[1]).toBeCloseTo(1, 12);
  });

  it('ignores zero weights and counts fractional weights', () => {
    const schema = schema3();
    const tree = new HoeffdingTree({ leafPrediction: 'MC' }, { schema, seed: 1 });
    tree.learnOne(Float64Array.of(0, 0, 0), 1, 0.5);
    tree.learnOne(Float64Array.of(0, 0, 0), 0, 0);
    tree.learnOne(Float64Array.of(0, 0, 0), 0, 0.25);
    expect(Array.from(tree.predictProbaOne(Float64Array.of(0, 0, 0)))).toEqual([1 / 3, 2 / 3]);
  });

  describe('memory management (MOA enforceTrackerLimit)', () => {
    const checkerboard = (x: Float64Array) => ((Math.floor(x[0] * 6) + Math.floor(x[1] * 6)) % 2 === 0 ? 1 : 0);

    it('deactivates the least promising leaves when over maxByteSize', () => {
      const schema = StreamSchema.numeric(4, ['a', 'b']);
      const tree = new HoeffdingTree({ maxByteSize: 40_000, memoryEstimatePeriod: 2000, gracePeriod: 50, splitConfidence: 0.01 }, { schema, seed: 1 });
      testThenTrain(tree, syntheticData(30_000, 4, 7, checkerboard), 2);
      const m = tree.measurements();
      expect(m.inactiveLeaves).toBeGreaterThan(0);
      expect(m.activeLeaves).toBeGreaterThan(0);
      // active leaves stay within what the budget allows
      const active = leaves(tree).filter((l) => l.active);
      const activeBytes = active.reduce((sum, l) => sum + (l.stats?.byteSize() ?? 0), 0);
      expect(activeBytes).toBeLessThan(40_000);
    });

    it('with stopMemManagement, stops growing once over budget', () => {
      const schema = StreamSchema.numeric(4, ['a', 'b']);
      const tree = new HoeffdingTree({ maxByteSize: 40_000, memoryEstimatePeriod: 2000, gracePeriod: 50, splitConfidence: 0.01, stopMemManagement: true }, { schema, seed: 1 });
      const data = syntheticData(40_000, 4, 7, checkerboard);
      let nodesWhenStopped = -1;
      for (let from = 0; from < 40_000; from += 1000) {
        testThenTrain(tree, data, 2, from, from + 1000);
        const m = tree.measurements();
        if (m.growthStopped === 1 && nodesWhenStopped < 0) nodesWhenStopped = m.nodes;
        if (nodesWhenStopped >= 0) expect(m.nodes).toBe(nodesWhenStopped);
      }
      expect(nodesWhenStopped).toBeGreaterThan(0);
      expect(tree.measurements().inactiveLeaves).toBe(0);
    });

    it('with the default budget, a small stream keeps every leaf active', () => {
      const schema = StreamSchema.numeric(4, ['a', 'b']);
      const tree = new HoeffdingTree({ gracePeriod: 50, splitConfidence: 0.01, memoryEstimatePeriod: 2000 }, { schema, seed: 1 });
      testThenTrain(tree, syntheticData(30_000, 4, 7, checkerboard), 2);
      expect(tree.measurements().inactiveLeaves).toBe(0);
      expect(tree.measurements().leaves).toBeGreaterThan(10);
    });
  });
});

describe('arf-hoeffding-tree (random subspaces)', () => {
  const data = syntheticData(4000, 6, 9, (x) => (x[0] + x[3] > 1 ? 1 : 0));

  it("has ARF's tree defaults (MOA: -g 50 -c 0.01 -e 2000000, -k 2)", () => {
    const tree = new ArfHoeffdingTree({}, { schema: StreamSchema.numeric(6, ['a', 'b']), seed: 1 });
    expect(tree.params).toMatchObject({ gracePeriod: 50, splitConfidence: 0.01, memoryEstimatePeriod: 2_000_000, subspaceSize: 2 });
  });

  it('each leaf observes exactly subspaceSize distinct features', () => {
    const tree = new ArfHoeffdingTree({ subspaceSize: 3 }, { schema: StreamSchema.numeric(6, ['a', 'b']), seed: 3 });
    testThenTrain(tree, data, 2);
    const observed = leaves(tree).filter((l) => l.stats !== null);
    expect(observed.length).toBeGreaterThan(2);
    for (const leaf of observed) {
      expect(leaf.subspace?.length).toBe(3);
      expect(new Set(leaf.subspace).size).toBe(3);
      expect(Array.from(leaf.stats!.observerState).filter((s) => s !== 0).length).toBe(3);
    }
  });

  it('same seed → same predictions; another seed → other subspaces', () => {
    const run = (seed: number) => testThenTrain(new ArfHoeffdingTree({ subspaceSize: 2 }, { schema: StreamSchema.numeric(6, ['a', 'b']), seed }), data, 2);
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('subspaceSize 0 (the hoeffding-tree default) observes every feature and draws nothing', () => {
    const tree = new HoeffdingTree({}, { schema: StreamSchema.numeric(6, ['a', 'b']), seed: 1 });
    testThenTrain(tree, data, 2, 0, 500);
    for (const leaf of leaves(tree)) if (leaf.stats) expect(Array.from(leaf.stats.observerState).every((s) => s === 1)).toBe(true);
  });
});
