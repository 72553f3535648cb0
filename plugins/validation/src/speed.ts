// Native throughput divided by MOA's and River's own in-process test-then-train loops, in one run.
// Run: node --conditions=tributary-source --import tsx plugins/validation/src/speed.ts [--learners a,b] [--streams s1,s2]
// Each native measurement runs in a child process of its own, so its peak RSS is the learner's.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { argMax, loadPlugins, StreamSchema, recordStream, translateToReference, type LearnerManifest } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { startMoaServer } from '@tributary/bridge-moa';
import { startPythonServer } from '@tributary/bridge-river';
import type { InprocessLoopReply } from '@tributary/bridge-protocol';

const here = fileURLToPath(new URL('..', import.meta.url));
const docPath = join(here, '..', '..', 'docs', 'speed.md');

const STREAMS = [
  { name: 'electricity', spec: 'electricity', maxInstances: undefined as number | undefined },
  { name: 'rbf_drift_200k', spec: 'random-rbf-drift(numCentroids=50,numDriftCentroids=50,speedChange=0.0001,seed=1)', maxInstances: 200_000 },
];
const LEARNERS: { id: string; params: Record<string, unknown>; ensemble: boolean }[] = [
  { id: 'naive-bayes', params: {}, ensemble: false },
  { id: 'hoeffding-tree', params: {}, ensemble: false },
  { id: 'hoeffding-adaptive-tree', params: {}, ensemble: false },
  { id: 'arf', params: { ensembleSize: 10 }, ensemble: true },
  { id: 'srp', params: { ensembleSize: 10 }, ensemble: true },
  { id: 'leveraging-bag', params: { ensembleSize: 10 }, ensemble: true },
];
/** River's ensembles are slow: their in-process loop runs on the first this many instances only. */
const RIVER_ENSEMBLE_CAP = 20_000;

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

async function record(spec: string, maxInstances?: number) {
  const source = await openStream(spec, { maxInstances });
  return recordStream(source, maxInstances ?? Infinity).finally(() => source.close());
}

