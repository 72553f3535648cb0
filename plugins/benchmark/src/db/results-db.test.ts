import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointRecord, RunSummary } from '@tributary/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBenchConfig } from '../config/load-bench-config.js';
import type { BenchJob } from '../config/expand-jobs.js';
import type { EnvironmentInfo } from '../environment.js';
import { reportDataFromDb, reportedLearner } from './report-data-from-db.js';
import { ResultsDb } from './results-db.js';

const loaded = parseBenchConfig('name: unit\nlearners: [a]\nstreams: [s]\nmetrics: [accuracy, log_loss]\n');

function job(index: number, learner: string, implementation = 'native', extra: Partial<BenchJob> = {}): BenchJob {
  return { key: `${learner}|s|1`, index, learner, learnerId: learner, params: { g: 1 }, implementation, stream: 's', streamSpec: 's', seed: 1, ...extra };
}

function checkpoint(instances: number, accuracy: number): CheckpointRecord {
  return {
    type: 'checkpoint',
    runId: 'x',
    instances,
    cumulative: { accuracy, log_loss: 1 - accuracy, custom: 3 },
    windowed: { accuracy: accuracy + 0.01, log_loss: 0.5 },
    predictCpuSeconds: instances / 1000,
    learnCpuSeconds: instances / 500,
    wallSeconds: instances / 100,
    instancesPerSecond: 100,
    model: { sizeBytes: 1000 + instances },
    peakRssBytes: 1e8,
  };
}

function summary(instances: number, accuracy: number): RunSummary {
  return {
    type: 'summary',
    runId: 'x',
    learner: 'a',
    implementation: 'native',
    params: {},
    stream: 's',
    seed: 1,
    instances,
    windowSize: 100,
    cumulative: { accuracy, log_loss: 1 - accuracy },
    windowed: { accuracy, log_loss: 1 - accuracy },
    predictCpuSeconds: 1,
    learnCpuSeconds: 2,
    cpuSeconds: 3,
    wallSeconds: 4,
    instancesPerSecond: instances / 4,
    model: { sizeBytes: 5000, nodes: 7 },
    peakRssBytes: 2e8,
    classes: ['no', 'yes'],
    driftPositions: [50],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:04.000Z',
  };
}

const environment: EnvironmentInfo = {
  tributary: '0.1.0', node: '20', river: '0.26.1', moa: null, python: '3.11', java: null, os: 'Linux', cpu: 'cpu', cpuCount: 2, memoryBytes: 2 ** 32, details: { duckdb: 'v1' },
};

