import { StreamSchema, argMax, type Learner } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { describe, expect, it } from 'vitest';
import { NaiveBayes } from './naive-bayes.js';
import { moaMaxIndex, votesToProbabilities } from './votes.js';

async function prequentialAccuracy(spec: string, make: (schema: StreamSchema) => Learner): Promise<number> {
  const stream = await openStream(spec);
  const learner = make(stream.schema);
  let correct = 0;
  let n = 0;
  for (let batch = await stream.nextBatch(4096); batch; batch = await stream.nextBatch(4096)) {
    const k = stream.schema.numClasses;
    for (let i = 0; i < batch.n; i++) {
      const row = batch.x.subarray(i * batch.d, (i + 1) * batch.d);
      if (argMax(learner.predictProbaOne(row), k) === batch.y[i]) correct++;
      learner.learnOne(row, batch.y[i]);
      n++;
    }
  }
  await stream.close();
  return correct / n;
}

describe('naive-bayes', () => {
  it('reaches at least 0.72 prequential accuracy on electricity (MOA: 0.7336)', async () => {
    const accuracy = await prequentialAccuracy('electricity', (schema) => new NaiveBayes({}, { schema, seed: 1 }));
    expect(accuracy).toBeGreaterThanOrEqual(0.72);
  });

  it('predicts by hand-computable likelihoods on a nominal feature', () => {
    const schema = new StreamSchema([{ name: 'colour', kind: 'nominal', values: ['red', 'blue'] }], 'class', ['a', 'b']);
    const nb = new NaiveBayes({}, { schema, seed: 1 });
    for (let i = 0; i < 3; i++) nb.learnOne(Float64Array.of(0), 0);
    nb.learnOne(Float64Array.of(1), 0);
    nb.learnOne(Float64Array.of(1), 1);
    // a: prior 4/5, P(red|a) = (3+1)/(4+2); b: prior 1/5, P(red|b) = (0+1)/(1+2)
    const p = nb.predictProbaOne(Float64Array.of(0));
    const a = (4 / 5) * (4 / 6);
    const b = (1 / 5) * (1 / 3);
    expect(p[0]).toBeCloseTo(a / (a + b), 14);
    expect(p[1]).toBeCloseTo(b / (a + b), 14);
  });

  it('skips missing features and handles a class first seen mid-stream', () => {
    const schema = StreamSchema.numeric(2, ['a']);
    const nb = new NaiveBayes({}, { schema, seed: 1 });
    for (let i = 0; i < 50; i++) nb.learnOne(Float64Array.of(i % 5, NaN), 0);
    const c = schema.addClass('c');
    for (let i = 0; i < 50; i++) nb.learnOne(Float64Array.of(100 + (i % 5), NaN), c);
    const p = nb.predictProbaOne(Float64Array.of(102, NaN));
    expect(p.length).toBeGreaterThanOrEqual(2);
    expect(argMax(p, 2)).toBe(1);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    const allMissing = nb.predictProbaOne(Float64Array.of(NaN, NaN));
    expect(allMissing[0]).toBeCloseTo(0.5, 12); // priors only
  });

  it('ignores instances with zero weight (as MOA)', () => {
    const schema = StreamSchema.numeric(1, ['a', 'b']);
    const nb = new NaiveBayes({}, { schema, seed: 1 });
    nb.learnOne(Float64Array.of(1), 0);
    nb.learnOne(Float64Array.of(1), 1, 0);
    expect(Array.from(nb.classWeights())).toEqual([1]);
  });
});

describe('votes', () => {
  it("MOA's maxIndex keeps the first maximum", () => {
    expect(moaMaxIndex([0.2, 0.5, 0.5], 3)).toBe(1);
    expect(moaMaxIndex([0, 0, 0], 3)).toBe(0);
    expect(moaMaxIndex([], 0)).toBe(0);
  });

  it('normalises, falls back to uniform when all zero, one-hot when overflowing', () => {
    const a = Float64Array.of(1, 3);
    votesToProbabilities(a, 2, true);
    expect(Array.from(a)).toEqual([0.25, 0.75]);
    const b = Float64Array.of(0, 0, 0);
    votesToProbabilities(b, 3, true);
    expect(Array.from(b)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const c = Float64Array.of(0, 0);
    votesToProbabilities(c, 2, false);
    expect(Array.from(c)).toEqual([0, 0]);
    const d = Float64Array.of(1, Infinity, Infinity);
    votesToProbabilities(d, 3, true);
    expect(Array.from(d)).toEqual([0, 1, 0]);
  });
});
