import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointRecord, RunSummary } from '@tributary/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BenchJob } from '../config/expand-jobs.js';
import { parseBenchConfig } from '../config/load-bench-config.js';
import { implementationAgreement } from './implementation-agreement.js';
import { reportDataFromDb } from './report-data-from-db.js';
import { ResultsDb } from './results-db.js';

const loaded = parseBenchConfig('name: unit\nlearners: [a]\nstreams: [s]\n');

function checkpoint(instances: number, accuracy: number): CheckpointRecord {
  return {
    type: 'checkpoint', runId: 'x', instances, cumulative: { accuracy }, windowed: { accuracy },
    predictCpuSeconds: 0, learnCpuSeconds: 0, wallSeconds: 0, instancesPerSecond: 1, model: { sizeBytes: 1 }, peakRssBytes: 1,
  };
}

function summary(instances: number, accuracy: number): RunSummary {
  return {
    type: 'summary', runId: 'x', learner: 'l', implementation: 'native', params: {}, stream: 's', seed: 1, instances, windowSize: 10,
    cumulative: { accuracy }, windowed: { accuracy }, predictCpuSeconds: 0, learnCpuSeconds: 0, cpuSeconds: 0, wallSeconds: 1,
    instancesPerSecond: instances, model: { sizeBytes: 1 }, peakRssBytes: 1, classes: ['a', 'b'], driftPositions: [],
    startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z',
  };
}

/** One job: its label, implementation, stream, seed, and (when it finished) its checkpoints and final accuracy. */
interface Planned { learner: string; implementation: string; stream: string; seed: number; checkpoints?: [number, number][]; final?: [number, number] }

describe('implementationAgreement', () => {
  let db: ResultsDb;
  beforeEach(async () => {
    db = await ResultsDb.open(join(mkdtempSync(join(tmpdir(), 'tributary-agreement-')), 'r.duckdb'));
  });
  afterEach(async () => {
    await db.close();
  });

  async function store(planned: Planned[]): Promise<void> {
    const runId = await db.createRun(loaded, 1);
    const jobs: BenchJob[] = planned.map((p, index) => ({
      key: `${p.learner}|${p.stream}|${p.seed}`, index, learner: p.learner, learnerId: p.learner, params: {}, implementation: p.implementation, stream: p.stream, streamSpec: p.stream, seed: p.seed,
    }));
    const stored = await db.syncJobs(runId, jobs);
    for (const [i, p] of planned.entries()) {
      if (!p.final) continue;
      const jobId = stored.get(jobs[i].key)!.jobId;
      const attempt = await db.startJob(jobId);
      for (const [instances, accuracy] of p.checkpoints ?? []) await db.addCheckpoint(jobId, attempt, checkpoint(instances, accuracy));
      await db.finishJob(jobId, runId, summary(...p.final));
    }
  }

  it('averages seeds then streams, reads native at the checkpoint of a capped reference, and skips unfinished or unmatched streams', async () => {
    await store([
      // Whole-stream comparison over two seeds and two streams.
      { learner: 'arf(ensembleSize=10)', implementation: 'native', stream: 's', seed: 1, checkpoints: [[50, 0.7], [100, 0.8]], final: [100, 0.8] },
      { learner: 'arf(ensembleSize=10)', implementation: 'native', stream: 's', seed: 2, checkpoints: [[50, 0.6], [100, 0.9]], final: [100, 0.9] },
      { learner: 'arf(ensembleSize=10)', implementation: 'native', stream: 't', seed: 1, checkpoints: [[60, 0.5]], final: [60, 0.5] },
      { learner: 'arf@moa', implementation: 'moa', stream: 's', seed: 1, final: [100, 0.7] },
      { learner: 'arf@moa', implementation: 'moa', stream: 's', seed: 2, final: [100, 0.8] },
      { learner: 'arf@moa', implementation: 'moa', stream: 't', seed: 1, final: [60, 0.5] },
      // River capped at 50 on s: set against native's checkpoint at 50 (mean 0.65), not its final 0.85.
      { learner: 'arf@river', implementation: 'river', stream: 's', seed: 1, final: [50, 0.55] },
      // Capped at 30 on t, where native has no checkpoint at 30: left out.
      { learner: 'arf@river', implementation: 'river', stream: 't', seed: 1, final: [30, 0.9] },
      // MOA's naive Bayes has not finished: no row.
      { learner: 'naive-bayes', implementation: 'native', stream: 's', seed: 1, final: [100, 0.6] },
      { learner: 'naive-bayes@moa', implementation: 'moa', stream: 's', seed: 1 },
    ]);
    const rows = await implementationAgreement(db);
    expect(rows.map((r) => `${r.algorithm}@${r.reference}`)).toEqual(['arf@moa', 'arf@river']);
    const [moa, river] = rows;
    expect(moa).toMatchObject({ streams: 2, cappedStreams: 0 });
    expect(moa.nativeAccuracy).toBeCloseTo((0.85 + 0.5) / 2, 12);
    expect(moa.referenceAccuracy).toBeCloseTo((0.75 + 0.5) / 2, 12);
    expect(moa.widestGap!.stream).toBe('s');
    expect(moa.widestGap!.difference).toBeCloseTo(0.1, 12);
    expect(river).toMatchObject({ streams: 1, cappedStreams: 1 });
    expect(river.nativeAccuracy).toBeCloseTo(0.65, 12);
    expect(river.referenceAccuracy).toBeCloseTo(0.55, 12);
    // Restricted to native and MOA, River's row goes.
    expect((await implementationAgreement(db, { implementations: ['native', 'moa'] })).map((r) => r.reference)).toEqual(['moa']);
    // The report carries the same rows, filtered like its results.
    expect((await reportDataFromDb(db)).agreement).toEqual(rows);
    expect((await reportDataFromDb(db, { learners: ['naive*'] })).agreement).toEqual([]);
  });

  it('reports no gap when the implementations agree exactly', async () => {
    await store([
      { learner: 'hoeffding-tree', implementation: 'native', stream: 's', seed: 1, final: [10, 0.75] },
      { learner: 'hoeffding-tree@moa', implementation: 'moa', stream: 's', seed: 1, final: [10, 0.75] },
    ]);
    const [row] = await implementationAgreement(db);
    expect(row).toEqual({ algorithm: 'hoeffding-tree', reference: 'moa', streams: 1, cappedStreams: 0, nativeAccuracy: 0.75, referenceAccuracy: 0.75, widestGap: null });
  });
});
