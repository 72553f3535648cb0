// Bridge efficiency of the MOA bridge: throughput of a bridged MOA learner (driven from Node through
// BridgeSession.testThenTrain, rows over ZeroMQ) divided by the throughput of MOA's own
// test-then-train loop over the same instances already built in memory (the server's
// `inprocess_loop`, no transport), on electricity (45,312 rows, `day` nominal).
//
//   npx tsx --conditions=tributary-source bridges/moa/bench/bridge-efficiency.ts [--reps 5] [--batches 1000,5000,10000] [--request-rows 2500,10000] [--learners trees.HoeffdingTree,bayes.NaiveBayes] [--warmup 3] [--json]
//
// `--batches` are the sizes of the testThenTrain calls (what the evaluator's batch size sets);
// each call is split into pipelined requests of at most `--request-rows` rows (the session's
// maxRowsPerRequest; default: the MOA provider's default). Every (batch, rows per request) pair is
// measured.
//
// Both loops run on one JVM, warmed first (`--warmup` passes of every batch size and of the
// in-process loop, so the JIT has compiled the per-request code as well as MOA's), then
// alternate: bridged pass, in-process pass, `--reps` times; medians are printed.
// Two ratios:
//   wall = in-process wall seconds / bridged wall seconds (throughput ratio; the bridged time is
//          wall time at the client around the testThenTrain calls, session creation excluded);
//   cpu  = in-process CPU seconds (the server thread's) / CPU seconds of the bridged pass in both
//          processes: every thread of Node, and the JVM's request and GC threads (not its
//          JIT compiler threads, see SERVER_GROUPS), from /proc/<pid>/task/*/schedstat.
// On a machine shared with other jobs the wall ratio swings with their load; the CPU ratio
// barely moves, and it charges the bridge for all its threads, so it is the stricter figure
// whenever the bridge's threads could otherwise run in parallel. BENCH_DEBUG=1 prints each pass's
// CPU by thread group (MOA's loops as the server reports them, request thread, GC, Node).
import { readdirSync, readFileSync } from 'node:fs';
import { BridgeSession, type CreateReply, type InprocessLoopReply } from '@tributary/bridge-protocol';
import { DEFAULT_MOA_ROWS_PER_REQUEST, startMoaServer } from '../src/index.js';
import { loadElectricity } from './electricity.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const reps = Number(option('reps', '5'));
const batchSizes = option('batches', '1000,2000,5000,10000,20000,45312').split(',').map(Number);
const requestRowsList = option('request-rows', String(DEFAULT_MOA_ROWS_PER_REQUEST)).split(',').map(Number);
const learners = option('learners', 'trees.HoeffdingTree,bayes.NaiveBayes').split(',');
const warmup = Number(option('warmup', '3'));
const json = process.argv.includes('--json');

/**
 * CPU seconds each thread of a process has run so far, by thread name, from
 * /proc/<pid>/task/<tid>/schedstat (ns resolution, Linux); empty elsewhere.
 */
function threadCpu(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const task of tasks) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim();
      const ns = Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      byName.set(name, (byName.get(name) ?? 0) + ns / 1e9);
    } catch {
      // a thread that ended meanwhile
    }
  }
  return byName;
}

/**
 * The JVM threads that do a bridged pass's work: the request thread (`java`, the main thread,
 * which also does the socket I/O) and the serial collector (`VM Thread`). The JIT compiler
 * threads are left out on both sides: MOA's Hoeffding tree keeps the C2 compiler busy for
 * about as long as the loop itself on every fresh learner, in-process loop or bridged.
 */
const SERVER_GROUPS: Record<string, (thread: string) => boolean> = {
  main: (t) => t === 'java',
  gc: (t) => t === 'VM Thread',
};

/** CPU seconds per group of {@link SERVER_GROUPS} between two snapshots. */
function groupCpu(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [group, member] of Object.entries(SERVER_GROUPS)) {
    out[group] = 0;
    for (const [name, seconds] of after) if (member(name)) out[group] += seconds - (before.get(name) ?? 0);
  }
  return out;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const { schema, batch } = loadElectricity();
const k = schema.numClasses;
const server = await startMoaServer({ label: 'MOA bridge-efficiency server' });
const serverPid = server.pid!;

interface Pass {
  seconds: number;
  cpuSeconds: number;
  correct: number;
}

async function inprocess(learner: string): Promise<Pass> {
  const { header } = await server.client.request<InprocessLoopReply>(
    'inprocess_loop',
    { learner, params: { options: '' }, schema: schema.toJSON(), seed: 1, n: batch.n, d: batch.d, k },
    [batch.x, batch.y],
  );
  return { seconds: header.seconds, cpuSeconds: header.cpu_seconds ?? NaN, correct: header.correct ?? NaN };
}

