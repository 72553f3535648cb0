/**
 * Throughput of the ensembles on a stream (default: electricity, 45,312
 * instances): instances per CPU second of the test-then-train loop
 * (predictProbaOne then learnOne per instance, instances held in memory so
 * reading is not timed), with the prequential accuracy and the model size.
 * CPU time (process.cpuUsage, all threads, GC included) is the figure that is
 * comparable with MOA's EvaluatePrequential, which reports thread CPU time; wall
 * time is printed too and is inflated when the machine is shared.
 *
 *   node --conditions=tributary-source --import tsx plugins/ensembles/bench/throughput.ts [--stream electricity] [--repeat 3] [--only arf,srp] [--seed 1] [--spec 'oza-bag(baseLearner=naive-bayes)' ...]
 *
 * Learners: ARF(10 trees), SRP(10), LeveragingBag(10), OzaBag(10), each with
 * its MOA default base learner (arf-hoeffding-tree -g 50 -c 0.01 for ARF,
 * hoeffding-tree -g 50 -c 0.01 for SRP, hoeffding-tree for the bags).
 */
import { parseArgs } from 'node:util';
import { argMax, discoverPlugins, type LearnerSpec, type StreamSchema } from '@tributary/core';
import { openStream } from '@tributary/streams';

const { values } = parseArgs({
  options: {
    stream: { type: 'string', default: 'electricity' },
    repeat: { type: 'string', default: '3' },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    instances: { type: 'string' },
    spec: { type: 'string', multiple: true },
  },
});

const DEFAULT_LEARNERS: { name: string; spec: LearnerSpec }[] = [
  { name: 'ARF(10)', spec: { id: 'arf', params: { ensembleSize: 10 } } },
  { name: 'SRP(10)', spec: { id: 'srp', params: { ensembleSize: 10 } } },
  { name: 'LeveragingBag(10)', spec: { id: 'leveraging-bag', params: { ensembleSize: 10 } } },
  { name: 'OzaBag(10)', spec: { id: 'oza-bag', params: { ensembleSize: 10 } } },
];

const LEARNERS = values.spec?.length ? values.spec.map((spec) => ({ name: spec, spec: spec as LearnerSpec })) : DEFAULT_LEARNERS;

interface Instances {
  schema: StreamSchema;
  x: Float64Array;
  y: Int32Array;
  n: number;
  d: number;
}

async function load(spec: string, limit?: number): Promise<Instances> {
  const stream = await openStream(spec, limit ? { maxInstances: limit } : {});
  const xs: Float64Array[] = [];
  const ys: Int32Array[] = [];
  let n = 0;
  for (let batch = await stream.nextBatch(4096); batch; batch = await stream.nextBatch(4096)) {
    xs.push(batch.x.slice(0, batch.n * batch.d));
    ys.push(batch.y.slice(0, batch.n));
    n += batch.n;
  }
  await stream.close();
  const d = stream.schema.numFeatures;
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  let at = 0;
  for (let i = 0; i < xs.length; i++) {
    x.set(xs[i], at * d);
    y.set(ys[i], at);
    at += ys[i].length;
  }
  return { schema: stream.schema, x, y, n, d };
}

function formatRate(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

const registry = await discoverPlugins();
const data = await load(values.stream!, values.instances ? Number(values.instances) : undefined);
const repeat = Number(values.repeat);
const seed = Number(values.seed);
const only = values.only?.split(',').map((s) => s.trim().toLowerCase());
console.log(`stream ${values.stream}: ${data.n} instances, ${data.d} features, ${data.schema.numClasses} classes; node ${process.version}; best of ${repeat} runs`);
console.log(['learner', 'instances/s (CPU)', 'CPU s', 'wall s', 'accuracy %', 'size KiB', 'measurements'].join('\t'));
for (const { name, spec } of LEARNERS) {
  const id = typeof spec === 'string' ? spec.replace(/\(.*$/, '') : spec.id;
  if (only && !only.some((o) => name.toLowerCase().startsWith(o) || id === o)) continue;
  let best = Infinity;
  let bestWall = Infinity;
  let accuracy = 0;
  let size = 0;
  let measurements: Record<string, number> = {};
  for (let r = 0; r < repeat; r++) {
    const learner = registry.createLearner(spec, { schema: data.schema, seed });
    const k = data.schema.numClasses;
    const buffer = new Float64Array(k);
    let correct = 0;
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < data.n; i++) {
      const row = data.x.subarray(i * data.d, (i + 1) * data.d);
      if (argMax(learner.predictProbaOne(row, buffer), k) === data.y[i]) correct++;
      learner.learnOne(row, data.y[i]);
    }
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const seconds = (cpu.user + cpu.system) / 1e6;
    if (seconds < best) best = seconds;
    if (wall < bestWall) bestWall = wall;
    accuracy = (100 * correct) / data.n;
    size = learner.sizeInBytes();
    measurements = learner.measurements?.() ?? {};
  }
  console.log([name, formatRate(data.n / best), best.toFixed(3), bestWall.toFixed(3), accuracy.toFixed(2), (size / 1024).toFixed(0), JSON.stringify(measurements)].join('\t'));
}