/** Child mode: one native learner on one stream; a warm-up pass on a fresh learner, then a timed pass. */
async function nativeChild(learnerId: string, streamName: string) {
  const learner = LEARNERS.find((l) => l.id === learnerId)!;
  const stream = STREAMS.find((s) => s.name === streamName)!;
  const registry = await loadPlugins();
  const recorded = await record(stream.spec, stream.maxInstances);
  const schema = StreamSchema.fromJSON(recorded.schemaJson);
  const batch = recorded;
  const k = schema.numClasses;
  const pass = () => {
    const model = registry.createLearner({ id: learner.id, params: learner.params }, { schema, seed: 1 });
    const proba = new Float64Array(Math.max(k, 2));
    const d = batch.d;
    let correct = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < batch.n; i++) {
      const x = batch.x.subarray(i * d, i * d + d);
      proba.fill(0);
      const p = model.predictProbaOne(x, proba);
      if (argMax(p, k) === batch.y[i]) correct++;
      model.learnOne(x, batch.y[i]);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, correct, sizeBytes: model.sizeInBytes() };
  };
  pass(); // warm-up: V8 optimises the hot paths, as the JVM warm-up pass does for MOA
  const timed = pass();
  process.stdout.write(JSON.stringify({ n: batch.n, ...timed, ips: batch.n / timed.seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
}

async function main() {
  const registry = await loadPlugins();
  const learners = LEARNERS.filter((l) => !arg('--learners') || arg('--learners')!.split(',').includes(l.id));
  const streams = STREAMS.filter((s) => !arg('--streams') || arg('--streams')!.split(',').includes(s.name));
  const moa = await startMoaServer({ label: "speed benchmark MOA server", requestTimeoutMs: 1_800_000 });
  const river = await startPythonServer('river', { label: "speed benchmark River server", requestTimeoutMs: 1_800_000 });
  const rows: string[] = [];
  try {
    for (const stream of streams) {
      const recorded = await record(stream.spec, stream.maxInstances);
      const schema = StreamSchema.fromJSON(recorded.schemaJson);
      const batch = recorded;
      const k = schema.numClasses;
      for (const learner of learners) {
        const manifest = registry.learnerManifest(learner.id) as LearnerManifest;
        const child = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', learner.id, stream.name], { encoding: 'utf8', maxBuffer: 1 << 20 });
        const native = JSON.parse(child) as { n: number; ips: number; sizeBytes: number; maxRssBytes: number; correct: number };
        let moaIps = NaN;
        let moaCorrect = NaN;
        if (manifest.equivalents?.moa) {
          const t = translateToReference(registry, { id: learner.id, params: learner.params }, 'moa');
          const call = () =>
            moa.client.request<InprocessLoopReply>('inprocess_loop', { learner: t.id.replace(/^moa:/, ''), params: t.params, schema: schema.toJSON(), seed: 1, n: batch.n, d: batch.d, k }, [batch.x, batch.y]);
          await call(); // untimed warm-up pass: the JVM compiles MOA's hot paths
          const { header } = await call();
          moaIps = header.instances_per_second;
          moaCorrect = header.correct ?? NaN;
        }
        let riverIps = NaN;
        let riverN = 0;
        if (manifest.equivalents?.river) {
          const t = translateToReference(registry, { id: learner.id, params: learner.params }, 'river');
          riverN = learner.ensemble ? Math.min(RIVER_ENSEMBLE_CAP, batch.n) : batch.n;
          try {
            const { header } = await river.client.request<InprocessLoopReply>(
              'inprocess_loop',
              { learner: t.id.replace(/^river:/, ''), params: t.params, schema: schema.toJSON(), seed: 1, n: riverN, d: batch.d, k },
              [batch.x.subarray(0, riverN * batch.d), batch.y.subarray(0, riverN)],
            );
            riverIps = header.instances_per_second;
          } catch (error) {
            // River's GaussianNB, for one, cannot take nominal features (electricity's `day`).
            console.error(`River ${t.id} on ${stream.name} failed: ${(error as Error).message.split('\n')[0]}`);
          }
        }
        const row = `| ${learner.id}${learner.ensemble ? ' (10)' : ''} | ${stream.name} | ${batch.n} | ${native.ips.toFixed(0)} | ${moaIps.toFixed(0)} | **${(native.ips / moaIps).toFixed(2)}** | ${Number.isNaN(riverIps) ? 'n/a (River failed)' : riverIps.toFixed(0)}${riverN < batch.n ? ` (first ${riverN})` : ''} | ${Number.isNaN(riverIps) ? 'n/a' : (native.ips / riverIps).toFixed(2)} | ${(native.correct / batch.n * 100).toFixed(2)} / ${(moaCorrect / batch.n * 100).toFixed(2)} | ${(native.sizeBytes / 1024).toFixed(0)} | ${(native.maxRssBytes / 2 ** 20).toFixed(0)} |`;
        console.log(row);
        rows.push(row);
      }
    }
  } finally {
    await moa.dispose();
    await river.dispose();
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const doc = [
    '# Speed: native against MOA and River in-process loops',
    '',
    '<!-- GENERATED by plugins/validation/src/speed.ts; do not edit by hand. -->',
    '',
    `Measured ${new Date().toISOString()} on ${cpu}, ${os.cpus().length} cores (shared with other jobs), Node ${process.version}, MOA ${moa.hello.library_version} (${moa.hello.language_version}), River ${river.hello.library_version}.`,
    '',
    'Every figure is a plain test-then-train loop over instances already in memory, no evaluator: native = `predictProbaOne`/`learnOne` loop in a child process of its own (after one untimed warm-up pass on a fresh learner); MOA = the bridge server\'s `inprocess_loop` (MOA\'s own loop inside the JVM), timed on the second call after an untimed warm-up call; River = its server\'s `inprocess_loop`, one call.',
    `Ensembles use 10 members on every side (MOA's default is 100 for ARF and SRP). River's ensembles run on the first ${RIVER_ENSEMBLE_CAP.toLocaleString('en')} instances only. Ratio = native instances/s ÷ reference instances/s; target ≥ 1.0.`,
    'Native memory: model size (`sizeInBytes`) at the end and the child process\'s peak RSS (includes Node itself and the recorded stream).',
    '',
    'Command: `node --conditions=tributary-source --import tsx plugins/validation/src/speed.ts`',
    '',
    '| learner | stream | n | native inst/s | MOA inst/s | native ÷ MOA | River inst/s | native ÷ River | accuracy native / MOA (%) | native model KiB | native peak RSS MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  if (!arg('--learners') && !arg('--streams')) writeFileSync(docPath, doc);
  else writeFileSync(docPath.replace(/\.md$/, '.partial.md'), doc);
  console.log(doc);
  process.exit(0);
}

if (argv[0] === '--child') await nativeChild(argv[1], argv[2]);
else await main();
