import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointRecord, RunSummary } from '@tributary/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { BenchJob } from '../config/expand-jobs.js';
import { parseBenchConfig } from '../config/load-bench-config.js';
import { ResultsDb } from './results-db.js';

const loaded = parseBenchConfig('name: unit\nlearners: [a]\nstreams: [s]\n');

function job(index: number, learner: string, extra: Partial<BenchJob> = {}): BenchJob {
  return { key: `${learner}|s|1`, index, learner, learnerId: learner, params: { g: index }, implementation: 'native', stream: 's', streamSpec: 's', seed: 1, ...extra };
}

/** A checkpoint whose metrics include the values CSV and JSON treat specially: NaN, infinity, a metric outside the fixed columns. */
function checkpoint(instances: number, accuracy: number): CheckpointRecord {
  return {
    type: 'checkpoint',
    runId: 'x',
    instances,
    cumulative: { accuracy, kappa: Number.NaN, auc: 0.1 + 0.2, custom: 3 },
    windowed: { accuracy: accuracy / 3, kappa_t: Number.NEGATIVE_INFINITY },
    predictCpuSeconds: instances / 7,
    learnCpuSeconds: instances / 500,
    wallSeconds: instances / 100,
    instancesPerSecond: Number.POSITIVE_INFINITY,
    model: { sizeBytes: 1000 + instances, depth: 2.5 },
    peakRssBytes: 1e8,
  };
}

function summary(instances: number, accuracy: number, driftPositions?: number[]): RunSummary {
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
    cumulative: { accuracy, kappa_m: Number.NaN },
    windowed: { accuracy: 1 / 3 },
    predictCpuSeconds: Math.PI,
    learnCpuSeconds: 2,
    cpuSeconds: 3,
    wallSeconds: 4,
    instancesPerSecond: instances / 4,
    model: { sizeBytes: 5000, nodes: 7 },
    peakRssBytes: 2e8,
    classes: ['no', 'yes, "quoted"'],
    driftPositions,
    startedAt: '2026-01-01T00:00:00.123Z',
    finishedAt: '2026-01-01T00:00:04.000Z',
  };
}

/**
 * Everything stored, by identity rather than by id (run by start time, job
 * by key), timestamps and JSON as text so microseconds and formatting count.
 */
