// Reads a benchmark export directory (its CSV files) into the
// per-(learner, stream) cells the AutoML analysis compares.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultsDb } from '../src/index.js';

export interface ResultRow {
  job_id: number;
  learner: string;
  stream: string;
  seed: number;
  status: string;
  instances: number;
  max_instances: number | null;
  accuracy: number;
  kappa: number;
  cpu_s: number;
  peak_rss_bytes: number | null;
  model_bytes: number | null;
  drift_positions: number[] | null;
}

export interface CheckpointRow {
  job_id: number;
  attempt: number;
  instances: number;
  accuracy: number;
  kappa: number;
  predict_cpu_s: number;
  learn_cpu_s: number;
}

export interface JobRow {
  job_id: number;
  learner: string;
  stream: string;
  status: string;
  max_instances: number | null;
  error: string | null;
}

export interface AutomlExport {
  dir: string;
  results: ResultRow[];
  jobs: JobRow[];
  /** Checkpoints of each job (one per position: a rerun replaces them), ordered by instances. */
  checkpointsByJob: Map<number, CheckpointRow[]>;
}

/**
 * Reads an export folder (the CSV files `--export` writes) through a scratch database, so the
 * committed export is read by the same import that `--from-export` uses.
 */
export async function loadAutomlExport(dir: string): Promise<AutomlExport> {
  const scratch = mkdtempSync(join(tmpdir(), 'tributary-automl-'));
  const db = await ResultsDb.open(join(scratch, 'grid.duckdb'));
  try {
    await db.importFrom(dir);
    const results = await db.query<ResultRow & { drift_positions: string | null }>(
      `SELECT r.job_id, j.learner, j.stream, j.seed, j.status, r.instances, j.max_instances, r.accuracy, r.kappa, r.cpu_s,
              r.peak_rss_bytes, r.model_bytes, CAST(r.drift_positions AS VARCHAR) AS drift_positions
       FROM results r JOIN jobs j USING (job_id) WHERE j.status = 'done' AND NOT j.retired ORDER BY j.job_index`,
    );
    const jobs = await db.query<JobRow>(`SELECT job_id, learner, stream, status, max_instances, error FROM jobs WHERE NOT retired ORDER BY job_index`);
    const checkpoints = await db.query<CheckpointRow>(
      `SELECT job_id, attempt, instances, accuracy, kappa, predict_cpu_s, learn_cpu_s FROM checkpoints ORDER BY job_id, instances`,
    );
    const checkpointsByJob = new Map<number, CheckpointRow[]>();
    for (const c of checkpoints) {
      const list = checkpointsByJob.get(c.job_id) ?? [];
      list.push(c);
      checkpointsByJob.set(c.job_id, list);
    }
    return {
      dir,
      results: results.map((r) => ({ ...r, drift_positions: r.drift_positions ? (JSON.parse(r.drift_positions) as number[]) : null })),
      jobs,
      checkpointsByJob,
    };
  } finally {
    await db.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Learners in config order (first appearance among the jobs). */
export function learnersOf(data: AutomlExport): string[] {
  return [...new Set(data.jobs.map((j) => j.learner))];
}

/** Streams on which every one of `learners` has finished every job (all seeds). */
export function completeStreams(data: AutomlExport, learners: readonly string[]): { complete: string[]; incomplete: string[] } {
  const streams = [...new Set(data.jobs.map((j) => j.stream))];
  const wanted = new Set(learners);
  const complete: string[] = [];
  const incomplete: string[] = [];
  for (const s of streams) {
    const jobs = data.jobs.filter((j) => j.stream === s && wanted.has(j.learner));
    (jobs.length > 0 && jobs.every((j) => j.status === 'done') ? complete : incomplete).push(s);
  }
  return { complete, incomplete };
}

/** Finished results of one learner on one stream (one per seed). */
export function resultsOf(data: AutomlExport, learner: string, stream: string): ResultRow[] {
  return data.results.filter((r) => r.learner === learner && r.stream === stream);
}

/**
 * A cumulative metric after the first `prefix` instances of a job: the checkpoint at exactly
 * `prefix`, or the final result when the job ended before it (short streams).
 */
export function metricAtPrefix(data: AutomlExport, row: ResultRow, metric: 'accuracy' | 'kappa' | 'cpu_s', prefix: number): number {
  if (row.instances <= prefix) return row[metric];
  const checkpoint = data.checkpointsByJob.get(row.job_id)?.find((c) => c.instances === prefix);
  if (!checkpoint) throw new Error(`job ${row.job_id} (${row.learner} × ${row.stream} #${row.seed}) has no checkpoint at ${prefix} instances; use a multiple of the checkpoint interval`);
  return metric === 'cpu_s' ? checkpoint.predict_cpu_s + checkpoint.learn_cpu_s : checkpoint[metric];
}

/**
 * Accuracy over instances (from, to] of a job, from the cumulative accuracies at two checkpoints
 * (exact: cumulative accuracy × instances is the count of correct predictions).
 */
export function segmentAccuracy(data: AutomlExport, row: ResultRow, from: number, to: number): number | undefined {
  const list = data.checkpointsByJob.get(row.job_id) ?? [];
  const correctAt = (n: number): number | undefined => {
    if (n === 0) return 0;
    const checkpoint = list.find((c) => c.instances === n);
    return checkpoint ? checkpoint.accuracy * n : undefined;
  };
  const a = correctAt(from);
  const b = correctAt(to);
  return a === undefined || b === undefined ? undefined : (b - a) / (to - from);
}
