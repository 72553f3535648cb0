import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PluginRegistry, argMax } from '@tributary/core';
import { plugins as bayes } from '@tributary/naive-bayes';
import { openStream } from '@tributary/streams';
import { describe, expect, it } from 'vitest';
import { plugins as trees } from './index.js';

interface ReferenceCase {
  native: string;
  moa: string;
  stream: string;
  max?: number;
  instances: number;
  accuracy: number;
  predictionsSha256: string;
}

// MOA's own test-then-train predictions, recorded by bench/moa-reference/generate.mjs.
const reference = JSON.parse(readFileSync(new URL('./testdata/moa-reference.json', import.meta.url), 'utf8')) as { moa: string; cases: ReferenceCase[] };
const registry = new PluginRegistry().register(...trees, ...bayes);

async function nativePredictions(c: ReferenceCase): Promise<{ predictions: number[]; accuracy: number }> {
  const stream = await openStream(c.stream, c.max ? { maxInstances: c.max } : {});
  const learner = registry.createLearner(c.native, { schema: stream.schema, seed: 1 });
  const predictions: number[] = [];
  let correct = 0;
  let proba = new Float64Array(0);
  for (let batch = await stream.nextBatch(4096); batch; batch = await stream.nextBatch(4096)) {
    const k = stream.schema.numClasses;
    if (proba.length < k) proba = new Float64Array(k);
    for (let i = 0; i < batch.n; i++) {
      const row = batch.x.subarray(i * batch.d, (i + 1) * batch.d);
      const prediction = argMax(learner.predictProbaOne(row, proba), k);
      predictions.push(prediction);
      if (prediction === batch.y[i]) correct++;
      learner.learnOne(row, batch.y[i]);
    }
  }
  await stream.close();
  return { predictions, accuracy: correct / predictions.length };
}

describe(`per-instance agreement with ${reference.moa}`, () => {
  for (const c of reference.cases) {
    it(`${c.native} = MOA ${c.moa} on ${c.stream}${c.max ? ` (first ${c.max})` : ''}: every prediction equal`, async () => {
      const { predictions, accuracy } = await nativePredictions(c);
      expect(predictions.length).toBe(c.instances);
      expect(accuracy).toBe(c.accuracy);
      expect(createHash('sha256').update(predictions.join('\n')).digest('hex')).toBe(c.predictionsSha256);
    });
  }
});