async function contents(db: ResultsDb): Promise<Record<string, unknown[]>> {
  const columns = async (table: string, omit: string[]) =>
    (await db.query<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`))
      .filter((c) => !omit.includes(c.column_name))
      .map((c) => (['TIMESTAMP', 'JSON'].includes(c.column_type) ? `CAST(t.${c.column_name} AS VARCHAR) AS ${c.column_name}` : `t.${c.column_name}`))
      .join(', ');
  const runKey = `(SELECT CAST(started_at AS VARCHAR) FROM runs r WHERE r.run_id = t.run_id) AS run`;
  return {
    runs: await db.query(`SELECT ${await columns('runs', ['run_id'])} FROM runs t ORDER BY started_at`),
    jobs: await db.query(`SELECT ${runKey}, ${await columns('jobs', ['job_id', 'run_id'])} FROM jobs t ORDER BY run, job_key`),
    results: await db.query(`SELECT ${runKey}, j.job_key, ${await columns('results', ['job_id', 'run_id'])} FROM results t JOIN jobs j USING (job_id) ORDER BY run, job_key`),
    checkpoints: await db.query(`SELECT j.job_key, ${await columns('checkpoints', ['job_id'])} FROM checkpoints t JOIN jobs j USING (job_id) ORDER BY j.job_key, instances`),
    environment: await db.query(`SELECT ${runKey}, ${await columns('environment', ['run_id'])} FROM environment t ORDER BY run, recorded_at`),
  };
}

/** What an import of `stored` holds: nothing runs on import, so running runs are interrupted and running jobs queued. */
function asImported(stored: Record<string, unknown[]>): Record<string, unknown[]> {
  return {
    ...stored,
    runs: (stored.runs as { status: string }[]).map((r) => ({ ...r, status: r.status === 'running' ? 'interrupted' : r.status })),
    jobs: (stored.jobs as { status: string }[]).map((j) => ({ ...j, status: j.status === 'running' ? 'queued' : j.status })),
  };
}

describe('export and import', () => {
  const open: ResultsDb[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tributary-import-'));
  let files = 0;
  async function freshDb(): Promise<ResultsDb> {
    const db = await ResultsDb.open(join(dir, `db-${files++}.duckdb`));
    open.push(db);
    return db;
  }
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  /**
   * A run part-way: a done (empty-string cap reason), b failed (an error with
   * newlines, quotes and commas), c running with a partial checkpoint, d queued.
   */
  async function partRun(db: ResultsDb): Promise<{ runId: number; ids: Record<string, number> }> {
    const runId = await db.createRun(loaded, 2);
    await db.recordEnvironment(runId, {
      tributary: '0.1.0', node: '20', river: null, moa: '2024.07.0', python: null, java: '17', os: 'Linux', cpu: 'cpu, "fast"', cpuCount: 2, memoryBytes: 2 ** 34, details: { a: [1, 'x'] },
    });
    const stored = await db.syncJobs(runId, [job(0, 'a', { capReason: '' }), job(1, 'b', { maxInstances: 50, capReason: 'slow, "very"' }), job(2, 'c'), job(3, 'd', { timeSeconds: 60 })], { windowSize: 100 });
    const ids = Object.fromEntries([...stored.values()].map((j) => [j.key[0], j.jobId]));
    await db.startJob(ids.a);
    await db.addCheckpoint(ids.a, 1, checkpoint(100, 0.6));
    await db.addCheckpoint(ids.a, 1, checkpoint(200, 0.7));
    await db.finishJob(ids.a, runId, summary(200, 0.7));
    await db.startJob(ids.b);
    await db.addCheckpoint(ids.b, 1, checkpoint(100, 0.5));
    await db.failJob(ids.b, 'failed', { code: 'LEARNER_ERROR', message: 'Traceback:\n  File "x.py", line 1, in <module>\nValueError: could not convert, "usenet"' });
    await db.startJob(ids.c);
    await db.addCheckpoint(ids.c, 1, checkpoint(100, 0.4));
    return { runId, ids };
  }

  it('round-trips every table through the CSV files exactly, NaN, infinities, NULLs, empty strings and JSON included; importing twice adds nothing', async () => {
    const source = await freshDb();
    await partRun(source);
    await source.exportTo(join(dir, 'export'), 1);
    const target = await freshDb();
    const first = await target.importFrom(join(dir, 'export'));
    expect(first).toEqual({ runs: [{ exportedRunId: 1, runId: 1, added: true }], jobs: { added: 4, updated: 0, kept: 0 }, results: 1, checkpoints: 4, environment: 1 });

    // The job that was running comes back queued, its partial checkpoint kept until it starts again.
    const imported = await contents(target);
    expect(imported).toEqual(asImported(await contents(source)));
    expect((imported.jobs as { status: string }[]).map((j) => j.status)).toEqual(['done', 'failed', 'queued', 'queued']);
    expect(imported.checkpoints).toHaveLength(4);
    // The values that need care made it through as such.
    const [point] = imported.checkpoints as Record<string, unknown>[];
    expect(point).toMatchObject({ kappa: Number.NaN, kappa_t_windowed: Number.NEGATIVE_INFINITY, instances_per_s: Number.POSITIVE_INFINITY, auc: 0.1 + 0.2 });
    expect((imported.jobs as Record<string, unknown>[]).map((j) => j.cap_reason)).toEqual(['', 'slow, "very"', null, null]);
    expect((imported.results as Record<string, unknown>[])[0]).toMatchObject({ drift_positions: null, kappa_m: Number.NaN, classes: '["no","yes, \\"quoted\\""]' });

    const again = await target.importFrom(join(dir, 'export'));
    expect(again).toEqual({ runs: [{ exportedRunId: 1, runId: 1, added: false }], jobs: { added: 0, updated: 0, kept: 4 }, results: 0, checkpoints: 0, environment: 0 });
    expect(await contents(target)).toEqual(imported);
  });

  it('writes JSON that JSON.parse reads, NaN and infinities as null, and CSV that keeps them', async () => {
    const db = await freshDb();
    await partRun(db);
    await db.exportTo(join(dir, 'json'), 1);
    const points = JSON.parse(readFileSync(join(dir, 'json', 'checkpoints.json'), 'utf8')) as Record<string, unknown>[];
    expect(points.map((p) => [p.learner, p.instances])).toEqual([['a', 100], ['a', 200], ['b', 100], ['c', 100]]);
    expect(points[0]).toMatchObject({ accuracy: 0.6, kappa: null, kappa_t_windowed: null, instances_per_s: null, auc: 0.1 + 0.2 });
    const results = JSON.parse(readFileSync(join(dir, 'json', 'results.json'), 'utf8')) as Record<string, unknown>[];
    expect(results[0]).toMatchObject({ learner: 'a', accuracy: 0.7, kappa_m: null, accuracy_windowed: 1 / 3 });
    for (const table of ['runs', 'jobs', 'environment']) expect(() => JSON.parse(readFileSync(join(dir, 'json', `${table}.json`), 'utf8'))).not.toThrow();
    const csv = join(dir, 'json', 'checkpoints.csv');
    expect(await db.query(`SELECT kappa, kappa_t_windowed, instances_per_s FROM read_csv('${csv}', all_varchar = true) LIMIT 1`)).toEqual([
      { kappa: 'nan', kappa_t_windowed: '-inf', instances_per_s: 'inf' },
    ]);
  });

  it('takes a job from the export only when it got further than the stored one, in either import order, duplicating nothing', async () => {
    const source = await freshDb();
    const { runId, ids } = await partRun(source);
    await source.exportTo(join(dir, 'early'), runId);
    // The source goes on: c finishes (its checkpoint at 100 again, from a second attempt), d fails.
    await source.startJob(ids.c);
    await source.addCheckpoint(ids.c, 2, checkpoint(100, 0.45));
    await source.finishJob(ids.c, runId, summary(100, 0.45, [50]));
    await source.failJob(ids.d, 'timeout', { code: 'TIMEOUT', message: 'over 60 s' });
    await source.exportTo(join(dir, 'late'), runId);
    const final = asImported(await contents(source));

    const forward = await freshDb();
    await forward.importFrom(join(dir, 'early'));
    const later = await forward.importFrom(join(dir, 'late'));
    expect(later.jobs).toEqual({ added: 0, updated: 2, kept: 2 });
    expect(await contents(forward)).toEqual(final);

    const backward = await freshDb();
    await backward.importFrom(join(dir, 'late'));
    const older = await backward.importFrom(join(dir, 'early'));
    expect(older).toMatchObject({ jobs: { added: 0, updated: 0, kept: 4 }, results: 0, checkpoints: 0 });
    expect(await contents(backward)).toEqual(final);
  });

  it('requeues a done job whose result the export lacks, and refuses an export of another config without changing anything', async () => {
    const source = await freshDb();
    await partRun(source);
    await source.exportTo(join(dir, 'cut'), 1);
    // An export cut off between files: the job list says done, the results file is older.
    const results = readFileSync(join(dir, 'cut', 'results.csv'), 'utf8');
    writeFileSync(join(dir, 'cut', 'results.csv'), `${results.split('\n')[0]}\n`);
    const target = await freshDb();
    await expect(target.importFrom(join(dir, 'cut'), { config: parseBenchConfig('name: other\nlearners: [a]\nstreams: [s]\n') })).rejects.toThrow(
      /export holds run 1 of config "unit", not of config "other"/,
    );
    expect(await target.query('SELECT * FROM runs')).toEqual([]);
    await target.importFrom(join(dir, 'cut'), { config: loaded });
    const statuses = await target.query<{ job_key: string; status: string }>('SELECT job_key, status FROM jobs ORDER BY job_key');
    expect(statuses.map((j) => j.status)).toEqual(['queued', 'failed', 'queued', 'queued']);
    expect(await target.query('SELECT * FROM results')).toEqual([]);
  });

  it('imports an export written before runs carried their config: the config given if it is the one that ran, else a stand-in', async () => {
    const source = await freshDb();
    await partRun(source);
    await source.exportTo(join(dir, 'old'), 1);
    const runsCsv = join(dir, 'old', 'runs.csv');
    await source.query(`COPY (SELECT * EXCLUDE (config_text, config_json) FROM read_csv('${runsCsv}', all_varchar = true)) TO '${runsCsv}.old' (HEADER)`);
    writeFileSync(runsCsv, readFileSync(`${runsCsv}.old`));

    const same = await freshDb();
    await same.importFrom(join(dir, 'old'), { config: loaded });
    expect(await same.query('SELECT config_hash, config_text, CAST(config_json AS VARCHAR) AS config_json FROM runs')).toEqual([
      { config_hash: loaded.hash, config_text: loaded.text, config_json: JSON.stringify(loaded.config) },
    ]);
    const none = await freshDb();
    await none.importFrom(join(dir, 'old'));
    expect(await none.query('SELECT config_text, CAST(config_json AS VARCHAR) AS config_json FROM runs')).toEqual([{ config_text: '', config_json: '{"name":"unit"}' }]);
    // The jobs came through all the same.
    expect((await contents(none)).results).toEqual((await contents(source)).results);
    expect((await contents(none)).checkpoints).toEqual((await contents(source)).checkpoints);
  });
});
