import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResultsDb } from '@tributary/benchmark';

const here = fileURLToPath(new URL('.', import.meta.url));
const config = join(here, 'ci-small.yaml');
const entry = join(here, '..', '..', 'plugins', 'benchmark', 'test', 'fixtures', 'bench-entry.ts');
const reportEntry = join(here, '..', '..', 'plugins', 'benchmark', 'test', 'fixtures', 'report-entry.ts');
const tsx = pathToFileURL(createRequire(join(here, '..', '..', 'plugins', 'benchmark', 'package.json')).resolve('tsx')).href;

const dir = mkdtempSync(join(tmpdir(), 'tributary-ci-small-'));
const dbPath = join(dir, 'ci-small.duckdb');
const exportDir = join(dir, 'export');
const reportDir = join(dir, 'report');
let output = '';
let exitCode: number | null = null;

interface ResultRow {
  learner: string;
  implementation: string;
  stream: string;
  status: string;
  instances: number | null;
  accuracy: number | null;
  kappa: number | null;
  auc: number | null;
  wall_s: number | null;
}

describe('examples/benchmarks/ci-small.yaml end to end', () => {
  beforeAll(async () => {
    const child = spawn(process.execPath, ['--import', tsx, '--conditions=tributary-source', entry, 'bench', '--config', config, '--db', dbPath, '--export', exportDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    exitCode = await new Promise((resolve) => child.on('close', resolve));
  }, 600_000);

  it('runs every job of the grid (native, River and MOA) to the instance cap', async () => {
    expect(exitCode, output).toBe(0);
    const db = await ResultsDb.open(dbPath);
    let rows: ResultRow[];
    try {
      rows = await db.query<ResultRow>(
        `SELECT j.learner, j.implementation, j.stream, j.status, r.instances, r.accuracy, r.kappa, r.auc, r.wall_s
         FROM jobs j LEFT JOIN results r USING (job_id) ORDER BY j.job_index`,
      );
    } finally {
      await db.close();
    }
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.implementation))).toEqual(new Set(['native', 'river', 'moa']));
    for (const row of rows) {
      expect(row.status, `${row.learner} on ${row.stream}`).toBe('done');
      expect(row.instances).toBe(3000);
      expect(row.accuracy).toBeGreaterThan(0.4);
      expect(row.accuracy).toBeLessThanOrEqual(1);
    }
    // Native Naive Bayes and MOA's see the very same instances and should agree closely.
    for (const stream of ['electricity', 'agrawal-f1']) {
      const native = rows.find((r) => r.learner === 'naive-bayes' && r.stream === stream)!;
      const moa = rows.find((r) => r.learner === 'moa:bayes.NaiveBayes' && r.stream === stream)!;
      expect(Math.abs(native.accuracy! - moa.accuracy!)).toBeLessThan(0.01);
    }
    // Learning beats the majority-class baseline on both streams.
    for (const stream of ['electricity', 'agrawal-f1']) {
      const baseline = rows.find((r) => r.learner === 'majority-class' && r.stream === stream)!;
      const nb = rows.find((r) => r.learner === 'naive-bayes' && r.stream === stream)!;
      expect(nb.kappa!).toBeGreaterThan(baseline.kappa!);
    }
  });

  it('exports the run as CSV and JSON', () => {
    for (const table of ['runs', 'jobs', 'results', 'checkpoints', 'environment']) {
      expect(existsSync(join(exportDir, `${table}.csv`)), table).toBe(true);
      expect(existsSync(join(exportDir, `${table}.json`)), table).toBe(true);
    }
    const results = readFileSync(join(exportDir, 'results.csv'), 'utf8').trim().split('\n');
    expect(results).toHaveLength(13);
    const checkpoints = JSON.parse(readFileSync(join(exportDir, 'checkpoints.json'), 'utf8')) as { instances: number }[];
    // One checkpoint every 500 instances of 3000, for 12 jobs.
    expect(checkpoints).toHaveLength(12 * 6);
    const environment = JSON.parse(readFileSync(join(exportDir, 'environment.json'), 'utf8')) as { node: string; river: string | null; moa: string | null }[];
    expect(environment[0].node).toBe(process.versions.node);
    expect(environment[0].river).toBeTruthy();
    expect(environment[0].moa).toBeTruthy();
  });

  it('renders the report of the run with tributary report', async () => {
    const child = spawn(process.execPath, ['--import', tsx, '--conditions=tributary-source', reportEntry, 'report', '--db', dbPath, '--out', reportDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (c) => (text += c));
    child.stderr.on('data', (c) => (text += c));
    expect(await new Promise((resolve) => child.on('close', resolve)), text).toBe(0);
    expect(text).toContain('12 jobs');
    const html = readFileSync(join(reportDir, 'index.html'), 'utf8');
    expect(html).toContain('Tributary benchmark: ci-small');
    for (const name of ['naive-bayes', 'oza-bag-nb5', 'moa:bayes.NaiveBayes', 'river:tree.HoeffdingTreeClassifier', 'electricity', 'agrawal-f1']) expect(html).toContain(name);
  }, 120_000);
});
