/**
 * Throughput of the native naive Bayes and Hoeffding trees, test-then-train
 * one instance at a time (predict, argmax, learn), without the evaluator.
 *
 *   npx tsx --conditions tributary-source plugins/hoeffding-trees/bench/throughput.ts [--only id,id] [--sea N]
 *
 * Prints, per (learner, stream): instances, accuracy, wall seconds, instances
 * per wall second and per CPU second (best of `--repeat` runs, default 3, after
 * a warm-up run; on a shared machine the CPU figure is the steadier one).
 * Streams are read fully into memory first so only the learner is timed.
 */
import { argMax, type Learner, type LearnerContext, type StreamSchema } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { learnerFactories } from './learners.js';

interface Loaded {
  name: string;
  schema: StreamSchema;
  /** One array per instance, made before timing (as MOA's benchmark holds Instance objects). */
  rows: Float64Array[];
  y: Int32Array;
  n: number;
  d: number;
}

async function load(spec: string, name: string, maxInstances?: number): Promise<Loaded> {
  const stream = await openStream(spec, maxInstances ? { maxInstances } : {});
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  let d = stream.schema.numFeatures;
  for (;;) {
    const batch = await stream.nextBatch(4096);
    if (!batch) break;
    d = batch.d;
    rows.push(batch.x.slice(0, batch.n * batch.d));
    for (let i = 0; i < batch.n; i++) labels.push(batch.y[i]);
  }
  await stream.close();
  const instances: Float64Array[] = [];
  for (const r of rows) for (let offset = 0; offset < r.length; offset += d) instances.push(r.slice(offset, offset + d));
  return { name, schema: stream.schema, rows: instances, y: Int32Array.from(labels), n: labels.length, d };
}

function run(learner: Learner, data: Loaded): { accuracy: number; seconds: number; cpuSeconds: number } {
  const k = data.schema.numClasses;
  const proba = new Float64Array(k);
  let correct = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < data.n; i++) {
    const row = data.rows[i];
    learner.predictProbaOne(row, proba);
    if (argMax(proba, k) === data.y[i]) correct++;
    learner.learnOne(row, data.y[i], 1);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { accuracy: correct / data.n, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const seaInstances = args.includes('--sea') ? Number(args[args.indexOf('--sea') + 1]) : 1_000_000;
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 3;

const plan: { stream: string; learners: string[] }[] = [
  { stream: 'electricity', learners: ['naive-bayes', 'hoeffding-tree', 'hoeffding-adaptive-tree', 'efdt'] },
  { stream: 'sea', learners: ['naive-bayes', 'hoeffding-tree'] },
];

const factories = learnerFactories();
console.log('learner                    stream         instances  accuracy   seconds   instances/s  instances/cpu-s');
for (const step of plan) {
  const data = step.stream === 'sea' ? await load('sea(function=1,seed=1)', `sea ${seaInstances}`, seaInstances) : await load(step.stream, step.stream);
  for (const id of step.learners) {
    if (only && !only.includes(id)) continue;
    const factory = factories[id];
    if (!factory) {
      console.log(`${id.padEnd(26)} ${data.name.padEnd(14)} (not available)`);
      continue;
    }
    const context: LearnerContext = { schema: data.schema, seed: 1 };
    // A short warm-up run lets V8 optimise before the timed run.
    run(factory(context), { ...data, n: Math.min(data.n, 20_000) });
    let accuracy = 0;
    let seconds = Infinity;
    let cpuSeconds = Infinity;
    for (let r = 0; r < repeat; r++) {
      const result = run(factory(context), data);
      accuracy = result.accuracy;
      seconds = Math.min(seconds, result.seconds);
      cpuSeconds = Math.min(cpuSeconds, result.cpuSeconds);
    }
    console.log(
      `${id.padEnd(26)} ${data.name.padEnd(14)} ${String(data.n).padStart(9)}  ${accuracy.toFixed(4)}  ${seconds.toFixed(3).padStart(8)}  ${Math.round(data.n / seconds)
        .toString()
        .padStart(12)}  ${Math.round(data.n / cpuSeconds)
        .toString()
        .padStart(15)}`,
    );
  }
}