describe('ResultsDb', () => {
  let db: ResultsDb;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-db-'));
    db = await ResultsDb.open(join(dir, 'r.duckdb'));
  });
  afterEach(async () => {
    await db.close();
  });

  it('restarts an interrupted job from scratch: partial checkpoints deleted, attempt counted', async () => {
    const runId = await db.createRun(loaded, 2);
    const stored = await db.syncJobs(runId, [job(0, 'a'), job(1, 'b')]);
    // Syncing the same grid again adds nothing.
    expect([...(await db.syncJobs(runId, [job(0, 'a'), job(1, 'b')])).values()].map((j) => j.jobId)).toEqual([...stored.values()].map((j) => j.jobId));
    const a = stored.get('a|s|1')!.jobId;
    expect(await db.startJob(a)).toBe(1);
    await db.addCheckpoint(a, 1, checkpoint(100, 0.6));
    await db.addCheckpoint(a, 1, checkpoint(200, 0.7));
    // The same checkpoint twice is refused by the primary key.
    await expect(db.addCheckpoint(a, 1, checkpoint(200, 0.7))).rejects.toThrow();

    expect(await db.startJob(a)).toBe(2);
    expect(await db.query('SELECT * FROM checkpoints')).toEqual([]);
    await db.addCheckpoint(a, 2, checkpoint(100, 0.65));
    await db.finishJob(a, runId, summary(150, 0.66));
    const [row] = await db.query<Record<string, unknown>>('SELECT status, attempts FROM jobs WHERE job_id = $1', [a]);
    expect(row).toEqual({ status: 'done', attempts: 2 });
    const [result] = await db.query<Record<string, unknown>>('SELECT instances, accuracy, log_loss, cpu_s, model_bytes, CAST(model AS VARCHAR) AS model, CAST(classes AS VARCHAR) AS classes FROM results');
    expect(result).toEqual({ instances: 150, accuracy: 0.66, log_loss: 1 - 0.66, cpu_s: 3, model_bytes: 5000, model: '{"sizeBytes":5000,"nodes":7}', classes: '["no","yes"]' });
    // A metric outside the fixed columns is kept as JSON.
    const [point] = await db.query<{ other_metrics: string }>('SELECT CAST(other_metrics AS VARCHAR) AS other_metrics FROM checkpoints');
    expect(JSON.parse(point.other_metrics)).toEqual({ cumulative: { custom: 3 }, windowed: {} });
  });

  it('keeps unchanged jobs, resets changed ones, adds new ones and retires removed ones when a run continues with a changed grid', async () => {
    const runId = await db.createRun(loaded, 1);
    const settings = { windowSize: 100 };
    const first = await db.syncJobs(runId, [job(0, 'a'), job(1, 'b'), job(2, 'c')], settings);
    expect(first.changes).toEqual({ kept: 0, added: 3, reset: 0, retired: 0 });
    for (const key of ['a|s|1', 'b|s|1', 'c|s|1']) {
      const id = first.get(key)!.jobId;
      await db.startJob(id);
      await db.addCheckpoint(id, 1, checkpoint(100, 0.6));
      await db.finishJob(id, runId, summary(100, 0.6));
    }
    // a: only its time budget changes (results stay valid); b: its cap changes; c: gone; d: new.
    const second = await db.syncJobs(runId, [job(0, 'a', 'native', { timeSeconds: 60 }), job(1, 'b', 'native', { maxInstances: 50 }), job(2, 'd')], settings);
    expect(second.changes).toEqual({ kept: 1, added: 1, reset: 1, retired: 1 });
    expect([...second.keys()].sort()).toEqual(['a|s|1', 'b|s|1', 'd|s|1']);
    expect(second.get('a|s|1')!.status).toBe('done');
    expect(second.get('b|s|1')!.status).toBe('queued');
    expect(second.get('d|s|1')!.status).toBe('queued');
    const kept = await db.query<{ learner: string }>('SELECT j.learner FROM results r JOIN jobs j USING (job_id) ORDER BY j.learner');
    expect(kept.map((r) => r.learner)).toEqual(['a', 'c']);
    const [budget] = await db.query<{ time_budget_s: number }>(`SELECT time_budget_s FROM jobs WHERE job_key = 'a|s|1'`);
    expect(budget.time_budget_s).toBe(60);
    // The retired job stays in the database but not in exports or reports.
    await db.exportTo(join(dir, 'out'), runId);
    const exported = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as { learner: string }[];
    expect(exported.map((r) => r.learner)).toEqual(['a']);
    expect((await reportDataFromDb(db)).results.map((r) => r.learner)).toEqual(['a']);
    // Other evaluator settings reset every job.
    const third = await db.syncJobs(runId, [job(0, 'a'), job(1, 'b', 'native', { maxInstances: 50 }), job(2, 'd')], { windowSize: 500 });
    expect(third.changes).toEqual({ kept: 0, added: 0, reset: 3, retired: 0 });
  });

  it('finds the latest run of a config and requeues failed jobs on request', async () => {
    const first = await db.createRun(loaded, 1);
    const other = parseBenchConfig('learners: [b]\nstreams: [s]\n');
    await db.createRun(other, 1);
    expect((await db.latestRun(loaded.hash))!.runId).toBe(first);
    expect((await db.latestRun())!.configHash).toBe(other.hash);
    const stored = await db.syncJobs(first, [job(0, 'a'), job(1, 'b')]);
    await db.failJob(stored.get('b|s|1')!.jobId, 'timeout', { code: 'TIMEOUT', message: 'too slow' });
    expect(await db.requeue(first, ['failed', 'timeout', 'budget'])).toBe(1);
    const statuses = await db.query<{ status: string }>('SELECT status FROM jobs ORDER BY job_id');
    expect(statuses.map((s) => s.status)).toEqual(['queued', 'queued']);
  });

  it('converts a run to report data: finals, partial finals of failed jobs, curves, drift positions, environment', async () => {
    const runId = await db.createRun(loaded, 2);
    await db.recordEnvironment(runId, environment);
    const stored = await db.syncJobs(runId, [job(0, 'ht@moa', 'moa', { capReason: 'slow', maxInstances: 150 }), job(1, 'nb'), job(2, 'never')]);
    const ht = stored.get('ht@moa|s|1')!.jobId;
    const nb = stored.get('nb|s|1')!.jobId;
    await db.startJob(ht);
    await db.addCheckpoint(ht, 1, checkpoint(100, 0.6));
    await db.finishJob(ht, runId, summary(150, 0.7));
    await db.startJob(nb);
    await db.addCheckpoint(nb, 1, checkpoint(100, 0.5));
    await db.addCheckpoint(nb, 1, checkpoint(200, 0.55));
    await db.failJob(nb, 'budget', { code: 'MEMORY_BUDGET', message: 'over' });

    const data = await reportDataFromDb(db);
    expect(data.title).toBe('Tributary benchmark: unit');
    expect(data.metrics).toEqual([
      { id: 'accuracy', label: 'Accuracy', higherIsBetter: true },
      { id: 'log_loss', label: 'Log loss', higherIsBetter: false },
    ]);
    expect(data.results).toEqual([
      { learner: 'ht', implementation: 'moa', stream: 's', seed: 1, status: 'done', metrics: { accuracy: 0.7, log_loss: 1 - 0.7 }, cpuSeconds: 3, wallSeconds: 4, memoryBytes: 5000, instances: 150 },
      { learner: 'nb', implementation: 'native', stream: 's', seed: 1, status: 'budget', error: 'over', metrics: { accuracy: 0.55, log_loss: 1 - 0.55 }, cpuSeconds: 0.2 + 0.4, wallSeconds: 2, memoryBytes: 1200, instances: 200 },
    ]);
    expect(data.curves.map((c) => [c.learner, c.implementation, c.points.map((p) => p.instances)])).toEqual([
      ['ht', 'moa', [100]],
      ['nb', 'native', [100, 200]],
    ]);
    expect(data.curves[1].points[1].metrics).toEqual({ accuracy: 0.55 + 0.01, log_loss: 0.5 });
    expect(data.driftPositions).toEqual({ s: [50] });
    expect(data.environment).toMatchObject({ River: '0.26.1', Python: '3.11', Memory: '4.0 GiB', DuckDB: 'v1', Workers: '2', 'Cap 1': 'ht@moa: slow' });
    expect(data.environment.Jobs).toBe('3: 1 done, 0 failed, 0 timed out, 1 over budget, 1 not run yet');
    expect(data.environment).not.toHaveProperty('MOA');

    const natives = await reportDataFromDb(db, { implementations: ['native'] });
    expect(natives.results.map((r) => r.learner)).toEqual(['nb']);
    expect(natives.curves.map((c) => c.learner)).toEqual(['nb']);
    expect((await reportDataFromDb(db, { learners: ['ht*'] })).results.map((r) => r.learner)).toEqual(['ht']);
  });

  it('exports CSV and JSON', async () => {
    const runId = await db.createRun(loaded, 1);
    const stored = await db.syncJobs(runId, [job(0, 'a')]);
    const a = stored.get('a|s|1')!.jobId;
    await db.startJob(a);
    await db.addCheckpoint(a, 1, checkpoint(100, 0.6));
    await db.finishJob(a, runId, summary(100, 0.6));
    const files = await db.exportTo(join(dir, 'out'), runId);
    expect(files.map((f) => f.slice(dir.length + 5)).sort()).toEqual(
      ['checkpoints.csv', 'checkpoints.json', 'environment.csv', 'environment.json', 'jobs.csv', 'jobs.json', 'results.csv', 'results.json', 'runs.csv', 'runs.json'],
    );
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as Record<string, unknown>[];
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ learner: 'a', implementation: 'native', stream: 's', seed: 1, status: 'done', instances: 100, accuracy: 0.6 });
    const csv = readFileSync(join(dir, 'out', 'checkpoints.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(2);
  });
});

describe('reportedLearner', () => {
  it('strips an @implementation suffix only when it names the implementation', () => {
    expect(reportedLearner('hoeffding-tree@river', 'river')).toEqual({ learner: 'hoeffding-tree', implementation: 'river' });
    expect(reportedLearner('hoeffding-tree@river', 'moa')).toEqual({ learner: 'hoeffding-tree@river', implementation: 'moa' });
    expect(reportedLearner('river:tree.HoeffdingTreeClassifier', 'river')).toEqual({ learner: 'river:tree.HoeffdingTreeClassifier', implementation: 'river' });
  });
});
