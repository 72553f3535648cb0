// Does a benchmark export reproduce? Runs every job of a grid config on one of its streams again,
// into a scratch database, and compares each job's final metrics with the export's, job by job
// (learner label, stream, seed). Prints the jobs that differ and a count of those that agree.
// Usage: node --conditions=tributary-source --import tsx plugins/benchmark/scripts/reproduce-stream.ts \
//          CONFIG STREAM [EXPORT_DIR (docs/benchmark)] [WORKERS (1)]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadBenchConfig, ResultsDb, runGrid } from '../src/index.js';

const [configPath, stream, exportDir = 'docs/benchmark', workers = '1'] = process.argv.slice(2);
if (configPath === undefined || stream === undefined) {
  console.error('usage: reproduce-stream.ts CONFIG STREAM [EXPORT_DIR] [WORKERS]');
  process.exit(2);
}
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
  writeFileSync(oneStream, JSON.stringify({ ...config, name: `${config.name}-${stream}`, streams: [stream] }));
  const dbPath = join(scratch, 'grid.duckdb');
  await runGrid({ configPath: oneStream, dbPath, workers: Number(workers) });
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
