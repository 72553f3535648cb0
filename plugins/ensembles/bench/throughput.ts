/**
 * Throughput of the ensembles on a stream (default: electricity, 45,312
 * instances): instances per CPU second of the test-then-train loop
 * (predictProbaOne then learnOne per instance, instances held in memory so
 * reading is not timed), with the prequential accuracy and the model size.
 * CPU time (process.cpuUsage, all threads, GC included) is the figure that is
 * comparable with MOA's EvaluatePrequential, which reports thread CPU time; wall
 * time is printed too and is inflated when the machine is shared.
 *
 *   node --conditions=tributary-source --import tsx plugins/ensembles/bench/throughput.ts [--stream electricity] [--repeat 3] [--only arf,srp] [--all] [--moa] [--seed 1] [--spec 'oza-bag(baseLearner=naive-bayes)' ...]
 *
 * Learners: ARF(10 trees), SRP(10), LeveragingBag(10), OzaBag(10), each with
 * its MOA default base learner (arf-hoeffding-tree -g 50 -c 0.01 for ARF,
 * hoeffding-tree -g 50 -c 0.01 for SRP, hoeffding-tree for the bags); --all
 * adds OzaBoost(10), ADWIN bagging(10) and DWM (naive Bayes experts).
 *
 * With --moa, the same instances are written to a temporary ARFF file and MOA's
 * own loop (bench/MoaLoop.java: in memory, thread CPU time, best of --repeat)
 * runs the MOA equivalents, and the ratio native / MOA is printed. MOA's jars
 * are taken from --moa-classpath, else env MOA_CLASSPATH, else the MOA bridge's
 * build (bridges/moa/server/target/lib/*); java and javac must be on the PATH.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    moa: { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    'moa-classpath': { type: 'string' },
  },
});

const DEFAULT_LEARNERS: { name: string; spec: LearnerSpec; moa?: string }[] = [
  { name: 'ARF(10)', spec: { id: 'arf', params: { ensembleSize: 10 } }, moa: 'meta.AdaptiveRandomForest -s 10' },
  { name: 'SRP(10)', spec: { id: 'srp', params: { ensembleSize: 10 } }, moa: 'meta.StreamingRandomPatches -s 10' },
  { name: 'LeveragingBag(10)', spec: { id: 'leveraging-bag', params: { ensembleSize: 10 } }, moa: 'meta.LeveragingBag -s 10' },
  { name: 'OzaBag(10)', spec: { id: 'oza-bag', params: { ensembleSize: 10 } }, moa: 'meta.OzaBag -s 10' },
];

/** Added by --all. */
const MORE_LEARNERS: { name: string; spec: LearnerSpec; moa?: string }[] = [
  { name: 'OzaBoost(10)', spec: { id: 'oza-boost', params: { ensembleSize: 10 } }, moa: 'meta.OzaBoost -s 10' },
  { name: 'ADWINBag(10)', spec: { id: 'adwin-bag', params: { ensembleSize: 10 } }, moa: 'meta.OzaBagAdwin -s 10' },
  { name: 'DWM', spec: 'dwm', moa: 'meta.DynamicWeightedMajority' },
];

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');

const LEARNERS: { name: string; spec: LearnerSpec; moa?: string }[] = values.spec?.length ? values.spec.map((spec) => ({ name: spec, spec: spec as LearnerSpec })) : values.all ? [...DEFAULT_LEARNERS, ...MORE_LEARNERS] : DEFAULT_LEARNERS;

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

/** Writes the instances as ARFF (nominal values and classes in schema order, NaN as '?'). */
function writeArff(data: Instances, path: string): void {
  const quote = (v: string) => (/^[A-Za-z0-9_.\-]+$/.test(v) ? v : `'${v.replace(/'/g, "\\'")}'`);
  const lines = ['@relation tributary'];
  for (const f of data.schema.features) lines.push(`@attribute ${quote(f.name)} ${f.kind === 'nominal' ? `{${f.values.map(quote).join(',')}}` : 'numeric'}`);
  lines.push(`@attribute ${quote(data.schema.target)} {${data.schema.classes.map(quote).join(',')}}`, '@data');
  for (let i = 0; i < data.n; i++) {
    const row: string[] = [];
    for (let j = 0; j < data.d; j++) {
      const v = data.x[i * data.d + j];
      row.push(Number.isNaN(v) ? '?' : data.schema.features[j].kind === 'nominal' ? quote(data.schema.features[j].values[v]) : String(v));
    }
    row.push(quote(data.schema.classes[data.y[i]]));
    lines.push(row.join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Compiles MoaLoop.java once and returns a runner of MOA learners on `arff`. */
function moaRunner(arff: string, n: number, repeat: number): (cli: string) => { rate: number; seconds: number; accuracy: number } {
  const jars = values['moa-classpath'] ?? process.env.MOA_CLASSPATH ?? join(ROOT, 'bridges/moa/server/target/lib/*');
  if (!values['moa-classpath'] && !process.env.MOA_CLASSPATH && !existsSync(join(ROOT, 'bridges/moa/server/target/lib'))) {
    throw new Error(`no MOA jars: build the MOA bridge (bridges/moa) or pass --moa-classpath`);
  }
  const out = mkdtempSync(join(tmpdir(), 'tributary-moa-loop-'));
  execFileSync('javac', ['-cp', jars, '-d', out, join(HERE, 'MoaLoop.java')], { stdio: 'inherit' });
  return (cli) => {
    const text = execFileSync('java', ['-Xmx2g', '-cp', `${jars}:${out}`, 'MoaLoop', cli, `ArffFileStream -f ${arff}`, String(n), String(repeat)], { encoding: 'utf8' });
    const line = text.trim().split('\n').pop() ?? '';
    const [, rate, seconds, accuracy] = /\t(\d+) inst\/s \(thread CPU\)\t([\d.]+) s\t([\d.]+) %/.exec(line) ?? [];
    if (!rate) throw new Error(`unexpected MoaLoop output: ${text}`);
    return { rate: Number(rate), seconds: Number(seconds), accuracy: Number(accuracy) };
  };
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
let moa: ReturnType<typeof moaRunner> | null = null;
if (values.moa) {
  const arff = join(mkdtempSync(join(tmpdir(), 'tributary-arff-')), 'stream.arff');
  writeArff(data, arff);
  moa = moaRunner(arff, data.n, repeat);
}
console.log(['learner', 'instances/s (CPU)', 'CPU s', 'wall s', 'accuracy %', 'size KiB', ...(moa ? ['MOA instances/s', 'MOA accuracy %', 'native/MOA'] : []), 'measurements'].join('\t'));
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
  const reference = moa && LEARNERS.find((l) => l.name === name)?.moa;
  const moaFigures = moa && reference ? moa(reference) : null;
  const moaColumns = moa ? (moaFigures ? [formatRate(moaFigures.rate), moaFigures.accuracy.toFixed(2), (data.n / best / moaFigures.rate).toFixed(2)] : ['', '', '']) : [];
  console.log([name, formatRate(data.n / best), best.toFixed(3), bestWall.toFixed(3), accuracy.toFixed(2), (size / 1024).toFixed(0), ...moaColumns, JSON.stringify(measurements)].join('\t'));
}
