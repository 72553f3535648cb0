import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argMax, PluginRegistry, Random, StreamSchema } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { plugins } from './index.js';
import { KNN } from './knn.js';

const registry = new PluginRegistry().register(...plugins);

/** Prequential (test-then-train) accuracy of a fresh learner on a named stream. */
async function prequentialAccuracy(id: string, params: Record<string, unknown>, stream: string, maxInstances?: number): Promise<number> {
  const source = await openStream(stream, maxInstances ? { maxInstances } : {});
  const learner = registry.createLearner({ id, params }, { schema: source.schema, seed: 1 });
  let correct = 0;
  let seen = 0;
  const p = new Float64Array(64);
  for (let batch = await source.nextBatch(2000); batch; batch = await source.nextBatch(2000)) {
    for (let i = 0; i < batch.n; i++) {
      const x = batch.x.subarray(i * batch.d, (i + 1) * batch.d);
      if (argMax(learner.predictProbaOne(x, p), source.schema.numClasses) === batch.y[i]) correct++;
      learner.learnOne(x, batch.y[i]);
      seen++;
    }
  }
  await source.close();
  return correct / seen;
}

/** Straightforward reference of MOA's kNN votes (distance as NormalizableDistance, ties at the k-th distance vote). */
function referenceVotes(window: Float64Array[], labels: number[], nominal: boolean[], query: Float64Array, k: number, numClasses: number): number[] {
  const d = query.length;
  const min = Array.from({ length: d }, (_, j) => Math.min(...window.map((r) => r[j]).filter((v) => !Number.isNaN(v))));
  const max = Array.from({ length: d }, (_, j) => Math.max(...window.map((r) => r[j]).filter((v) => !Number.isNaN(v))));
  const norm = (v: number, j: number) => (max[j] > min[j] && Number.isFinite(max[j] - min[j]) ? (v - min[j]) / (max[j] - min[j]) : 0);
  const distances = window.map((row) => {
    let sum = 0;
    for (let j = 0; j < d; j++) {
      const a = query[j];
      const b = row[j];
      let diff: number;
      if (nominal[j]) diff = Number.isNaN(a) || Number.isNaN(b) || a !== b ? 1 : 0;
      else if (Number.isNaN(a) && Number.isNaN(b)) diff = 1;
      else if (Number.isNaN(a) || Number.isNaN(b)) {
        diff = norm(Number.isNaN(a) ? b : a, j);
        if (diff < 0.5) diff = 1 - diff;
      } else diff = norm(a, j) - norm(b, j);
      sum += diff * diff;
    }
    return sum;
  });
  const kth = [...distances].sort((a, b) => a - b)[Math.min(k, distances.length) - 1];
  const votes = new Array(numClasses).fill(0);
  distances.forEach((dist, i) => {
    if (dist <= kth) votes[labels[i]]++;
  });
  return votes;
}

describe('knn', () => {
  it('votes exactly as MOA’s distance and tie rule, over a sliding window with nominal and missing values', () => {
    const schema = new StreamSchema([{ name: 'a', kind: 'numeric' }, { name: 'b', kind: 'numeric' }, { name: 'c', kind: 'nominal', values: ['p', 'q', 'r'] }], 'class', ['x', 'y', 'z']);
    const k = 5;
    const limit = 40;
    const learner = new KNN({ k, limit }, { schema, seed: 1 });
    const random = new Random(4);
    const window: Float64Array[] = [];
    const labels: number[] = [];
    const draw = () => {
      const row = Float64Array.from([Math.round(random.nextDouble() * 20) / 4, random.nextGaussian() * 100, random.nextInt(3)]);
      for (let j = 0; j < 3; j++) if (random.nextDouble() < 0.1) row[j] = NaN;
      return row;
    };
    for (let i = 0; i < 300; i++) {
      const query = draw();
      const got = Array.from(learner.predictProbaOne(query));
      if (window.length > 0) {
        const votes = referenceVotes(window, labels, [false, false, true], query, k, 3);
        const total = votes.reduce((a, b) => a + b, 0);
        expect(got.map((p) => p * total), `instance ${i}`).toEqual(votes.map((v) => expect.closeTo(v, 9)));
      } else {
        expect(got).toEqual([0, 0, 0]);
      }
      const y = random.nextInt(3);
      learner.learnOne(query, y);
      window.push(query);
      labels.push(y);
      if (window.length > limit) {
        window.shift();
        labels.shift();
      }
    }
  });

  it('counts every instance tied with the k-th nearest', () => {
    const schema = StreamSchema.numeric(1, ['a', 'b']);
    const learner = new KNN({ k: 1, limit: 10 }, { schema, seed: 1 });
    learner.learnOne(Float64Array.from([0]), 0);
    learner.learnOne(Float64Array.from([2]), 1);
    learner.learnOne(Float64Array.from([2]), 1);
    learner.learnOne(Float64Array.from([0]), 0);
    learner.learnOne(Float64Array.from([0]), 0);
    expect(Array.from(learner.predictProbaOne(Float64Array.from([0.1])))).toEqual([1, 0]);
    expect(Array.from(learner.predictProbaOne(Float64Array.from([1])))).toEqual([0.6, 0.4]);
  });

  it('forgets the oldest instance beyond the window limit', () => {
    const schema = StreamSchema.numeric(1, ['a', 'b']);
    const learner = new KNN({ k: 3, limit: 3 }, { schema, seed: 1 });
    for (const v of [0, 0, 0]) learner.learnOne(Float64Array.from([v]), 0);
    for (const v of [5, 5, 5]) learner.learnOne(Float64Array.from([v]), 1);
    expect(Array.from(learner.predictProbaOne(Float64Array.from([0])))).toEqual([0, 1]);
    expect(learner.measurements().windowSize).toBe(3);
  });

  it('is small: the window is typed arrays', () => {
    const learner = new KNN({}, { schema: StreamSchema.numeric(8, ['a', 'b']), seed: 1 });
    for (let i = 0; i < 2000; i++) learner.learnOne(new Float64Array(8).fill(i), i % 2);
    expect(learner.sizeInBytes()).toBeLessThan(1000 * 8 * 8 * 1.5);
  });
});

