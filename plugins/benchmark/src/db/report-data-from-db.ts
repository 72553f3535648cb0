import { STANDARD_METRICS, TributaryError } from '@tributary/core';
import { BENCH_METRICS } from '../config/bench-config.js';
import { wildcardMatch } from '../config/expand-jobs.js';
import type { ReportCurve, ReportData, ReportMetric, ReportResult, ReportRunStatus } from '../report/report-data.js';
import { implementationAgreement } from './implementation-agreement.js';
import type { ResultsDb } from './results-db.js';

/** Labels of the metrics the evaluator computes, for tables and axes. */
const METRIC_LABELS: Record<string, string> = {
  accuracy: 'Accuracy',
  kappa: 'Kappa',
  kappa_m: 'Kappa-M',
  kappa_t: 'Kappa-T',
  f1_macro: 'Macro F1',
  log_loss: 'Log loss',
  auc: 'AUC',
};

const FINAL_STATUSES: readonly ReportRunStatus[] = ['done', 'failed', 'timeout', 'budget'];

/** Options of {@link reportDataFromDb}. */
export interface ReportDataOptions {
  /** Run to report (default: the latest). */
  runId?: number;
  /** Page title (default: from the config's name). */
  title?: string;
  /** Only these implementations (`native`, `river`, `moa`, ...); default all. */
  implementations?: string[];
  /** Only learners whose label matches one of these `*` patterns; default all. */
  learners?: string[];
}

interface JobRow {
  job_id: number;
  learner: string;
  implementation: string;
  stream: string;
  seed: number;
  status: string;
  error: string | null;
  cap_reason: string | null;
  max_instances: number | null;
  [column: string]: unknown;
}

/**
 * Converts one run of the results database into the report's input: the final
 * metrics of every job that ended (done, or the last checkpoint of one that
 * failed, timed out or went over budget), the windowed curves from the
 * checkpoints, the streams' drift positions and the environment. A learner
 * labelled `name@implementation` (as the generated configs do) is reported as
 * `name` run by that implementation, so native and reference runs line up.
 */
export async function reportDataFromDb(db: ResultsDb, options: ReportDataOptions = {}): Promise<ReportData> {
  const runId = options.runId ?? (await db.latestRun())?.runId;
  const exists = runId !== undefined && (await db.query('SELECT 1 FROM runs WHERE run_id = $1', [runId])).length > 0;
  if (runId === undefined || !exists) {
    throw new TributaryError('CONFIG_ERROR', options.runId === undefined ? `results database "${db.path}" holds no run` : `results database "${db.path}" has no run ${options.runId}`);
  }
  const [runRow] = await db.query<{ name: string | null; config_json: string; workers: number; started_at: string; finished_at: string | null; status: string }>(
    'SELECT name, CAST(config_json AS VARCHAR) AS config_json, workers, CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS finished_at, status FROM runs WHERE run_id = $1',
    [runId],
  );
  const config = JSON.parse(runRow.config_json) as { name?: string; metrics?: string[] };

  const metricIds = (config.metrics?.length ? config.metrics : [...BENCH_METRICS]).filter((m) => (BENCH_METRICS as readonly string[]).includes(m));
  const metrics: ReportMetric[] = metricIds.map((id) => ({
    id,
    label: METRIC_LABELS[id] ?? id,
    higherIsBetter: STANDARD_METRICS.find((m) => m.id === id)?.higherIsBetter ?? id !== 'log_loss',
  }));

  const finalColumns = BENCH_METRICS.map((m) => `coalesce(r.${m}, c.${m}) AS ${m}`).join(', ');
  const allJobs = await db.query<JobRow>(
    `WITH last AS (
       SELECT * FROM checkpoints QUALIFY row_number() OVER (PARTITION BY job_id ORDER BY instances DESC) = 1
     )
     SELECT j.job_id, j.learner, j.implementation, j.stream, j.seed, j.status, j.error, j.cap_reason, j.max_instances,
            ${finalColumns},
            coalesce(r.cpu_s, c.predict_cpu_s + c.learn_cpu_s) AS cpu_s,
            coalesce(r.wall_s, c.wall_s) AS wall_s,
            coalesce(r.model_bytes, c.model_bytes) AS model_bytes,
            coalesce(r.instances, c.instances, 0) AS instances,
            CAST(r.drift_positions AS VARCHAR) AS drift_positions
     FROM jobs j LEFT JOIN results r USING (job_id) LEFT JOIN last c USING (job_id)
     WHERE j.run_id = $1 AND NOT j.retired AND j.status IN (${FINAL_STATUSES.map((s) => `'${s}'`).join(', ')})
     ORDER BY j.job_index`,
    [runId],
  );

  const included = (job: JobRow) =>
    (!options.implementations || options.implementations.includes(job.implementation)) &&
    (!options.learners || options.learners.some((pattern) => wildcardMatch(pattern, job.learner)));
  const jobs = allJobs.filter(included);
  const results: ReportResult[] = [];
  const driftPositions: Record<string, number[]> = {};
  const names = new Map<number, { learner: string; implementation: string }>();
  for (const job of jobs) {
    const name = reportedLearner(job.learner, job.implementation);
    names.set(job.job_id, name);
    const values: Record<string, number> = {};
    for (const id of metricIds) {
      const value = job[id];
      if (typeof value === 'number') values[id] = value;
    }
    results.push({
      ...name,
      stream: job.stream,
      seed: job.seed,
      status: job.status as ReportRunStatus,
      ...(job.error ? { error: job.error } : {}),
      metrics: values,
      cpuSeconds: numberOr(job.cpu_s, NaN),
      wallSeconds: numberOr(job.wall_s, NaN),
      memoryBytes: numberOr(job.model_bytes, NaN),
      instances: numberOr(job.instances, 0),
    });
    if (typeof job.drift_positions === 'string' && !driftPositions[job.stream]) driftPositions[job.stream] = JSON.parse(job.drift_positions) as number[];
  }

  const points = await db.query<Record<string, number>>(
    `SELECT c.job_id, c.instances, ${metricIds.map((m) => `c.${m}_windowed AS ${m}`).join(', ')}
     FROM checkpoints c JOIN jobs j USING (job_id)
     WHERE j.run_id = $1 AND NOT j.retired AND j.status IN (${FINAL_STATUSES.map((s) => `'${s}'`).join(', ')})
     ORDER BY j.job_index, c.instances`,
    [runId],
  );
  const curves: ReportCurve[] = [];
  const curveOf = new Map<number, ReportCurve>();
  for (const point of points) {
    if (!names.has(point.job_id)) continue;
    let curve = curveOf.get(point.job_id);
    if (!curve) {
      const job = jobs.find((j) => j.job_id === point.job_id)!;
      curve = { ...names.get(point.job_id)!, stream: job.stream, seed: job.seed, points: [] };
      curveOf.set(point.job_id, curve);
      curves.push(curve);
    }
    const values: Record<string, number> = {};
    for (const id of metricIds) if (typeof point[id] === 'number') values[id] = point[id];
    curve.points.push({ instances: point.instances, metrics: values });
  }

  const agreement = (await implementationAgreement(db, { runId, implementations: options.implementations })).filter(
    (row) => !options.learners || options.learners.some((pattern) => wildcardMatch(pattern, row.algorithm) || wildcardMatch(pattern, `${row.algorithm}@${row.reference}`)),
  );

  return {
    title: options.title ?? `Tributary benchmark: ${config.name ?? runRow.name ?? `run ${runId}`}`,
    generatedAt: new Date().toISOString(),
    environment: await environmentTable(db, runId, runRow, jobs),
    metrics,
    results,
    curves,
    driftPositions,
    agreement,
  };
}

