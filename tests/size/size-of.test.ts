import { describe, expect, it } from 'vitest';
import { deepSizeOf, StreamSchema, type Learner } from '@tributary/core';
import { contractData, contractSchema, heapSnapshotSizeOf } from '@tributary/core/testing';
import { discoverPlugins } from '@tributary/core';

const registry = await discoverPlugins();

function trained(id: string, schema: StreamSchema, n: number): Learner {
  const learner = registry.createLearner(id, { schema, seed: 1 });
  const data = contractData(n, 3);
  for (let i = 0; i < n; i++) {
    schema.addClass(data.labels[data.y[i]]);
    learner.learnOne(data.x.subarray(i * data.d, (i + 1) * data.d), data.y[i]);
  }
  return learner;
}

describe('deepSizeOf agrees with V8 heap snapshots', () => {
  it('on a plain object graph with typed arrays', () => {
    const graph = { weights: new Float64Array(50_000), counts: Array.from({ length: 2000 }, (_, i) => ({ i, mean: i / 3, hist: new Int32Array(16) })) };
    const modelled = deepSizeOf(graph);
    const measured = heapSnapshotSizeOf(graph);
    expect(modelled / measured).toBeGreaterThan(0.75);
    expect(modelled / measured).toBeLessThan(1.33);
  });

  for (const id of ['naive-bayes', 'hoeffding-tree']) {
    it(`on a trained ${id}`, () => {
      const learner = trained(id, contractSchema(), 20_000);
      const modelled = learner.sizeInBytes();
      const measured = heapSnapshotSizeOf(learner);
      // Within a third either way: the model is an estimate of layout, not a byte count of V8's internals.
      expect(modelled / measured).toBeGreaterThan(0.67);
      expect(modelled / measured).toBeLessThan(1.5);
    });
  }
});