describe('knn-adwin', () => {
  it.each(['paw', 'sliding'])('(window %s) shrinks its window after an abrupt change and recovers faster than plain kNN', (window) => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const plain = registry.createLearner('knn', { schema, seed: 1 });
    const adaptive = registry.createLearner({ id: 'knn-adwin', params: { window } }, { schema, seed: 1 });
    const random = new Random(9);
    const x = new Float64Array(2);
    let plainCorrect = 0;
    let adaptiveCorrect = 0;
    let smallestWindow = Infinity;
    for (let i = 0; i < 4000; i++) {
      x[0] = random.nextDouble();
      x[1] = random.nextDouble();
      const concept = x[0] + x[1] > 1 ? 1 : 0;
      const y = i < 2000 ? concept : 1 - concept;
      if (i >= 2000 && i < 2600) {
        if (argMax(plain.predictProbaOne(x), 2) === y) plainCorrect++;
        if (argMax(adaptive.predictProbaOne(x), 2) === y) adaptiveCorrect++;
      }
      plain.learnOne(x, y);
      adaptive.learnOne(x, y);
      smallestWindow = Math.min(smallestWindow, adaptive.measurements!().windowSize);
    }
    expect(smallestWindow).toBeLessThan(500);
    expect(adaptiveCorrect).toBeGreaterThan(plainCorrect + 60);
  });

  it('with a sliding window, predicts the same with or without a prediction just before learning', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const withPredict = registry.createLearner({ id: 'knn-adwin', params: { window: 'sliding' } }, { schema, seed: 1 });
    const without = registry.createLearner({ id: 'knn-adwin', params: { window: 'sliding' } }, { schema, seed: 1 });
    const random = new Random(10);
    for (let i = 0; i < 3000; i++) {
      const x = Float64Array.from([random.nextDouble(), random.nextDouble()]);
      const y = (i < 1500 ? x[0] > 0.5 : x[0] < 0.5) ? 1 : 0;
      withPredict.predictProbaOne(x);
      withPredict.learnOne(x, y);
      without.learnOne(x, y);
    }
    expect(withPredict.measurements!()).toEqual(without.measurements!());
  });
});

/** Test-then-train on electricity, comparing every prediction with MOA's recorded ones (scripts/moa-knn.sh). */
async function compareWithMoa(id: string, fixture: string, maxInstances?: number): Promise<{ n: number; agree: number; accuracy: number; moaAccuracy: number }> {
  const moa = JSON.parse(readFileSync(new URL(`./testdata/${fixture}`, import.meta.url), 'utf8')) as { accuracy: number; classes: string[]; predictions: string };
  const source = await openStream('electricity', maxInstances ? { maxInstances } : {});
  const learner = registry.createLearner(id, { schema: source.schema, seed: 1 });
  let n = 0;
  let agree = 0;
  let correct = 0;
  for (let batch = await source.nextBatch(5000); batch; batch = await source.nextBatch(5000)) {
    for (let i = 0; i < batch.n; i++) {
      const x = batch.x.subarray(i * batch.d, (i + 1) * batch.d);
      const predicted = argMax(learner.predictProbaOne(x), source.schema.numClasses);
      if (source.schema.classes[predicted] === moa.classes[Number(moa.predictions[n])]) agree++;
      if (predicted === batch.y[i]) correct++;
      learner.learnOne(x, batch.y[i]);
      n++;
    }
  }
  await source.close();
  return { n, agree, accuracy: correct / n, moaAccuracy: moa.accuracy };
}

describe('electricity against MOA 2024.07, instance by instance', () => {
  it('knn predicts exactly what lazy.kNN predicts (45,312 instances)', async () => {
    const { n, agree, accuracy, moaAccuracy } = await compareWithMoa('knn', 'moa-knn-electricity.json');
    console.log(`electricity knn: ${(100 * accuracy).toFixed(2)}% (MOA ${(100 * moaAccuracy).toFixed(2)}%), agreement ${agree}/${n}`);
    expect(n).toBe(45_312);
    expect(agree).toBe(n);
    expect(accuracy).toBeCloseTo(moaAccuracy, 12);
  }, 120_000);

  it('knn-adwin predicts exactly what lazy.kNNwithPAWandADWIN predicts with seed 1 (first 20,000 instances)', async () => {
    // The whole stream agrees too (80.01% both, about 20 s); the prefix keeps the suite quick.
    const { n, agree, accuracy } = await compareWithMoa('knn-adwin', 'moa-knn-paw-adwin-electricity.json', 20_000);
    console.log(`electricity (20,000) knn-adwin: ${(100 * accuracy).toFixed(2)}%, agreement with MOA ${agree}/${n}`);
    expect(agree).toBe(n);
  }, 120_000);

  it('knn-adwin with a sliding window reaches a sane accuracy', async () => {
    const accuracy = await prequentialAccuracy('knn-adwin', { window: 'sliding' }, 'electricity');
    console.log(`electricity knn-adwin(window=sliding): ${(accuracy * 100).toFixed(2)}%`);
    expect(accuracy).toBeGreaterThan(0.75);
  }, 120_000);
});
