import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { TributaryError, type CheckpointRecord, type MetricValues, type RunSummary } from '@tributary/core';
import { BENCH_METRICS } from '../config/bench-config.js';
import type { LoadedBenchConfig } from '../config/bench-config.js';
import { canonicalJson } from '../config/load-bench-config.js';
import type { BenchJob } from '../config/expand-jobs.js';
import type { EnvironmentInfo } from '../environment.js';
import { writeExport } from './export-files.js';
import { importExportInto, type ImportOptions, type ImportSummary } from './import-export.js';
import { METRIC_COLUMNS, RESULTS_SCHEMA_SQL, RESULTS_SCHEMA_VERSION, type JobStatus } from './schema-sql.js';

/** A grid run as stored. */
export interface StoredRun {
  runId: number;
  name: string | null;
  configHash: string;
  configPath: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
}

/** A job as stored. */
export interface StoredJob {
  jobId: number;
  key: string;
  status: JobStatus;
  attempts: number;
}

/** What {@link ResultsDb.syncJobs} did to the stored jobs of a run. */
export interface JobChanges {
  /** Jobs stored with the same settings (left as they were). */
  kept: number;
  /** Jobs new to the run. */
  added: number;
  /** Jobs whose settings changed: their results were deleted and they run again. */
  reset: number;
  /** Jobs no longer in the grid (kept, hidden from exports and reports). */
  retired: number;
}

/** Error recorded with a job that did not finish normally. */
export interface JobError {
  code: string;
  message: string;
}

/**
 * The results database (DuckDB, one file). Only the grid's parent process
 * writes; every call runs in order on one connection, and each multi-statement
 * change is one transaction, so a kill at any moment leaves a consistent file.
 */
export class ResultsDb {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    /** Absolute path of the database file. */
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the database file and its tables. */
  static async open(path: string): Promise<ResultsDb> {
    const absolute = resolve(path);
    await mkdir(dirname(absolute), { recursive: true });
    let instance: DuckDBInstance;
    try {
      // One thread: the grid's workers already use the cores, the writer needs none of them.
      instance = await DuckDBInstance.create(absolute, { threads: '1' });
    } catch (e) {
      throw new TributaryError('IO_ERROR', `cannot open results database "${path}": ${(e as Error).message}`, { path });
    }
    const connection = await instance.connect();
    const db = new ResultsDb(absolute, instance, connection);
    await db.exclusive(async () => {
      await connection.run(RESULTS_SCHEMA_SQL);
      const reader = await connection.runAndReadAll(`SELECT value FROM meta WHERE key = 'schema_version'`);
      const rows = reader.getRowObjectsJS();
      if (rows.length === 0) {
        await connection.run(`INSERT INTO meta VALUES ('schema_version', $1)`, [String(RESULTS_SCHEMA_VERSION)]);
      } else if (Number(rows[0].value) !== RESULTS_SCHEMA_VERSION) {
        throw new TributaryError('UNSUPPORTED', `results database "${path}" has layout version ${String(rows[0].value)}; this Tributary reads version ${RESULTS_SCHEMA_VERSION}`);
      }
    });
    return db;
  }

  /** Runs `work` after every earlier call, alone on the connection. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const result = await work();
        await this.connection.run('COMMIT');
        return result;
      } catch (e) {
        await this.connection.run('ROLLBACK');
        throw e;
      }
    });
  }

  /** Runs a read-only query and returns rows as plain JS objects (BIGINT as number, JSON as text). */
  async query<T = Record<string, unknown>>(sql: string, values: DuckDBValue[] = []): Promise<T[]> {
    return this.exclusive(async () => {
      const reader = await this.connection.runAndReadAll(sql, values);
      return reader.getRowObjectsJS().map((row) => toPlain(row)) as T[];
    });
  }

  /** Creates a run for a config; returns its id. */
  async createRun(loaded: LoadedBenchConfig, workers: number): Promise<number> {
    return this.exclusive(async () => {
      const reader = await this.connection.runAndReadAll(
        `INSERT INTO runs (name, config_hash, config_path, config_text, config_json, workers, started_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, now(), 'running') RETURNING run_id`,
        [loaded.config.name ?? null, loaded.hash, loaded.path ?? null, loaded.text, JSON.stringify(loaded.config), workers],
      );
      return Number(reader.getRowObjectsJS()[0].run_id);
    });
  }

