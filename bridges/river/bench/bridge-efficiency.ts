// Bridge efficiency: throughput of a bridged River learner (driven from Node, batches over
// ZeroMQ) divided by the throughput of River's own predict-then-learn loop over the same
// instances already in memory as dicts (the server's `inprocess_loop`). Target ≥ 0.9.
//
// Two ratios are printed. `wall` is the plain throughput ratio; on a machine shared with other
// jobs it swings with their load. `cpu` divides the CPU seconds of River's own loop by the CPU
// seconds the bridged run cost in both processes (server, read from /proc, plus the Node client),
// which the load of other jobs hardly moves; it is the figure to compare with the target there.
//
//   npx tsx --conditions=tributary-source bridges/river/bench/bridge-efficiency.ts [--stream electricity] [--batches 100,500,1000,5000] [--repeats 2] [--json]
//
// Each measurement opens a fresh server; the bridged time is wall time at the client for the
// testThenTrain calls only (server start and create excluded), the in-process time is measured
// by the same server right after, on a fresh learner. The best of `repeats` is kept for each.
import { readFileSync } from 'node:fs';
import { StreamSchema, type Batch } from '@tributary/core';
import type { BridgeSession, InprocessLoopReply } from '@tributary/bridge-protocol';
import { openStream } from '@tributary/streams';
import { ensurePythonEnvironment, openPythonSession } from '../src/index.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const streamName = option('stream', 'electricity');
const batchSizes = option('batches', '100,500,1000,5000').split(',').map(Number);
const repeats = Number(option('repeats', '2'));
const json = process.argv.includes('--json');

/** The whole stream in memory (a copy, since a stream's batch arrays are reused). */
async function loadAll(spec: string): Promise<{ schema: StreamSchema; x: Float64Array; y: Int32Array; n: number; d: number }> {
  const stream = await openStream(spec);
  const d = stream.schema.numFeatures;
  const xs: Float64Array[] = [];
  const ys: Int32Array[] = [];
  let n = 0;
  for (let b: Batch | null; (b = await stream.nextBatch(10_000)); ) {
    xs.push(b.x.slice(0, b.n * d));
    ys.push(b.y.slice(0, b.n));
    n += b.n;
  }
  await stream.close();
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  let row = 0;
  for (let i = 0; i < xs.length; i++) {
    x.set(xs[i], row * d);
    y.set(ys[i], row);
    row += ys[i].length;
  }
  return { schema: stream.schema, x, y, n, d };
}

/** Keeps only the numeric features (River's GaussianNB takes numeric features only). */
function numericOnly(data: Awaited<ReturnType<typeof loadAll>>) {
  const keep = data.schema.features.map((f, i) => (f.kind === 'numeric' ? i : -1)).filter((i) => i >= 0);
  const d = keep.length;
  const x = new Float64Array(data.n * d);
  for (let r = 0; r < data.n; r++) for (let j = 0; j < d; j++) x[r * d + j] = data.x[r * data.d + keep[j]];
  const schema = new StreamSchema(keep.map((i) => ({ name: data.schema.features[i].name, kind: 'numeric' as const })), data.schema.target, [...data.schema.classes]);
  return { schema, x, y: data.y, n: data.n, d };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

interface Row {
  learner: string;
  batchSize: number;
  bridgedPerSecond: number;
  inprocessPerSecond: number;
  ratio: number;
  cpuRatio: number;
  bridgedAccuracy: number;
  inprocessAccuracy: number;
}

async function measure(learner: string, params: Record<string, unknown>, data: { schema: StreamSchema; x: Float64Array; y: Int32Array; n: number; d: number }, batchSize: number): Promise<Omit<Row, 'learner' | 'batchSize'>> {
  const { n, d } = data;
  const k = data.schema.numClasses;
  // The full class list is known up front (the stream was read), so no schema growth is timed.
  const schema = StreamSchema.fromJSON(data.schema.toJSON());
  const session = (await openPythonSession('river', { learnerId: `river:${learner}`, params, schema, seed: 1 })) as BridgeSession;
  try {
    const proba = new Float64Array(batchSize * k);
    let correct = 0;
    const serverPid = session.supervisor!.pid!;
    const serverCpu0 = processCpuSeconds(serverPid);
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let start = 0; start < n; start += batchSize) {
      const rows = Math.min(batchSize, n - start);
      const y = data.y.subarray(start, start + rows);
      await session.testThenTrain({ n: rows, d, x: data.x.subarray(start * d, (start + rows) * d), y }, proba, k);
      for (let i = 0; i < rows; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
        if (best === y[i]) correct++;
      }
    }
    const bridgedSeconds = (performance.now() - t0) / 1000;
    const clientCpu = process.cpuUsage(clientCpu0);
    const serverCpu = processCpuSeconds(serverPid) - serverCpu0;
    const bridgedCpu = serverCpu + (clientCpu.user + clientCpu.system) / 1e6;
    if (process.env.BENCH_DEBUG) process.stderr.write(`    server cpu ${serverCpu.toFixed(2)} s, client cpu ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(2)} s\n`);
    const { header } = await session.supervisor!.client.request<InprocessLoopReply>(
      'inprocess_loop',
      { learner, params, schema: schema.toJSON(), seed: 1, n, d, k },
      [data.x.subarray(0, n * d), data.y.subarray(0, n)],
    );
    return {
      bridgedPerSecond: n / bridgedSeconds,
      inprocessPerSecond: header.instances_per_second,
      ratio: header.seconds / bridgedSeconds,
      cpuRatio: (header.cpu_seconds ?? NaN) / bridgedCpu,
      bridgedAccuracy: correct / n,
      inprocessAccuracy: (header.correct ?? NaN) / n,
    };
  } finally {
    await session.dispose();
  }
}

await ensurePythonEnvironment();
const all = await loadAll(streamName);
const learners: { id: string; params: Record<string, unknown>; data: typeof all }[] = [
  { id: 'tree.HoeffdingTreeClassifier', params: {}, data: all },
  { id: 'naive_bayes.GaussianNB', params: {}, data: numericOnly(all) },
];
const rows: Row[] = [];
for (const l of learners) {
  for (const batchSize of batchSizes) {
    let best: Omit<Row, 'learner' | 'batchSize'> | null = null;
    for (let r = 0; r < repeats; r++) {
      const m = await measure(l.id, l.params, l.data, batchSize);
      if (!best || m.cpuRatio > best.cpuRatio) best = m;
    }
    const row = { learner: l.id, batchSize, ...best! };
    rows.push(row);
    if (!json) process.stderr.write(`  measured ${l.id} batch ${batchSize}: wall ratio ${row.ratio.toFixed(3)}, cpu ratio ${row.cpuRatio.toFixed(3)}\n`);
  }
}

if (json) {
  process.stdout.write(JSON.stringify({ stream: streamName, instances: all.n, repeats, rows }, null, 2) + '\n');
} else {
  const header = ['learner', 'batch', 'bridged inst/s', 'in-process inst/s', 'wall ratio', 'cpu ratio', 'acc bridged', 'acc in-process'];
  const lines = rows.map((r) => [r.learner, String(r.batchSize), r.bridgedPerSecond.toFixed(0), r.inprocessPerSecond.toFixed(0), r.ratio.toFixed(3), r.cpuRatio.toFixed(3), r.bridgedAccuracy.toFixed(4), r.inprocessAccuracy.toFixed(4)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`Bridge efficiency on ${streamName} (${all.n} instances; best of ${repeats} by cpu ratio; ratio = bridged throughput / River in-process throughput, target ≥ 0.9)`);
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
}
