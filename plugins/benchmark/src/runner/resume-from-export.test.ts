import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METRIC_COLUMNS } from '../db/schema-sql.js';
import { ResultsDb } from '../db/results-db.js';
import { silentDisplay, type GridDisplay } from './grid-display.js';
import { defaultDbPath, runGrid } from './run-grid.js';

const pluginPath = fileURLToPath(new URL('../../test/fixtures/test-plugins.ts', import.meta.url));

/** Results and checkpoints by job key: what a run produced, whatever database ids it got. */
async function produced(dbPath: string) {
  const db = await ResultsDb.open(dbPath);
  try {
    const metrics = METRIC_COLUMNS.join(', ');
    return {
      jobs: await db.query<{ job_key: string; status: string }>('SELECT job_key, status FROM jobs ORDER BY job_key'),
      results: await db.query<Record<string, unknown>>(
        `SELECT j.job_key, r.instances, ${metrics}, CAST(r.classes AS VARCHAR) AS classes, CAST(r.drift_positions AS VARCHAR) AS drift_positions,
                r.cpu_s, r.wall_s, CAST(r.finished_at AS VARCHAR) AS finished_at
         FROM results r JOIN jobs j USING (job_id) ORDER BY j.job_key`,
      ),
      checkpoints: await db.query<Record<string, unknown>>(
        `SELECT j.job_key, c.instances, ${metrics} FROM checkpoints c JOIN jobs j USING (job_id) ORDER BY j.job_key, c.instances`,
      ),
    };
  } finally {
    await db.close();
  }
}

describe('resuming from an export on another machine', () => {
  it('imports an export refreshed mid-run, runs only the jobs it had not finished, and reproduces the full run without duplicates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-from-export-'));
    const configPath = join(dir, 'grid.yaml');
    writeFileSync(
      configPath,
      `name: from-export
plugins: [${JSON.stringify(pluginPath)}]
seeds: [1, 2, 3]
evaluator: {windowSize: 100, checkpointEvery: 500}
learners: [test-majority, test-noisy]
streams: [test-stream(rows=1500)]
`,
    );
    // Session 1 refreshes its export after every job; a copy taken after the first refresh is what a session cut off then would have committed.
    const committed = join(dir, 'committed');
    let refreshes = 0;
    const display: GridDisplay = {
      ...silentDisplay,
      log(line) {
        if (line.startsWith('export refreshed') && ++refreshes === 1) cpSync(join(dir, 'export'), committed, { recursive: true });
      },
    };
    const full = await runGrid({ configPath, dbPath: join(dir, 'session1.duckdb'), workers: 1, exportDir: join(dir, 'export'), exportEvery: { jobs: 1 }, display, handleSignals: false });
    expect(full.total).toBe(4);
    // One refresh per finished job, unless a job finished while the previous refresh ran (then they merge).
    expect(refreshes).toBeGreaterThanOrEqual(3);

    // Session 2, a fresh machine: only the committed export.
    const second = join(dir, 'session2.duckdb');
    const resumed = await runGrid({ configPath, dbPath: second, workers: 2, fromExport: committed, display: silentDisplay, handleSignals: false });
    expect(resumed.imported!.jobs).toEqual({ added: 4, updated: 0, kept: 0 });
    expect(resumed.skipped).toBe(1);
    expect(resumed.ran).toEqual({ done: 3, failed: 0, timeout: 0, budget: 0 });

    const before = await produced(full.dbPath);
    const after = await produced(second);
    expect(after.jobs.map((j) => j.status)).toEqual(['done', 'done', 'done', 'done']);
    // Same metrics for every job (the learners are seeded), one result and one checkpoint per interval each.
    const deterministic = (rows: Record<string, unknown>[]) => rows.map(({ cpu_s: _c, wall_s: _w, finished_at: _f, ...rest }) => rest);
    expect(deterministic(after.results)).toEqual(deterministic(before.results));
    expect(after.checkpoints).toEqual(before.checkpoints);
    expect(after.checkpoints).toHaveLength(4 * 3);
    // The job finished before the cut was imported, not run again: its timings are session 1's.
    const imported = after.results.filter((r) => before.results.some((b) => b.job_key === r.job_key && b.finished_at === r.finished_at && b.wall_s === r.wall_s));
    expect(imported).toHaveLength(1);

    // The same command again imports nothing new and runs nothing.
    const again = await runGrid({ configPath, dbPath: second, workers: 1, fromExport: committed, display: silentDisplay, handleSignals: false });
    expect(again.imported!.jobs).toEqual({ added: 0, updated: 0, kept: 4 });
    expect(again.skipped).toBe(4);
    expect(again.ran).toEqual({ done: 0, failed: 0, timeout: 0, budget: 0 });
    expect(await produced(second)).toEqual(after);
  }, 120_000);

  it('puts the default database in the git work tree holding the config, wherever the command runs', () => {
    const root = mkdtempSync(join(tmpdir(), 'tributary-root-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'examples', 'benchmarks'), { recursive: true });
    expect(defaultDbPath(join(root, 'examples', 'benchmarks', 'grid.yaml'))).toBe(join(root, '.tributary', 'bench', 'grid.duckdb'));
    const loose = mkdtempSync(join(tmpdir(), 'tributary-loose-'));
    expect(defaultDbPath(join(loose, 'grid.yml'))).toBe(join(process.cwd(), '.tributary', 'bench', 'grid.duckdb'));
  });
});
