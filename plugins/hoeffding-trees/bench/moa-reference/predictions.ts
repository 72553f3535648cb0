/**
 * Writes the test-then-train predictions (argmax, first max) of a native
 * learner on a stream, one class index per line, for instance-by-instance
 * comparison with a reference implementation's output.
 *
 *   npx tsx --conditions tributary-source plugins/hoeffding-trees/bench/moa-reference/predictions.ts "hoeffding-tree(gracePeriod=100)" electricity out.txt [maxInstances]
 */
import { writeFileSync } from 'node:fs';
import { PluginRegistry, argMax } from '@tributary/core';
import { plugins as bayes } from '@tributary/naive-bayes';
import { openStream } from '@tributary/streams';
import { plugins as trees } from '../../src/index.js';

const [spec, streamSpec, outFile, max] = process.argv.slice(2);
const registry = new PluginRegistry().register(...trees, ...bayes);
const stream = await openStream(streamSpec, max ? { maxInstances: Number(max) } : {});
const learner = registry.createLearner(spec, { schema: stream.schema, seed: 1 });
const predictions: number[] = [];
let correct = 0;
let proba = new Float64Array(0);
for (;;) {
  const batch = await stream.nextBatch(4096);
  if (!batch) break;
  const k = stream.schema.numClasses;
  if (proba.length < k) proba = new Float64Array(k);
  for (let i = 0; i < batch.n; i++) {
    const row = batch.x.subarray(i * batch.d, (i + 1) * batch.d);
    learner.predictProbaOne(row, proba);
    const prediction = argMax(proba, k);
    predictions.push(prediction);
    if (prediction === batch.y[i]) correct++;
    learner.learnOne(row, batch.y[i], 1);
  }
}
await stream.close();
writeFileSync(outFile, predictions.join('\n') + '\n');
console.log(`${spec} n=${predictions.length} acc=${correct / predictions.length}`, JSON.stringify(learner.measurements?.() ?? {}));
