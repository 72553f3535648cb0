import { Random, StreamSchema, argMax, type Learner } from '@tributary/core';
import { openStream } from '@tributary/streams';

/** Prequential (test-then-train) accuracy of a learner on a named stream; argmax with first-max ties. */
export async function prequentialAccuracy(spec: string, make: (schema: StreamSchema) => Learner, maxInstances?: number): Promise<number> {
  const stream = await openStream(spec, maxInstances ? { maxInstances } : {});
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

/** A synthetic stream in memory: `d` uniform features, labels from `label(x, i)`. */
export function syntheticData(n: number, d: number, seed: number, label: (x: Float64Array, i: number) => number): { x: Float64Array[]; y: number[] } {
  const random = new Random(seed);
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = new Float64Array(d);
    for (let j = 0; j < d; j++) x[j] = random.nextDouble();
    xs.push(x);
    ys.push(label(x, i));
  }
  return { x: xs, y: ys };
}

/** Test-then-train over in-memory data; returns the predictions. */
export function testThenTrain(learner: Learner, data: { x: Float64Array[]; y: number[] }, k: number, from = 0, to = data.y.length): number[] {
  const predictions: number[] = [];
  for (let i = from; i < to; i++) {
    predictions.push(argMax(learner.predictProbaOne(data.x[i]), k));
    learner.learnOne(data.x[i], data.y[i]);
  }
  return predictions;
}

/** Fraction of `predictions` equal to `data.y[from + i]`. */
export function accuracyOf(predictions: number[], y: number[], from = 0): number {
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === y[from + i]) correct++;
  return correct / predictions.length;
}
