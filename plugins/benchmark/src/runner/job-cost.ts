import { listStreams } from '@tributary/streams';
import type { BenchJob } from '../config/expand-jobs.js';
import type { ResultsDb } from '../db/results-db.js';

/** One finished job's cost: what the cost model is fitted to. */
export interface FinishedJobCost {
  learner: string;
  stream: string;
  instances: number;
  cpuSeconds: number;
}

/**
 * CPU seconds per instance as a learner effect times a stream effect, fitted on
 * the log scale: log(cpu / instances) = learner + stream. The stream effect
 * carries what makes a stream costly for every learner (its width, its classes),
 * so a reference learner seen only on small streams is priced on a large one
 * from what the native learners paid there.
 */
export interface CostModel {
  /** Expected CPU seconds per instance of `learner` on `stream` (typical values stand in for unseen ones). */
  perInstance(learner: string, stream: string): number;
  /** Whether any finished job was fitted. */
  readonly fitted: boolean;
}

// Per-instance costs below this are timer noise (a job of a few instances at 0 s).
const FLOOR_SECONDS_PER_INSTANCE = 1e-8;
const MAX_SWEEPS = 200;
const TOLERANCE = 1e-9;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function meanBy(observations: readonly { key: string; value: number }[]): Map<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const { key, value } of observations) {
    const entry = sums.get(key) ?? { sum: 0, n: 0 };
    entry.sum += value;
    entry.n++;
    sums.set(key, entry);
  }
  return new Map([...sums].map(([key, { sum, n }]) => [key, sum / n]));
}

/**
 * Fits the two effects by backfitting (alternating group means of the partial
 * residuals), then centres the stream effects so an unseen stream counts as a
 * typical one; an unseen learner gets the median learner effect. Predictions are
 * multiplied by Duan's smearing factor (mean of exp(residual)), since the exp of
 * a mean log cost underestimates the mean cost.
 */
export function fitCostModel(jobs: readonly FinishedJobCost[]): CostModel {
  const observations = jobs
    .filter((j) => j.instances > 0 && Number.isFinite(j.cpuSeconds))
    .map((j) => ({ learner: j.learner, stream: j.stream, y: Math.log(Math.max(j.cpuSeconds / j.instances, FLOOR_SECONDS_PER_INSTANCE)) }));
  if (observations.length === 0) return { perInstance: () => 1, fitted: false };
  let learnerEffect = new Map<string, number>();
  let streamEffect = new Map(observations.map((o) => [o.stream, 0]));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    learnerEffect = meanBy(observations.map((o) => ({ key: o.learner, value: o.y - streamEffect.get(o.stream)! })));
    const next = meanBy(observations.map((o) => ({ key: o.stream, value: o.y - learnerEffect.get(o.learner)! })));
    let change = 0;
    for (const [stream, value] of next) change = Math.max(change, Math.abs(value - streamEffect.get(stream)!));
    streamEffect = next;
    if (change < TOLERANCE) break;
  }
  const centre = [...streamEffect.values()].reduce((a, b) => a + b, 0) / streamEffect.size;
  for (const [stream, value] of streamEffect) streamEffect.set(stream, value - centre);
  for (const [learner, value] of learnerEffect) learnerEffect.set(learner, value + centre);
  const residuals = observations.map((o) => o.y - learnerEffect.get(o.learner)! - streamEffect.get(o.stream)!);
  const smearing = residuals.reduce((sum, r) => sum + Math.exp(r), 0) / residuals.length;
  const typicalLearner = median([...learnerEffect.values()])!;
  return {
    fitted: true,
    perInstance: (learner, stream) => Math.exp((learnerEffect.get(learner) ?? typicalLearner) + (streamEffect.get(stream) ?? 0)) * smearing,
  };
}

/** A finished job's cost with what scripts group and split it by. */
export interface FinishedJob extends FinishedJobCost {
  implementation: string;
  /** When it finished, as DuckDB prints a TIMESTAMP (sorts as time does). */
  finishedAt: string;
}

/** The costs of the jobs finished so far, for {@link fitCostModel}. */
export async function finishedJobCosts(db: ResultsDb): Promise<FinishedJob[]> {
  const rows = await db.query<{ learner: string; implementation: string; stream: string; instances: number; cpu_s: number; finished_at: string }>(
    `SELECT j.learner, j.implementation, j.stream, r.instances, r.cpu_s, CAST(j.finished_at AS VARCHAR) AS finished_at
     FROM jobs j JOIN results r USING (job_id)
     WHERE j.status = 'done' AND r.instances > 0 AND r.cpu_s IS NOT NULL`,
  );
  return rows.map((r) => ({
    learner: r.learner,
    implementation: r.implementation,
    stream: r.stream,
    instances: Number(r.instances),
    cpuSeconds: Number(r.cpu_s),
    finishedAt: r.finished_at,
  }));
}

/** Instances per stream name, for the streams whose length is known (shared datasets, suite scenarios). */
export async function streamLengths(): Promise<Map<string, number>> {
  try {
    return new Map((await listStreams()).filter((s) => s.rows !== undefined).map((s) => [s.id, s.rows!]));
  } catch {
    return new Map(); // no datasets folder: lengths come from the jobs' caps only
  }
}

/** The instances a job will see: its stream's length, or its cap when smaller; undefined when neither is known. */
export function jobInstances(job: Pick<BenchJob, 'stream' | 'streamSpec' | 'maxInstances'>, lengths: ReadonlyMap<string, number>): number | undefined {
  const length = lengths.get(job.stream) ?? lengths.get(job.streamSpec);
  return length === undefined ? job.maxInstances : Math.min(length, job.maxInstances ?? Infinity);
}

/**
 * Expected CPU seconds of each job, by key: the model's cost per instance of
 * its learner on its stream × the instances it will see (a stream of unknown
 * length counts the median length). With no history every job weighs the same.
 */
export function expectedJobSeconds(jobs: readonly BenchJob[], model: CostModel, lengths: ReadonlyMap<string, number>): Map<string, number> {
  const fallbackInstances = median(jobs.map((job) => jobInstances(job, lengths)).filter((n): n is number => n !== undefined)) ?? 1;
  return new Map(
    jobs.map((job) => [job.key, model.fitted ? model.perInstance(job.learner, job.stream) * (jobInstances(job, lengths) ?? fallbackInstances) : 1]),
  );
}