  /** The latest run, optionally only among runs of a config hash. */
  async latestRun(configHash?: string): Promise<StoredRun | undefined> {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT run_id, name, config_hash, config_path, status, CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS finished_at
       FROM runs ${configHash ? 'WHERE config_hash = $1' : ''} ORDER BY run_id DESC LIMIT 1`,
      configHash ? [configHash] : [],
    );
    return rows[0] ? toStoredRun(rows[0]) : undefined;
  }

  /** Marks a run running again (resume), records the worker count and, if it changed, the config. */
  async reopenRun(runId: number, workers: number, loaded?: LoadedBenchConfig): Promise<void> {
    await this.exclusive(async () => {
      await this.connection.run(`UPDATE runs SET status = 'running', finished_at = NULL, workers = $2 WHERE run_id = $1`, [runId, workers]);
      if (loaded) {
        await this.connection.run(`UPDATE runs SET config_hash = $2, config_path = $3, config_text = $4, config_json = $5 WHERE run_id = $1`, [
          runId, loaded.hash, loaded.path ?? null, loaded.text, JSON.stringify(loaded.config),
        ]);
      }
    });
  }

  /** The latest run whose config has this name (for resuming after the config changed). */
  async latestRunNamed(name: string): Promise<StoredRun | undefined> {
    const [row] = await this.query<{ run_id: number }>(`SELECT run_id FROM runs WHERE name = $1 ORDER BY run_id DESC LIMIT 1`, [name]);
    return row ? this.runById(row.run_id) : undefined;
  }

  /** A run by id. */
  async runById(runId: number): Promise<StoredRun | undefined> {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT run_id, name, config_hash, config_path, status, CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS finished_at FROM runs WHERE run_id = $1`,
      [runId],
    );
    return rows[0] ? toStoredRun(rows[0]) : undefined;
  }

  /** Sets a run's final status (`finished` or `interrupted`). */
  async finishRun(runId: number, status: 'finished' | 'interrupted'): Promise<void> {
    await this.exclusive(() => this.connection.run(`UPDATE runs SET status = $2, finished_at = now() WHERE run_id = $1`, [runId, status]));
  }

  /**
   * Brings the stored jobs of a run in line with a grid, in one transaction:
   * a job whose key and settings hash are stored is kept as it is (finished or
   * not); a stored key whose settings changed is reset (its checkpoints and
   * result deleted, queued again); new keys are inserted as `queued`; stored
   * jobs no longer in the grid are marked retired (kept, but left out of
   * exports and reports). Returns the grid's jobs as stored, and what changed.
   */
  async syncJobs(runId: number, jobs: readonly BenchJob[], settings: Record<string, unknown> = {}): Promise<Map<string, StoredJob> & { changes?: JobChanges }> {
    return this.transaction(async () => {
      const existing = new Map<string, { jobId: number; hash: string; retired: boolean }>();
      const before = await this.connection.runAndReadAll(`SELECT job_id, job_key, job_hash, retired FROM jobs WHERE run_id = $1`, [runId]);
      for (const row of before.getRowObjectsJS()) existing.set(String(row.job_key), { jobId: Number(row.job_id), hash: String(row.job_hash), retired: Boolean(row.retired) });
      const changes: JobChanges = { kept: 0, added: 0, reset: 0, retired: 0 };
      const inGrid = new Set<string>();
      for (const job of jobs) {
        inGrid.add(job.key);
        const hash = jobHash(job, settings);
        const fields = [
          job.index, job.learner, job.learnerId, JSON.stringify(job.params), job.implementation, job.stream, job.streamSpec, job.seed,
          job.maxInstances ?? null, job.timeSeconds ?? null, job.memoryMB ?? null, job.capReason ?? null, hash,
        ];
        const stored = existing.get(job.key);
        if (!stored) {
          await this.connection.run(
            `INSERT INTO jobs (job_index, learner, learner_id, params, implementation, stream, stream_spec, seed,
                               max_instances, time_budget_s, memory_budget_mb, cap_reason, job_hash, run_id, job_key, status)
             VALUES (${placeholders(fields.length + 2)}, 'queued')`,
            [...fields, runId, job.key],
          );
          changes.added++;
          continue;
        }
        // Budgets and labels may change without invalidating a result; the settings hash says when it would.
        await this.connection.run(
          `UPDATE jobs SET job_index = $1, learner = $2, learner_id = $3, params = $4, implementation = $5, stream = $6, stream_spec = $7, seed = $8,
                           max_instances = $9, time_budget_s = $10, memory_budget_mb = $11, cap_reason = $12, job_hash = $13, retired = false
           WHERE job_id = $14`,
          [...fields, stored.jobId],
        );
        if (stored.hash === hash) {
          changes.kept++;
          continue;
        }
        await this.clearJob(stored.jobId);
        changes.reset++;
      }
      for (const [key, stored] of existing) {
        if (inGrid.has(key) || stored.retired) continue;
        await this.connection.run(`UPDATE jobs SET retired = true WHERE job_id = $1`, [stored.jobId]);
        changes.retired++;
      }
      const reader = await this.connection.runAndReadAll(`SELECT job_id, job_key, status, attempts FROM jobs WHERE run_id = $1 AND NOT retired`, [runId]);
      const result = new Map<string, StoredJob>() as Map<string, StoredJob> & { changes?: JobChanges };
      for (const row of reader.getRowObjectsJS()) {
        result.set(String(row.job_key), { jobId: Number(row.job_id), key: String(row.job_key), status: String(row.status) as JobStatus, attempts: Number(row.attempts) });
      }
      result.changes = changes;
      return result;
    });
  }

  /**
   * Starts an attempt of a job: deletes what an interrupted attempt left
   * (checkpoints, result), sets it running and counts the attempt. Returns the attempt number.
   */
  async startJob(jobId: number): Promise<number> {
    return this.transaction(async () => {
      await this.connection.run(`DELETE FROM checkpoints WHERE job_id = $1`, [jobId]);
      await this.connection.run(`DELETE FROM results WHERE job_id = $1`, [jobId]);
      const reader = await this.connection.runAndReadAll(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = now(), finished_at = NULL, error = NULL, error_code = NULL
         WHERE job_id = $1 RETURNING attempts`,
        [jobId],
      );
      return Number(reader.getRowObjectsJS()[0].attempts);
    });
  }

  /** Stores one checkpoint (committed on its own as it arrives). */
  async addCheckpoint(jobId: number, attempt: number, record: CheckpointRecord): Promise<void> {
    const { fixed, other } = splitMetrics(record.cumulative, record.windowed);
    const values = [
      jobId, attempt, record.instances, ...fixed, other, record.predictCpuSeconds, record.learnCpuSeconds, record.wallSeconds,
      record.instancesPerSecond, modelBytes(record.model), JSON.stringify(record.model ?? {}), record.peakRssBytes,
    ];
    await this.exclusive(() =>
      this.connection.run(
        `INSERT INTO checkpoints (job_id, attempt, instances, ${METRIC_COLUMNS.join(', ')}, other_metrics, predict_cpu_s, learn_cpu_s, wall_s,
                                  instances_per_s, model_bytes, model, peak_rss_bytes)
         VALUES (${placeholders(values.length)})`,
        values,
      ),
    );
  }

  /** Stores a job's final summary and marks it done, in one transaction. */
  async finishJob(jobId: number, runId: number, summary: RunSummary): Promise<void> {
    const { fixed, other } = splitMetrics(summary.cumulative, summary.windowed);
    const values = [
      jobId, runId, summary.instances, summary.windowSize, ...fixed, other, summary.predictCpuSeconds, summary.learnCpuSeconds, summary.cpuSeconds,
      summary.wallSeconds, summary.instancesPerSecond, modelBytes(summary.model), JSON.stringify(summary.model ?? {}), summary.peakRssBytes,
      JSON.stringify(summary.classes ?? []), summary.driftPositions ? JSON.stringify(summary.driftPositions) : null,
      summary.error ? `${summary.error.code}: ${summary.error.message}` : null, summary.startedAt, summary.finishedAt,
    ];
    const n = values.length;
    await this.transaction(async () => {
      await this.connection.run(
        `INSERT INTO results (job_id, run_id, instances, window_size, ${METRIC_COLUMNS.join(', ')}, other_metrics, predict_cpu_s, learn_cpu_s, cpu_s,
                              wall_s, instances_per_s, model_bytes, model, peak_rss_bytes, classes, drift_positions, stopped_early, started_at, finished_at)
         VALUES (${placeholders(n - 2)}, CAST($${n - 1} AS TIMESTAMP), CAST($${n} AS TIMESTAMP))`,
        values,
      );
      await this.connection.run(`UPDATE jobs SET status = 'done', finished_at = now() WHERE job_id = $1`, [jobId]);
    });
  }

  /** Records a job that crashed, timed out or went over budget. */
  async failJob(jobId: number, status: Exclude<JobStatus, 'queued' | 'running' | 'done'>, error: JobError): Promise<void> {
    await this.exclusive(() =>
      this.connection.run(`UPDATE jobs SET status = $2, error_code = $3, error = $4, finished_at = now() WHERE job_id = $1`, [jobId, status, error.code, error.message]),
    );
  }

  /** Drops a job's results and checkpoints and queues it again. */
  private async clearJob(jobId: number): Promise<void> {
    await this.connection.run(`DELETE FROM checkpoints WHERE job_id = $1`, [jobId]);
    await this.connection.run(`DELETE FROM results WHERE job_id = $1`, [jobId]);
    await this.connection.run(`UPDATE jobs SET status = 'queued', error = NULL, error_code = NULL, started_at = NULL, finished_at = NULL WHERE job_id = $1`, [jobId]);
  }

  /**
   * Queues jobs again whatever their status, replacing what they stored (used for
   * `--rerun`, when a learner's code changed but not its identity). All or none.
   */
  async rerunJobs(jobIds: readonly number[]): Promise<void> {
    await this.transaction(async () => {
      for (const jobId of jobIds) await this.clearJob(jobId);
    });
  }

  /** Puts jobs of a run back in the queue (used for `--retry-failed`). */
  async requeue(runId: number, statuses: readonly JobStatus[]): Promise<number> {
    if (statuses.length === 0) return 0;
    return this.exclusive(async () => {
      const reader = await this.connection.runAndReadAll(
        `UPDATE jobs SET status = 'queued' WHERE run_id = $1 AND NOT retired AND status IN (${statuses.map((s) => `'${s}'`).join(', ')}) RETURNING job_id`,
        [runId],
      );
      return reader.getRowObjectsJS().length;
    });
  }

  /** Stores the environment a (resumed) run executes in. */
  async recordEnvironment(runId: number, env: EnvironmentInfo): Promise<void> {
    await this.exclusive(() =>
      this.connection.run(
        `INSERT INTO environment (run_id, recorded_at, tributary, node, river, moa, python, java, os, cpu, cpu_count, memory_bytes, details)
         VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [runId, env.tributary, env.node, env.river, env.moa, env.python, env.java, env.os, env.cpu, env.cpuCount, env.memoryBytes, JSON.stringify(env.details)],
      ),
    );
  }

  /**
   * Writes the run (or every run) as CSV and JSON files into `dir`
   * (see {@link writeExport}: CSV lossless, JSON with NaN as null). Returns the files written.
   */
  async exportTo(dir: string, runId?: number): Promise<string[]> {
    return this.exclusive(() => writeExport(this.connection, dir, runId));
  }

  /**
   * Imports the CSV files of an export folder, in one transaction, matching
   * runs by name and start time and jobs by key (see {@link importExportInto}):
   * idempotent, and a stored job is only replaced by one that got further.
   */
  async importFrom(dir: string, options: ImportOptions = {}): Promise<ImportSummary> {
    return this.transaction(() => importExportInto(this.connection, dir, options));
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.exclusive(async () => {
      await this.connection.run('CHECKPOINT');
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }
}

/**
 * Hash of what determines a job's results: learner, parameters, stream, seed,
 * instance cap and evaluator settings (not its budgets or labels).
 */
export function jobHash(job: BenchJob, settings: Record<string, unknown>): string {
  const identity = { learnerId: job.learnerId, params: job.params, implementation: job.implementation, streamSpec: job.streamSpec, seed: job.seed, maxInstances: job.maxInstances ?? null, settings };
  return createHash('sha256').update(canonicalJson(identity)).digest('hex').slice(0, 32);
}

function toStoredRun(row: Record<string, unknown>): StoredRun {
  return {
    runId: Number(row.run_id),
    name: (row.name as string | null) ?? null,
    configHash: String(row.config_hash),
    configPath: (row.config_path as string | null) ?? null,
    status: String(row.status),
    startedAt: String(row.started_at),
    finishedAt: (row.finished_at as string | null) ?? null,
  };
}

function placeholders(count: number): string {
  return Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ');
}

function splitMetrics(cumulative: MetricValues, windowed: MetricValues): { fixed: (number | null)[]; other: string | null } {
  const fixed: (number | null)[] = [];
  for (const metric of BENCH_METRICS) {
    fixed.push(numberOrNull(cumulative?.[metric]), numberOrNull(windowed?.[metric]));
  }
  const known = new Set<string>(BENCH_METRICS);
  const otherCumulative = Object.fromEntries(Object.entries(cumulative ?? {}).filter(([k]) => !known.has(k)));
  const otherWindowed = Object.fromEntries(Object.entries(windowed ?? {}).filter(([k]) => !known.has(k)));
  const hasOther = Object.keys(otherCumulative).length + Object.keys(otherWindowed).length > 0;
  return { fixed, other: hasOther ? JSON.stringify({ cumulative: otherCumulative, windowed: otherWindowed }) : null };
}

function numberOrNull(value: number | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

function modelBytes(model: Record<string, number> | undefined): number | null {
  const size = model?.sizeBytes ?? model?.size_bytes;
  return typeof size === 'number' && size >= 0 ? size : null;
}

function toPlain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === 'bigint' ? Number(value) : value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