/** `hoeffding-tree@moa` run by MOA is `hoeffding-tree` (moa); any other label stays as it is. */
export function reportedLearner(label: string, implementation: string): { learner: string; implementation: string } {
  const suffix = `@${implementation}`;
  return { learner: label.endsWith(suffix) ? label.slice(0, -suffix.length) : label, implementation };
}

async function environmentTable(
  db: ResultsDb,
  runId: number,
  run: { workers: number; started_at: string; finished_at: string | null; status: string },
  jobs: JobRow[],
): Promise<Record<string, string>> {
  const [env] = await db.query<Record<string, string | number | null>>(
    `SELECT tributary, node, river, moa, python, java, os, cpu, cpu_count, memory_bytes, CAST(details AS VARCHAR) AS details
     FROM environment WHERE run_id = $1 ORDER BY recorded_at DESC LIMIT 1`,
    [runId],
  );
  const [counts] = await db.query<{ total: number; done: number; failed: number; timeout: number; budget: number; unfinished: number }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'done') AS done, count(*) FILTER (WHERE status = 'failed') AS failed,
            count(*) FILTER (WHERE status = 'timeout') AS timeout, count(*) FILTER (WHERE status = 'budget') AS budget,
            count(*) FILTER (WHERE status IN ('queued', 'running')) AS unfinished
     FROM jobs WHERE run_id = $1 AND NOT retired`,
    [runId],
  );
  const table: Record<string, string> = {};
  const put = (key: string, value: unknown) => {
    if (value !== null && value !== undefined && value !== '') table[key] = String(value);
  };
  if (env) {
    put('Tributary', env.tributary);
    put('Node.js', env.node);
    put('River', env.river);
    put('MOA', env.moa);
    put('Python', env.python);
    put('Java', env.java);
    put('OS', env.os);
    put('CPU', env.cpu_count ? `${env.cpu} (${env.cpu_count} logical)` : env.cpu);
    if (typeof env.memory_bytes === 'number') put('Memory', `${(env.memory_bytes / 2 ** 30).toFixed(1)} GiB`);
    try {
      put('DuckDB', (JSON.parse(String(env.details)) as { duckdb?: string }).duckdb);
    } catch {
      // details are optional
    }
  }
  put('Workers', run.workers);
  put('Run', `${run.status}; started ${run.started_at}${run.finished_at ? `, finished ${run.finished_at}` : ''}`);
  put('Jobs', `${counts.total}: ${counts.done} done, ${counts.failed} failed, ${counts.timeout} timed out, ${counts.budget} over budget, ${counts.unfinished} not run yet`);
  const caps = new Map<string, Set<string>>();
  for (const job of jobs) {
    if (!job.cap_reason) continue;
    const set = caps.get(job.cap_reason) ?? new Set<string>();
    set.add(job.learner);
    caps.set(job.cap_reason, set);
  }
  let i = 0;
  for (const [reason, learners] of caps) put(`Cap ${++i}`, `${[...learners].join(', ')}: ${reason}`);
  return table;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
