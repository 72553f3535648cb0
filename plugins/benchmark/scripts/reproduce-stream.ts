// Does a benchmark export reproduce? Runs every job of a grid config on one of its streams again,
// into a scratch database, and compares each job's final metrics with the export's, job by job
// (learner label, stream, seed). Prints the jobs that differ and a count of those that agree.
// Usage: node --conditions=tributary-source --import tsx plugins/benchmark/scripts/reproduce-stream.ts \
//          CONFIG STREAM [--export DIR (docs/benchmark)] [--workers N (1)] [--implementations native,moa,river]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBenchConfig, ResultsDb, runGrid, type BenchConfig } from '../src/index.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { export: { type: 'string', default: 'docs/benchmark' }, workers: { type: 'string', default: '1' }, implementations: { type: 'string' } },
});
const [configPath, stream] = positionals;
if (configPath === undefined || stream === undefined) {
  console.error('usage: reproduce-stream.ts CONFIG STREAM [--export DIR] [--workers N] [--implementations native,moa,river]');
  process.exit(2);
}
const exportDir = values.export;
const implementations = values.implementations?.split(',').map((s) => s.trim());
const METRICS = ['accuracy', 'kappa', 'kappa_m', 'kappa_t', 'f1_macro', 'log_loss', 'auc'] as const;
// The export writes doubles as text: a round trip may move the last bit.
const TOLERANCE = 1e-12;

const { config } = await loadBenchConfig(configPath);
if (!config.streams.includes(stream)) {
  console.error(`stream "${stream}" is not in ${configPath} (it has: ${config.streams.join(', ')})`);
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'tributary-reproduce-'));
try {
  const oneStream = join(scratch, 'config.json');
  const learners = config.learners.filter((entry) => implementations === undefined || implementations.includes(implementationOf(entry)));
  writeFileSync(oneStream, JSON.stringify({ ...config, name: `${config.name}-${stream}`, streams: [stream], learners }));
  const dbPath = join(scratch, 'grid.duckdb');
  await runGrid({ configPath: oneStream, dbPath, workers: Number(values.workers) });
  const db = await ResultsDb.open(dbPath);
  try {
    const exported = resolve(exportDir, 'results.csv').replaceAll("'", "''");
    const rows = await db.query<Record<string, number | string | null>>(
      `SELECT j.learner, j.seed, ${METRICS.map((m) => `r.${m} AS new_${m}, e.${m} AS old_${m}`).join(', ')}, e.learner IS NULL AS missing
       FROM jobs j JOIN results r USING (job_id)
         LEFT JOIN read_csv_auto('${exported}') e
         ON e.learner = j.learner AND e.stream = j.stream AND e.seed = j.seed AND e.status = 'done'
       WHERE j.status = 'done' AND NOT j.retired ORDER BY j.learner, j.seed`,
    );
    let agree = 0;
    const missing: string[] = [];
    console.log('| learner | seed | metric | this run | export |');
    console.log('|---|---:|---|---:|---:|');
    for (const row of rows) {
      if (row.missing) {
        missing.push(`${row.learner} #${row.seed}`);
        continue;
      }
      const differing = METRICS.filter((m) => !same(row[`new_${m}`], row[`old_${m}`]));
      if (differing.length === 0) agree++;
      for (const m of differing) console.log(`| ${row.learner} | ${row.seed} | ${m} | ${row[`new_${m}`]} | ${row[`old_${m}`]} |`);
    }
    const compared = rows.length - missing.length;
    console.log(`\n${stream}: ${agree} of ${compared} jobs give the export's metrics (${METRICS.join(', ')}; within ${TOLERANCE}).`);
    if (missing.length > 0) console.log(`Not in the export yet: ${missing.join(', ')}.`);
    const unfinished = await db.query<{ job: string }>(`SELECT learner || ' #' || seed || ' (' || status || ')' AS job FROM jobs WHERE status <> 'done' AND NOT retired`);
    if (unfinished.length > 0) console.log(`Did not finish in this run: ${unfinished.map((u) => u.job).join(', ')}.`);
  } finally {
    await db.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function same(a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return a == b;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  return Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y));
}

/** A bridged learner's id names its library (`moa:…`, `river:…`); any other is native. */
function implementationOf(entry: BenchConfig['learners'][number]): string {
  const id = typeof entry === 'string' ? entry : entry.id;
  const prefix = /^([a-z]+):/.exec(id)?.[1];
  return prefix === undefined ? 'native' : prefix;
}
