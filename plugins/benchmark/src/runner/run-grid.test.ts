import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ResultsDb } from '../db/results-db.js';
import { silentDisplay } from './grid-display.js';
import { runGrid } from './run-grid.js';

const pluginPath = fileURLToPath(new URL('../../test/fixtures/test-plugins.ts', import.meta.url));

/** A fresh folder holding `grid.yaml`: the test plugins, then `body`. */
function writeGridConfig(prefix: string, body: string): { dir: string; configPath: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const configPath = join(dir, 'grid.yaml');
  writeFileSync(configPath, `plugins: [${JSON.stringify(pluginPath)}]\n${body}`);
  return { dir, configPath };
}

describe('runGrid', () => {
  it('records crashes, exits, timeouts and memory overruns as such and finishes the rest of the grid', async () => {
    const { dir, configPath } = writeGridConfig('tributary-grid-', `seeds: [5, 6]
evaluator: {windowSize: 100, checkpointEvery: 400}
learners:
  - test-majority
  - test-noisy
  - {id: "test-majority(crashAt=500)", label: thrower}
  - {id: "test-majority(exitAt=500)", label: quitter}
  - {id: "test-majority(slowMs=200)", label: slow, timeSeconds: 3}
  - {id: "test-majority(hogMBPerBatch=16,slowMs=50)", label: hog, memoryMB: 250}
streams:
  - test-stream(rows=2000)
`);
    const result = await runGrid({ configPath, dbPath: join(dir, 'r.duckdb'), workers: 2, exportDir: join(dir, 'export'), display: silentDisplay, handleSignals: false });
    expect(result.total).toBe(7);
    expect(result.ran).toEqual({ done: 3, failed: 2, timeout: 1, budget: 1 });

    const db = await ResultsDb.open(result.dbPath);
    try {
      const jobs = await db.query<{ learner: string; seed: number; status: string; error_code: string | null; error: string | null }>(
        'SELECT learner, seed, status, error_code, error FROM jobs ORDER BY job_index',
      );
      const byLearner = Object.fromEntries(jobs.map((j) => [`${j.learner}#${j.seed}`, j]));
      expect(byLearner['test-noisy#6'].status).toBe('done');
      expect(byLearner['thrower#5']).toMatchObject({ status: 'failed' });
      expect(byLearner['thrower#5'].error).toContain('crashed on purpose at instance 500');
      expect(byLearner['quitter#5']).toMatchObject({ status: 'failed', error_code: 'WORKER_CRASHED' });
      expect(byLearner['quitter#5'].error).toContain('exited with code 7');
      expect(byLearner['slow#5']).toMatchObject({ status: 'timeout', error_code: 'TIMEOUT' });
      expect(byLearner['hog#5']).toMatchObject({ status: 'budget', error_code: 'MEMORY_BUDGET' });

      const results = await db.query<{ learner: string; instances: number; accuracy: number; classes: string; drift_positions: string }>(
        'SELECT j.learner, r.instances, r.accuracy, r.classes, r.drift_positions FROM results r JOIN jobs j USING (job_id) ORDER BY j.job_index',
      );
      expect(results.map((r) => r.learner)).toEqual(['test-majority', 'test-noisy', 'test-noisy']);
      for (const r of results) {
        expect(r.instances).toBe(2000);
        expect(r.accuracy).toBeGreaterThan(0.3);
        expect(JSON.parse(r.classes)).toEqual(['neg', 'pos']);
        expect(JSON.parse(r.drift_positions)).toEqual([1000]);
      }
      // Checkpoints every 400 instances of each finished job, and those a failed job reached before failing.
      const points = await db.query<{ learner: string; instances: number }>('SELECT j.learner, c.instances FROM checkpoints c JOIN jobs j USING (job_id) WHERE j.seed = 5 ORDER BY j.job_index, c.instances');
      expect(points.filter((p) => p.learner === 'test-majority').map((p) => p.instances)).toEqual([400, 800, 1200, 1600, 2000]);
      expect(points.filter((p) => p.learner === 'thrower').map((p) => p.instances)).toEqual([400]);
      const env = await db.query<{ node: string; cpu_count: number }>('SELECT node, cpu_count FROM environment');
      expect(env).toEqual([{ node: process.versions.node, cpu_count: expect.any(Number) }]);
    } finally {
      await db.close();
    }

    const csv = readFileSync(join(dir, 'export', 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[0]).toMatch(/^run_id,job_id,learner,learner_id,implementation,stream,seed,status/);
    const json = JSON.parse(readFileSync(join(dir, 'export', 'jobs.json'), 'utf8')) as { status: string }[];
    expect(json.map((j) => j.status).sort()).toEqual(['budget', 'done', 'done', 'done', 'failed', 'failed', 'timeout']);
  }, 120_000);

  it('runs the jobs matching --defer after all the others, keeping config order within each part', async () => {
    const { dir, configPath } = writeGridConfig('tributary-defer-', `seeds: [5, 6]
evaluator: {windowSize: 100, checkpointEvery: 500}
learners: [test-noisy, test-majority]
streams: [test-stream(rows=300)]
`);
    const dbPath = join(dir, 'd.duckdb');
    await expect(runGrid({ configPath, dbPath, defer: ['nothing-*'], display: silentDisplay, handleSignals: false })).rejects.toThrow(/--defer "nothing-\*" matches no learner/);
    const result = await runGrid({ configPath, dbPath, defer: ['test-noisy'], workers: 1, display: silentDisplay, handleSignals: false });
    expect(result.ran.done).toBe(3);
    const db = await ResultsDb.open(dbPath);
    try {
      const order = (await db.query<{ job: string }>(`SELECT learner || '|' || stream || '#' || seed AS job FROM jobs ORDER BY started_at`)).map((r) => r.job);
      // the config lists test-noisy first; deferred, its two seeds run last, in config order
      expect(order).toEqual(['test-majority|test-stream(rows=300)#5', 'test-noisy|test-stream(rows=300)#5', 'test-noisy|test-stream(rows=300)#6']);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('runs again, on --rerun, every job of the matching learners and replaces what they stored', async () => {
    const { dir, configPath } = writeGridConfig('tributary-rerun-', `seeds: [5, 6]
evaluator: {windowSize: 100, checkpointEvery: 500}
learners: [test-majority, test-noisy]
streams: [test-stream(rows=1000)]
`);
    const dbPath = join(dir, 'r.duckdb');
    const first = await runGrid({ configPath, dbPath, workers: 2, display: silentDisplay, handleSignals: false });
    expect(first.ran.done).toBe(3);
    const finishedAt = async () => {
      const db = await ResultsDb.open(dbPath);
      try {
        return Object.fromEntries(
          (await db.query<{ key: string; finished_at: string }>(`SELECT learner || '#' || seed AS key, CAST(finished_at AS VARCHAR) AS finished_at FROM jobs`)).map((r) => [r.key, r.finished_at]),
        );
      } finally {
        await db.close();
      }
    };
    const before = await finishedAt();

    await expect(runGrid({ configPath, dbPath, resume: true, rerun: ['no-such-*'], display: silentDisplay, handleSignals: false })).rejects.toThrow(/--rerun "no-such-\*" matches no learner.*test-noisy/);
    // a job key picks one job
    const one = await runGrid({ configPath, dbPath, resume: true, rerun: ['test-noisy|*|6'], workers: 1, display: silentDisplay, handleSignals: false });
    expect(one.ran.done).toBe(1);
    expect((await finishedAt())['test-noisy#5']).toBe(before['test-noisy#5']);
    const again = await runGrid({ configPath, dbPath, resume: true, rerun: ['test-n*'], workers: 2, display: silentDisplay, handleSignals: false });
    expect(again.skipped).toBe(1);
    expect(again.ran.done).toBe(2);
    const after = await finishedAt();
    expect(after['test-majority#5']).toBe(before['test-majority#5']);
    expect(after['test-noisy#5']).not.toBe(before['test-noisy#5']);
    const db = await ResultsDb.open(dbPath);
    try {
      const counts = await db.query<{ results: number; checkpoints: number }>(
        `SELECT (SELECT count(*) FROM results)::INTEGER AS results, (SELECT count(*) FROM checkpoints)::INTEGER AS checkpoints`,
      );
      // 3 jobs × (1 result, 2 checkpoints): replaced, not added to
      expect(counts).toEqual([{ results: 3, checkpoints: 6 }]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
