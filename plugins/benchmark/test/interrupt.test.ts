import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ResultsDb } from '../src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Pids of live processes whose environment names a job of this label (workers of the grid). */
function workersOf(label: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`TRIBUTARY_BENCH_JOB=${label}|`)) pids.push(Number(entry));
    } catch {
      // gone or not ours
    }
  }
  return pids;
}

// The test finds the workers through /proc, so it needs Linux; under CI=true another platform is a failure, not a skip.
const IS_LINUX = process.platform === 'linux';
const IN_CI = process.env.CI === 'true';

describe.runIf(IS_LINUX || IN_CI)('tributary bench on SIGINT', () => {
  it('stops its workers, marks the run interrupted, exports and leaves unfinished jobs for --resume', async () => {
    if (!IS_LINUX) throw new Error(`CI=true on ${process.platform}: the SIGINT test reads /proc to find the grid's workers and needs Linux`);
    const dir = mkdtempSync(join(tmpdir(), 'tributary-interrupt-'));
    const label = `slow-${process.pid}`;
    const config = join(dir, 'grid.yaml');
    writeFileSync(
      config,
      `plugins: [${JSON.stringify(join(here, 'fixtures', 'test-plugins.ts'))}]\nlearners: [{id: "test-majority(slowMs=100)", label: ${label}}]\nstreams: ["test-stream(rows=5000,seed=1)", "test-stream(rows=5000,seed=2)", "test-stream(rows=5000,seed=3)"]\n`,
    );
    const dbPath = join(dir, 'r.duckdb');
    const child = spawn(process.execPath, ['--import', tsx, '--conditions=tributary-source', join(here, 'fixtures', 'bench-entry.ts'), 'bench', '--config', config, '--db', dbPath, '--workers', '2', '--export', join(dir, 'export')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 60_000;
    while (workersOf(label).length < 2) {
      if (Date.now() > deadline) throw new Error(`workers did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    expect(await exited, output).toBe(130);
    expect(output).toContain('SIGINT: stopping workers; run again with --resume');
    expect(workersOf(label)).toEqual([]);

    const db = await ResultsDb.open(dbPath);
    try {
      expect(await db.query('SELECT status FROM runs')).toEqual([{ status: 'interrupted' }]);
      const jobs = await db.query<{ status: string }>('SELECT status FROM jobs ORDER BY job_index');
      expect(jobs.map((j) => j.status)).toEqual(['running', 'running', 'queued']);
      expect(await db.query('SELECT * FROM results')).toEqual([]);
    } finally {
      await db.close();
    }
    // The export written on the way out says the same, for a later --from-export.
    const exported = JSON.parse(readFileSync(join(dir, 'export', 'jobs.json'), 'utf8')) as { status: string }[];
    expect(exported.map((j) => j.status)).toEqual(['running', 'running', 'queued']);
  }, 120_000);
});
