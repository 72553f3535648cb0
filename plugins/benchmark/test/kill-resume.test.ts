import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultsDb } from '../src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const entry = join(here, 'fixtures', 'bench-entry.ts');
const pluginPath = join(here, 'fixtures', 'test-plugins.ts');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ROWS = 3000;
const CHECKPOINT_EVERY = 250;

const dir = mkdtempSync(join(tmpdir(), 'tributary-kill-resume-'));
const configPath = join(dir, 'grid.yaml');
const dbPath = join(dir, 'results.duckdb');
const marks = join(dir, 'marks');
mkdirSync(marks);
// 2 learners × 2 streams × 3 seeds for the randomised one = 8 jobs of ~2.5 s each.
writeFileSync(
  configPath,
  `name: kill-resume
plugins: [${JSON.stringify(pluginPath)}]
seeds: [1, 2, 3]
evaluator: { windowSize: 100, checkpointEvery: ${CHECKPOINT_EVERY} }
learners:
  - id: test-majority(slowMs=80,markAt=1200)
    label: majority
  - id: test-noisy(slowMs=80,markAt=1200)
    label: noisy
streams:
  - test-stream(rows=${ROWS},seed=1)
  - test-stream(rows=${ROWS},seed=2)
`,
);

function startBench(extra: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', tsx, '--conditions=tributary-source', entry, 'bench', '--config', configPath, '--db', dbPath, '--workers', '2', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRIBUTARY_TEST_MARKS: marks },
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function snapshot() {
  const db = await ResultsDb.open(dbPath);
  try {
    return {
      runs: await db.query<{ run_id: number }>('SELECT run_id FROM runs'),
      jobs: await db.query<{ job_id: number; status: string; attempts: number; finished_at: string | null }>(
        'SELECT job_id, status, attempts, CAST(finished_at AS VARCHAR) AS finished_at FROM jobs ORDER BY job_id',
      ),
      results: await db.query<{ job_id: number; accuracy: number; finished_at: string }>('SELECT job_id, accuracy, CAST(finished_at AS VARCHAR) AS finished_at FROM results ORDER BY job_id'),
      checkpoints: await db.query<{ job_id: number; n: number; distinct_points: number; max_instances: number; attempts: number }>(
        `SELECT job_id, count(*) AS n, count(DISTINCT instances) AS distinct_points, max(instances) AS max_instances, count(DISTINCT attempt) AS attempts
         FROM checkpoints GROUP BY job_id ORDER BY job_id`,
      ),
    };
  } finally {
    await db.close();
  }
}

describe('tributary bench: kill and resume', () => {
  afterAll(() => undefined);

  it('loses nothing finished and duplicates nothing when the runner is SIGKILLed mid-grid and resumed', async () => {
    const first = startBench([]);
    // Kill once at least two jobs have finished (the plain display prints one line per finished job).
    const deadline = Date.now() + 120_000;
    while ((first.output().match(/^\[\d+\/8\] /gm) ?? []).length < 2) {
      if (Date.now() > deadline) throw new Error(`the grid did not progress:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Then wait for a job that is still running to pass instance 1200 of 3000 (the fixture learner
    // drops a mark file there): its first checkpoints are stored and it has ~2 s left. Kill it then.
    const marksBefore = readdirSync(marks).length;
    while (readdirSync(marks).length === marksBefore) {
      if (Date.now() > deadline) throw new Error(`no job passed its mark:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 300));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    // Workers notice the parent is gone and exit; give them a moment to release nothing (they never open the DB).
    await new Promise((r) => setTimeout(r, 500));

    const killed = await snapshot();
    expect(killed.jobs).toHaveLength(8);
    const doneBefore = killed.jobs.filter((j) => j.status === 'done');
    const unfinished = killed.jobs.filter((j) => j.status === 'queued' || j.status === 'running');
    expect(doneBefore.length).toBeGreaterThanOrEqual(2);
    expect(unfinished.length).toBeGreaterThan(0);
    expect(doneBefore.length + unfinished.length).toBe(8);
    // A job killed while running left partial checkpoints behind (the case resume must clean up).
    const interrupted = killed.jobs.filter((j) => j.status === 'running').map((j) => j.job_id);
    const partial = killed.checkpoints.filter((c) => interrupted.includes(c.job_id) && c.max_instances < ROWS);
    expect(partial.length).toBeGreaterThan(0);

    const second = startBench(['--resume']);
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toMatch(/resuming run 1/);
    expect(second.output()).toMatch(new RegExp(`8 jobs \\(${doneBefore.length} already finished\\)`));

    const resumed = await snapshot();
    expect(resumed.runs).toHaveLength(1);
    expect(resumed.jobs.every((j) => j.status === 'done')).toBe(true);
    // Exactly one result per job.
    expect(resumed.results.map((r) => r.job_id)).toEqual(resumed.jobs.map((j) => j.job_id));
    // Checkpoints: one per interval, none duplicated, all from the job's last attempt.
    for (const c of resumed.checkpoints) {
      expect(c.n).toBe(ROWS / CHECKPOINT_EVERY);
      expect(c.distinct_points).toBe(c.n);
      expect(c.max_instances).toBe(ROWS);
      expect(c.attempts).toBe(1);
    }
    expect(resumed.checkpoints).toHaveLength(8);
    // Jobs finished before the kill were not run again: same result row, one attempt.
    for (const job of doneBefore) {
      const before = killed.results.find((r) => r.job_id === job.job_id)!;
      const after = resumed.results.find((r) => r.job_id === job.job_id)!;
      expect(after).toEqual(before);
      expect(resumed.jobs.find((j) => j.job_id === job.job_id)!.attempts).toBe(1);
    }
    // Jobs that were running when killed ran a second attempt.
    for (const id of interrupted) expect(resumed.jobs.find((j) => j.job_id === id)!.attempts).toBe(2);
  }, 240_000);
});
