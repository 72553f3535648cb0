// Cost of the export a running grid refreshes (--export-every) and of the import --from-export does:
// the committed export as it is, then inflated to a synthetic full grid (every job done, ~44 checkpoints each).
// Usage: node --conditions=tributary-source --import tsx plugins/benchmark/scripts/export-import-cost.ts [EXPORT_DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultsDb } from '../src/index.js';

const source = process.argv[2] ?? 'docs/benchmark';
const dir = mkdtempSync(join(tmpdir(), 'tributary-export-cost-'));

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

const db = await ResultsDb.open(join(dir, 'imported.duckdb'));
try {
  const summary = await timed(`import ${source} into a fresh database`, () => db.importFrom(source));
  console.log(`  ${JSON.stringify(summary.jobs)}, ${summary.results} results, ${summary.checkpoints} checkpoints`);
  await timed('import it again (nothing changes)', () => db.importFrom(source));
  const [run] = summary.runs;
  await timed('export', () => db.exportTo(join(dir, 'export'), run.runId));
  // Every job done, each checkpoint repeated at 229 further positions.
  await db.query(`INSERT INTO checkpoints SELECT c.* REPLACE (c.instances + 5000 * g.k AS instances) FROM checkpoints c, range(1, 230) g(k)`);
  await db.query(`INSERT INTO results SELECT r.* REPLACE (j.job_id AS job_id) FROM (SELECT * FROM results LIMIT 1) r,
                  (SELECT job_id FROM jobs WHERE job_id NOT IN (SELECT job_id FROM results)) j`);
  await db.query(`UPDATE jobs SET status = 'done'`);
  const [size] = await db.query<{ jobs: number; checkpoints: number }>(`SELECT (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM checkpoints) AS checkpoints`);
  console.log(`synthetic full grid: ${size.jobs} jobs, ${size.checkpoints} checkpoints`);
  for (let i = 1; i <= 3; i++) await timed(`  export ${i}`, () => db.exportTo(join(dir, 'full'), run.runId));
  const fresh = await ResultsDb.open(join(dir, 'full.duckdb'));
  try {
    await timed('  import into a fresh database', () => fresh.importFrom(join(dir, 'full')));
  } finally {
    await fresh.close();
  }
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
