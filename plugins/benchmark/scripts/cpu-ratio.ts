/**
 * CPU time of native learners relative to a reference learner, measured side by
 * side in one sitting: on every stream of a grid config, the reference and each
 * learner run in turn, one after the other (the order alternates from stream to
 * stream, so a change in machine load does not always fall on the same learner),
 * with the config's instance caps. Each run has a fresh process of its own, as a
 * grid job has: in a shared one, code the JIT compiled for earlier runs changes
 * what later ones cost (a small stream then skips the warm-up a grid job pays).
 * A grid spreads a learner's jobs over hours and sessions, under whatever else
 * the machine was doing; this is the figure to quote for a ratio.
 *
 *   node --conditions=tributary-source --import tsx plugins/benchmark/scripts/cpu-ratio.ts CONFIG \
 *     --reference LABEL --learners LABEL[,LABEL] [--seeds 1[,2]] [--streams PATTERN]
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { NativeSession, runPrequential } from '@tributary/core';
import { openBenchStream, planGrid, wildcardMatch, type BenchJob } from '../src/index.js';

const args = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args,
  allowPositionals: true,
  options: { reference: { type: 'string' }, learners: { type: 'string' }, seeds: { type: 'string', default: '1' }, streams: { type: 'string', default: '*' }, one: { type: 'string' } },
});
const [configPath] = positionals;
if (!configPath || !values.reference || !values.learners) throw new Error('usage: cpu-ratio.ts CONFIG --reference LABEL --learners LABEL[,LABEL] [--seeds 1] [--streams PATTERN]');
const reference = values.reference;
const learners = values.learners.split(',');
const seeds = values.seeds.split(',').map(Number);

const { loaded, registry, jobs } = await planGrid(configPath);
const labels = [reference, ...learners];
for (const label of labels) {
  const job = jobs.find((j) => j.learner === label);
  if (!job) throw new Error(`no learner labelled ${label} in ${configPath}`);
  if (job.implementation !== 'native') throw new Error(`${label} is bridged: its CPU time is spent in another process`);
}
const streams = [...new Set(jobs.filter((j) => wildcardMatch(values.streams, j.stream)).map((j) => j.stream))];

/** The job of `label` on `stream` for `seed` (a deterministic learner has only its first seed's). */
function jobFor(label: string, stream: string, seed: number): BenchJob {
  const own = jobs.filter((j) => j.learner === label && j.stream === stream);
  return own.find((j) => j.seed === seed) ?? own[0];
}

/** Runs one job in this process and returns its CPU seconds (the child's side of {@link cpuSeconds}). */
async function measure(job: BenchJob): Promise<number> {
  const source = await openBenchStream(job.streamSpec, registry, { maxInstances: job.maxInstances });
  const learner = registry.createLearner({ id: job.learnerId, params: job.params }, { schema: source.schema, seed: job.seed });
  const { windowSize, checkpointEvery } = loaded.config.evaluator;
  const summary = await runPrequential({ session: new NativeSession(learner), stream: source, maxInstances: job.maxInstances, windowSize, checkpointEvery });
  await source.close();
  return summary.cpuSeconds;
}

/** CPU seconds of one job, run in a child process of its own. */
function cpuSeconds(job: BenchJob): number {
  const output = execFileSync(process.execPath, [...process.execArgv, process.argv[1], ...args, '--one', job.key], { encoding: 'utf8' });
  return Number(JSON.parse(output.trim().split('\n').at(-1)!).cpuSeconds);
}

if (values.one !== undefined) {
  const job = jobs.find((j) => j.key === values.one);
  if (!job) throw new Error(`no job ${values.one}`);
  console.log(JSON.stringify({ cpuSeconds: await measure(job) }));
  process.exit(0);
}

const totals = new Map<string, number>(labels.map((l) => [l, 0]));
const ratios = new Map<string, number[]>(learners.map((l) => [l, []]));
console.log(`| stream | ${labels.map((l) => `${l} CPU s`).join(' | ')} | ${learners.map((l) => `${l} / ${reference}`).join(' | ')} |`);
console.log(`|---|${labels.map(() => '---').join('|')}|${learners.map(() => '---').join('|')}|`);
for (const [s, stream] of streams.entries()) {
  const cpu = new Map<string, number>(labels.map((l) => [l, 0]));
  for (const seed of seeds) {
    const order = s % 2 === 0 ? labels : [...labels].reverse();
    for (const label of order) cpu.set(label, cpu.get(label)! + cpuSeconds(jobFor(label, stream, seed)));
  }
  for (const label of labels) totals.set(label, totals.get(label)! + cpu.get(label)!);
  for (const label of learners) ratios.get(label)!.push(cpu.get(label)! / cpu.get(reference)!);
  console.log(`| ${stream} | ${labels.map((l) => cpu.get(l)!.toFixed(2)).join(' | ')} | ${learners.map((l) => (cpu.get(l)! / cpu.get(reference)!).toFixed(2)).join(' | ')} |`);
}
const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(`\n${streams.length} streams, seeds ${seeds.join(', ')}; total CPU s: ${labels.map((l) => `${l} ${totals.get(l)!.toFixed(1)}`).join(', ')}`);
for (const label of learners) {
  const r = ratios.get(label)!;
  const worst = r.indexOf(Math.max(...r));
  console.log(`${label} / ${reference}: total ${(totals.get(label)! / totals.get(reference)!).toFixed(2)}, median per stream ${median(r).toFixed(2)}, largest ${r[worst].toFixed(2)} (${streams[worst]})`);
}
