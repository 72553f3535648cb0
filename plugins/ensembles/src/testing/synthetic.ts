import { argMax, Random, StreamSchema, type Learner } from '@tributary/core';

/** Instances in memory with their schema. */
export interface TestStream {
  schema: StreamSchema;
  x: Float64Array;
  y: Int32Array;
  d: number;
  n: number;
}

/**
 * Two informative features x0, x1 ~ U(0,1) plus `noise` uniform features; the
 * class is x0 + x1 > 1, and the concept flips (class = x0 + x1 ≤ 1) from
 * `driftAt` on: an abrupt drift no cumulative learner can follow quickly.
 */
export function abruptFlipStream(n: number, driftAt: number, seed: number, noise = 2): TestStream {
  const d = 2 + noise;
  const random = new Random(seed);
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = random.nextDouble();
    const positive = x[i * d] + x[i * d + 1] > 1;
    y[i] = positive !== i >= driftAt ? 1 : 0;
  }
  return { schema: StreamSchema.numeric(d, ['0', '1']), x, y, d, n };
}

/** Prequential (test-then-train) accuracy of `learner` over `stream[from, to)`, counting only `[countFrom, to)`. */
export function prequentialAccuracy(learner: Learner, stream: TestStream, countFrom = 0, to = stream.n): number {
  const k = stream.schema.numClasses;
  const buffer = new Float64Array(Math.max(k, 2));
  let correct = 0;
  for (let i = 0; i < to; i++) {
    const row = stream.x.subarray(i * stream.d, (i + 1) * stream.d);
    const p = learner.predictProbaOne(row, buffer);
    if (i >= countFrom && argMax(p, stream.schema.numClasses) === stream.y[i]) correct++;
    learner.learnOne(row, stream.y[i]);
  }
  return correct / (to - countFrom);
}

/** Predicted probabilities of a test-then-train run, one copy per instance. */
export function prequentialOutputs(learner: Learner, stream: TestStream, to = stream.n): number[][] {
  const outputs: number[][] = [];
  for (let i = 0; i < to; i++) {
    const row = stream.x.subarray(i * stream.d, (i + 1) * stream.d);
    outputs.push(Array.from(learner.predictProbaOne(row).subarray(0, stream.schema.numClasses)));
    learner.learnOne(row, stream.y[i]);
  }
  return outputs;
}
