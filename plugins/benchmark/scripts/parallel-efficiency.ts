/**
 * Parallel efficiency of the grid runner: runs one grid with 1 worker, then
 * with N workers (default: the number of CPUs), each into a fresh database,
 * and prints the wall times, the speed-up T1/TN and the efficiency T1/(N·TN),
 * for the whole command and for its job phase alone (first job start to last
 * job end: without loading the config and plugins and opening the database).
 *
 *   node --import tsx --conditions=tributary-source plugins/benchmark/scripts/parallel-efficiency.ts \
 *     [examples/benchmarks/parallel-efficiency.yaml] [N]
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGrid, silentDisplay } from '../src/index.js';

const config = process.argv[2] ?? 'examples/benchmarks/parallel-efficiency.yaml';
const workers = Number(process.argv[3] ?? availableParallelism());
const dir = mkdtempSync(join(tmpdir(), 'tributary-efficiency-'));

async function timed(n: number): Promise<{ wall: number; pool: number; jobs: number; done: number }> {
  const result = await runGrid({ configPath: config, dbPath: join(dir, `workers-${n}.duckdb`), workers: n, display: silentDisplay, handleSignals: false });
  return { wall: result.wallSeconds, pool: result.poolSeconds, jobs: result.total, done: result.ran.done };
}

process.stdout.write(`config ${config}; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
const one = await timed(1);
process.stdout.write(`1 worker:  ${one.wall.toFixed(1)} s, jobs ${one.pool.toFixed(1)} s (${one.done}/${one.jobs} jobs done)\n`);
const many = await timed(workers);
process.stdout.write(`${workers} workers: ${many.wall.toFixed(1)} s, jobs ${many.pool.toFixed(1)} s (${many.done}/${many.jobs} jobs done)\n`);
for (const [what, t1, tn] of [['whole command', one.wall, many.wall], ['job phase', one.pool, many.pool]] as const) {
  const speedup = t1 / tn;
  process.stdout.write(`${what}: speed-up T1/T${workers} = ${speedup.toFixed(2)}; efficiency T1/(${workers}·T${workers}) = ${(speedup / workers).toFixed(2)}\n`);
}
process.stdout.write(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