async function bridged(learner: string, batchSize: number, requestRows: number): Promise<Pass> {
  const { header } = await server.client.request<CreateReply>('create', { learner, params: { options: '' }, schema: schema.toJSON(), seed: 1 });
  const session = new BridgeSession({ session: header.session, learnerId: `moa:${learner}`, implementation: 'moa', params: header.params, schema, client: server.client, maxRowsPerRequest: requestRows });
  const proba = new Float64Array(batch.n * k);
  const server0 = threadCpu(serverPid);
  const client0 = sum(threadCpu(process.pid).values());
  let loopCpu = 0;
  const started = performance.now();
  for (let start = 0; start < batch.n; start += batchSize) {
    const n = Math.min(batchSize, batch.n - start);
    const rows = { n, d: batch.d, x: batch.x.subarray(start * batch.d, (start + n) * batch.d), y: batch.y.subarray(start, start + n) };
    const cost = await session.testThenTrain(rows, proba.subarray(start * k, (start + n) * k), k);
    loopCpu += cost.predictCpuSeconds + cost.learnCpuSeconds;
  }
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = groupCpu(server0, threadCpu(serverPid));
  const clientCpu = sum(threadCpu(process.pid).values()) - client0;
  const cpu = sum(Object.values(serverCpu)) + clientCpu;
  if (process.env.BENCH_DEBUG) {
    const ms = (v: number) => (v * 1e3).toFixed(1);
    process.stderr.write(`    ${learner} ${batchSize}/${requestRows}: wall ${ms(seconds)} ms; cpu ms: MOA's loops ${ms(loopCpu)}, request thread ${ms(serverCpu.main)}, GC ${ms(serverCpu.gc)}, Node ${ms(clientCpu)}\n`);
  }
  await session.dispose();
  let correct = 0;
  for (let i = 0; i < batch.n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    if (best === batch.y[i]) correct++;
  }
  return { seconds, cpuSeconds: cpu, correct };
}

interface Row {
  learner: string;
  batchSize: number;
  requestRows: number;
  bridgedPerSecond: number;
  inprocessPerSecond: number;
  wallRatio: number;
  cpuRatio: number;
  bridgedAccuracy: number;
  inprocessAccuracy: number;
}

// Each (batch, rows per request) pair once: a request never holds more rows than its batch.
const configs = [...new Map(batchSizes.flatMap((batchSize) => requestRowsList.map((r) => [`${batchSize}/${Math.min(r, batchSize)}`, { batchSize, requestRows: Math.min(r, batchSize) }] as const))).values()];

const rows: Row[] = [];
try {
  for (const learner of learners) {
    for (let w = 0; w < warmup; w++) {
      await inprocess(learner);
      for (const { batchSize, requestRows } of configs) await bridged(learner, batchSize, requestRows);
    }
    for (const { batchSize, requestRows } of configs) {
      const b: Pass[] = [];
      const i: Pass[] = [];
      for (let r = 0; r < reps; r++) {
        b.push(await bridged(learner, batchSize, requestRows));
        i.push(await inprocess(learner));
        if (process.env.BENCH_DEBUG) process.stderr.write(`    in-process: wall ${(i[r].seconds * 1e3).toFixed(1)} ms, cpu ${(i[r].cpuSeconds * 1e3).toFixed(1)} ms\n`);
      }
      const row: Row = {
        learner,
        batchSize,
        requestRows,
        bridgedPerSecond: batch.n / median(b.map((p) => p.seconds)),
        inprocessPerSecond: batch.n / median(i.map((p) => p.seconds)),
        wallRatio: median(b.map((p, r) => i[r].seconds / p.seconds)),
        cpuRatio: median(b.map((p, r) => i[r].cpuSeconds / p.cpuSeconds)),
        bridgedAccuracy: b[0].correct / batch.n,
        inprocessAccuracy: i[0].correct / batch.n,
      };
      rows.push(row);
      if (!json) process.stderr.write(`  ${learner} batch ${batchSize}, requests ≤ ${requestRows}: wall ratio ${row.wallRatio.toFixed(3)}, cpu ratio ${row.cpuRatio.toFixed(3)}\n`);
    }
  }
} finally {
  await server.dispose();
}

if (json) {
  process.stdout.write(`${JSON.stringify({ moa: server.hello.library_version, java: server.hello.language_version, instances: batch.n, reps, rows }, null, 2)}\n`);
} else {
  console.log(`MOA ${server.hello.library_version}, ${server.hello.language_version}; electricity ${batch.n} rows; median of ${reps}`);
  console.log('| learner | batch | rows per request | bridged inst/s | in-process inst/s | wall ratio | cpu ratio | accuracy bridged / in-process |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.learner} | ${r.batchSize} | ${r.requestRows} | ${r.bridgedPerSecond.toFixed(0)} | ${r.inprocessPerSecond.toFixed(0)} | ${r.wallRatio.toFixed(3)} | ${r.cpuRatio.toFixed(3)} | ${r.bridgedAccuracy.toFixed(4)} / ${r.inprocessAccuracy.toFixed(4)} |`);
  }
}
