import { listStreams } from '@tributary/streams';
import type { BenchJob } from '../config/expand-jobs.js';
import type { ResultsDb } from '../db/results-db.js';

/** Each learner's CPU seconds per instance over its finished jobs (those finished before `before`, when given). */
export async function learnerRates(db: ResultsDb, before?: string): Promise<Map<string, number>> {
  const rows = await db.query<{ learner: string; per_instance: number }>(
    `SELECT j.learner, sum(r.cpu_s) / sum(r.instances) AS per_instance
     FROM jobs j JOIN results r USING (job_id)
     WHERE j.status = 'done' AND r.instances > 0 AND ($1 IS NULL OR j.finished_at < CAST($1 AS TIMESTAMP))
     GROUP BY j.learner`,
    [before ?? null],
  );
  return new Map(rows.map((r) => [r.learner, Number(r.per_instance)]));
}

/** Instances per stream name, for the streams whose length is known (shared datasets, suite scenarios). */
export async function streamLengths(): Promise<Map<string, number>> {
  try {
    return new Map((await listStreams()).filter((s) => s.rows !== undefined).map((s) => [s.id, s.rows!]));
  } catch {
    return new Map(); // no datasets folder: lengths come from the jobs' caps only
  }
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Expected CPU seconds of each job, by key: its learner's rate × the instances it
 * will see (the stream's length, or its cap when smaller). A learner with no
 * finished job gets the median rate, a stream of unknown length the median
 * length; with no history at all every job weighs the same. Only relative
 * sizes are trusted: the display scales them by the speed the session shows.
 */
export function expectedJobSeconds(jobs: readonly BenchJob[], rates: ReadonlyMap<string, number>, lengths: ReadonlyMap<string, number>): Map<string, number> {
  const instancesOf = (job: BenchJob) => {
    const length = lengths.get(job.stream) ?? lengths.get(job.streamSpec);
    return length === undefined ? job.maxInstances : Math.min(length, job.maxInstances ?? Infinity);
  };
  const fallbackInstances = median(jobs.map(instancesOf).filter((n): n is number => n !== undefined)) ?? 1;
  const fallbackRate = median([...rates.values()].filter((r) => Number.isFinite(r) && r > 0)) ?? 1;
  return new Map(
    jobs.map((job) => {
      const rate = rates.get(job.learner);
      const seconds = (rate !== undefined && Number.isFinite(rate) && rate > 0 ? rate : fallbackRate) * (instancesOf(job) ?? fallbackInstances);
      return [job.key, seconds];
    }),
  );
}
