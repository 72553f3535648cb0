import { describe, expect, it } from 'vitest';
import { argMax, PluginRegistry, Random, StreamSchema } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { plugins } from './index.js';
import { kMeans, squaredDistance, squaredDistanceBelow } from './k-means.js';

const registry = new PluginRegistry().register(...plugins);

describe('kMeans', () => {
  it('finds the centres of well separated blobs, reproducibly for a seed', () => {
    const random = new Random(3);
    const n = 300;
    const points = new Float64Array(n * 2);
    const centres = [[0, 0], [10, 10], [-10, 5]];
    for (let p = 0; p < n; p++) {
      const c = centres[p % 3];
      points[2 * p] = c[0] + random.nextGaussian() * 0.3;
      points[2 * p + 1] = c[1] + random.nextGaussian() * 0.3;
    }
    const found = new Float64Array(6);
    kMeans(points, n, 2, 3, new Uint8Array(2), new Random(1), found);
    const sorted = [0, 1, 2].map((c) => [found[2 * c], found[2 * c + 1]]).sort((a, b) => a[0] - b[0]);
    expect(sorted[0][0]).toBeCloseTo(-10, 0);
    expect(sorted[0][1]).toBeCloseTo(5, 0);
    expect(sorted[1][0]).toBeCloseTo(0, 0);
    expect(sorted[2][1]).toBeCloseTo(10, 0);
    const again = new Float64Array(6);
    kMeans(points, n, 2, 3, new Uint8Array(2), new Random(1), again);
    expect(Array.from(again)).toEqual(Array.from(found));
  });

  it('stops a distance at its bound without changing any distance below it', () => {
    const random = new Random(5);
    const d = 6;
    const nominal = Uint8Array.from([0, 1, 0, 0, 1, 0]);
    const rows = new Float64Array(200 * d);
    for (let i = 0; i < rows.length; i++) rows[i] = nominal[i % d] ? random.nextInt(3) : random.nextDouble() < 0.05 ? NaN : random.nextGaussian();
    let below = 0;
    let cut = 0;
    for (let p = 0; p < 199; p++) {
      const exact = squaredDistance(rows, p * d, rows, (p + 1) * d, d, nominal);
      const bound = random.nextDouble() * 20;
      const bounded = squaredDistanceBelow(rows, p * d, rows, (p + 1) * d, d, nominal, bound);
      if (exact < bound) {
        expect(bounded).toBe(exact);
        below++;
      } else {
        expect(bounded).toBeGreaterThanOrEqual(bound);
        expect(bounded).toBeLessThanOrEqual(exact);
        cut++;
      }
    }
    expect(below).toBeGreaterThan(20);
    expect(cut).toBeGreaterThan(20);
  });
});

describe('sam-knn', () => {
  it('keeps both memories within the limit and compresses the LTM', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const learner = registry.createLearner({ id: 'sam-knn', params: { limit: 300, minSTMSize: 20 } }, { schema, seed: 1 });
    const random = new Random(2);
    let largestLTM = 0;
    for (let i = 0; i < 3000; i++) {
      const x = Float64Array.from([random.nextDouble(), random.nextDouble()]);
      learner.learnOne(x, x[0] > x[1] ? 1 : 0);
      const { stmSize, ltmSize } = learner.measurements!();
      expect(stmSize + ltmSize).toBeLessThanOrEqual(300);
      largestLTM = Math.max(largestLTM, ltmSize);
    }
    expect(largestLTM).toBeGreaterThan(0);
  });

  it('shrinks its short-term memory after an abrupt change and recovers faster than a large-window kNN', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const sam = registry.createLearner('sam-knn', { schema, seed: 1 });
    const knn = registry.createLearner({ id: 'knn', params: { k: 5, limit: 5000 } }, { schema, seed: 1 });
    const random = new Random(9);
    const x = new Float64Array(2);
    let samCorrect = 0;
    let knnCorrect = 0;
    let stmBefore = 0;
    let stmAfter = Infinity;
    for (let i = 0; i < 4000; i++) {
      x[0] = random.nextDouble();
      x[1] = random.nextDouble();
      const concept = x[0] + x[1] > 1 ? 1 : 0;
      const y = i < 2500 ? concept : 1 - concept;
      if (i >= 2500 && i < 3500) {
        if (argMax(sam.predictProbaOne(x), 2) === y) samCorrect++;
        if (argMax(knn.predictProbaOne(x), 2) === y) knnCorrect++;
      }
      sam.learnOne(x, y);
      knn.learnOne(x, y);
      if (i === 2499) stmBefore = sam.measurements!().stmSize;
      if (i > 2500) stmAfter = Math.min(stmAfter, sam.measurements!().stmSize);
    }
    expect(stmBefore).toBeGreaterThan(500);
    expect(stmAfter).toBeLessThan(200);
    expect(samCorrect).toBeGreaterThan(knnCorrect + 200);
  });

  it('rejects a minimum STM size above half the STM budget', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    expect(() => registry.createLearner({ id: 'sam-knn', params: { limit: 100, minSTMSize: 40 } }, { schema, seed: 1 })).toThrow(/minSTMSize/);
  });

  it('learns the first 15,000 instances of electricity to over 80%', async () => {
    // MOA 2024.07 lazy.SAMkNN on the whole stream: 82.86% and 82.77% in two runs (its k-means is unseeded);
    // natively 82.89% on the whole stream (about 40 s), 82.3% on this prefix.
    const source = await openStream('electricity', { maxInstances: 15_000 });
    const learner = registry.createLearner('sam-knn', { schema: source.schema, seed: 1 });
    let n = 0;
    let correct = 0;
    for (let batch = await source.nextBatch(5000); batch; batch = await source.nextBatch(5000)) {
      for (let i = 0; i < batch.n; i++) {
        const x = batch.x.subarray(i * batch.d, (i + 1) * batch.d);
        if (argMax(learner.predictProbaOne(x), source.schema.numClasses) === batch.y[i]) correct++;
        learner.learnOne(x, batch.y[i]);
        n++;
      }
    }
    await source.close();
    console.log(`electricity (15,000) sam-knn: ${((100 * correct) / n).toFixed(2)}%`);
    expect(correct / n).toBeGreaterThan(0.8);
  }, 120_000);
});
