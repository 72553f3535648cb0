import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { TributaryError } from '@tributary/core';
import type { LoadedBenchConfig } from '../config/bench-config.js';
import { expandJobs, type BenchJob } from '../config/expand-jobs.js';
import { loadBenchConfig } from '../config/load-bench-config.js';
import { ResultsDb } from '../db/results-db.js';
import type { JobStatus } from '../db/schema-sql.js';
import { collectEnvironment } from '../environment.js';
import { buildBenchRegistry } from '../registry/build-registry.js';
import { listStreamSuite } from '../streams/open-bench-stream.js';
import { gridDisplay, type GridDisplay } from './grid-display.js';
import { JobProcess, type JobOutcome } from './job-process.js';
import { parentMap } from './process-tree.js';

/** Options of {@link runGrid}. */
export interface RunGridOptions {
  /** Path of the YAML or JSON config. */
  configPath: string;
  /** Results database file. Default: `.tributary/bench/<config name>.duckdb`. */
  dbPath?: string;
  /** Continue the latest run of the same config: only unfinished jobs run. */
  resume?: boolean;
  /** With `resume`, also run again the jobs that failed, timed out or went over budget. */
  retryFailed?: boolean;
  /** Jobs run at once. Default: `os.availableParallelism()`. */
  workers?: number;
  /** When set, export the run as CSV and JSON into this folder at the end. */
  exportDir?: string;
  /** Progress display. Default: live on a terminal, plain lines otherwise (stderr). */
  display?: GridDisplay;
  /** Stop cleanly on SIGINT/SIGTERM (kill workers, mark the run interrupted). Default true. */
  handleSignals?: boolean;
}

/** What a grid session did. */
export interface GridResult {
  runId: number;
  dbPath: string;
  /** Jobs in the grid. */
  total: number;
  /** Jobs finished by earlier sessions and skipped. */
  skipped: number;
  /** Jobs run now, by final status. */
  ran: Record<'done' | 'failed' | 'timeout' | 'budget', number>;
  workers: number;
  /** Wall seconds of the whole call (config, plugins, database, jobs, export). */
  wallSeconds: number;
  /** Wall seconds from the first job's start to the last job's end. */
  poolSeconds: number;
  /** Files written by the export, if any. */
  exported: string[];
}

const MEMORY_CHECK_MS = 500;
const UNFINISHED: readonly JobStatus[] = ['queued', 'running'];
const RETRYABLE: readonly JobStatus[] = ['failed', 'timeout', 'budget'];

/** Default results database of a config: `.tributary/bench/<config file name>.duckdb` under the working directory. */
export function defaultDbPath(configPath: string): string {
  return join('.tributary', 'bench', `${basename(configPath, extname(configPath))}.duckdb`);
}

/** The jobs a config expands to (`tributary bench --dry-run`), without running or storing anything. */
export async function planGrid(configPath: string): Promise<{ jobs: BenchJob[]; skippedPackages: string[]; warnings: string[] }> {
  const loaded = await loadBenchConfig(configPath);
  const { registry, skipped } = await buildBenchRegistry(loaded.config.plugins, dirname(loaded.path ?? configPath));
  const warnings: string[] = [];
  const jobs = await expandJobs(loaded.config, registry, listStreamSuite, (w) => warnings.push(w));
  return { jobs, skippedPackages: skipped, warnings };
}

/**
 * Runs a benchmark grid: every job in its own worker process, `workers` at a
 * time; records stream into the results database as they are produced. With
 * `resume`, only the unfinished jobs of the latest run of the same config run
 * (their partial checkpoints are deleted first), so a killed grid loses nothing
 * it had finished and duplicates nothing.
 */
export async function runGrid(options: RunGridOptions): Promise<GridResult> {
  const started = performance.now();
  const loaded = await loadBenchConfig(options.configPath);
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new TributaryError('CONFIG_ERROR', `--workers must be a positive integer; got ${workers}`);
  const baseDir = dirname(loaded.path ?? options.configPath);
  const { registry, skipped } = await buildBenchRegistry(loaded.config.plugins, baseDir);
  const warnings: string[] = [];
  const jobs = await expandJobs(loaded.config, registry, listStreamSuite, (w) => warnings.push(w));
  const dbPath = options.dbPath ?? defaultDbPath(options.configPath);
  const db = await ResultsDb.open(dbPath);
  const display = options.display ?? gridDisplay();
  for (const line of skipped) display.log(`plugin package skipped (its learners are unavailable): ${line}`);
  for (const line of warnings) display.log(`warning: ${line}`);
  const running = new Set<JobProcess>();
  let interrupted = false;
  let runId = 0;

  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    display.log(`${signal}: stopping workers; run again with --resume to finish the grid`);
    void Promise.all([...running].map((p) => p.stop({ status: 'failed', error: { code: 'INTERRUPTED', message: signal } })))
      .then(() => db.finishRun(runId, 'interrupted'))
      .then(() => db.close())
      .finally(() => process.exit(130));
  };
  if (options.handleSignals ?? true) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  try {
    runId = await openRun(db, loaded, workers, options.resume ?? false, display);
    // Probing Python, Java and the bridges takes seconds of waiting: let it overlap the first jobs.
    const environment = collectEnvironment().then((env) => db.recordEnvironment(runId, env));
    const { windowSize, checkpointEvery, batchSize } = loaded.config.evaluator;
    const stored = await db.syncJobs(runId, jobs, { windowSize, checkpointEvery, batchSize: batchSize ?? null });
    const changes = stored.changes;
    if (changes && (changes.reset || changes.retired || (options.resume && changes.added))) {
      display.log(`jobs: ${changes.kept} kept, ${changes.added} added, ${changes.reset} reset (settings changed), ${changes.retired} retired (no longer in the config)`);
    }
    if (options.retryFailed) {
      const requeued = await db.requeue(runId, RETRYABLE);
      if (requeued > 0) display.log(`retrying ${requeued} failed job(s)`);
      for (const job of stored.values()) if (RETRYABLE.includes(job.status)) job.status = 'queued';
    }
    const todo = jobs.filter((job) => UNFINISHED.includes(stored.get(job.key)!.status));
    const ran = { done: 0, failed: 0, timeout: 0, budget: 0 };
    display.start(jobs.length, jobs.length - todo.length);

    const monitor = setInterval(() => {
      if (running.size === 0) return;
      void parentMap().then((parents) => Promise.all([...running].map((p) => p.checkMemory(parents))));
    }, MEMORY_CHECK_MS);
    monitor.unref();

    const runOne = async (job: BenchJob): Promise<void> => {
      const jobId = stored.get(job.key)!.jobId;
      const attempt = await db.startJob(jobId);
      display.jobStarted(job);
      const worker = new JobProcess(
        {
          job,
          windowSize: loaded.config.evaluator.windowSize,
          checkpointEvery: loaded.config.evaluator.checkpointEvery,
          batchSize: loaded.config.evaluator.batchSize,
          plugins: loaded.config.plugins,
          baseDir,
        },
        {
          checkpoint: (record) => db.addCheckpoint(jobId, attempt, record),
          progress: (p) => display.jobProgress(job, p),
        },
      );
      running.add(worker);
      let outcome: JobOutcome;
      try {
        outcome = await worker.done;
      } finally {
        running.delete(worker);
      }
      if (interrupted) return;
      if (outcome.status === 'done' && outcome.summary) await db.finishJob(jobId, runId, outcome.summary);
      else await db.failJob(jobId, outcome.status === 'done' ? 'failed' : outcome.status, outcome.error ?? { code: 'ERROR', message: 'no summary' });
      ran[outcome.status]++;
      display.jobFinished(job, outcome);
    };

    let next = 0;
    const lane = async (): Promise<void> => {
      while (!interrupted && next < todo.length) await runOne(todo[next++]);
    };
    const poolStarted = performance.now();
    try {
      await Promise.all(Array.from({ length: Math.min(workers, todo.length) }, lane));
    } finally {
      clearInterval(monitor);
      display.stop();
    }
    const poolSeconds = (performance.now() - poolStarted) / 1000;
    // On a signal the handler marks the run interrupted, closes the database and exits: never return past it.
    if (interrupted) await new Promise(() => undefined);

    await environment;
    await db.finishRun(runId, 'finished');
    const exported = options.exportDir ? await db.exportTo(options.exportDir, runId) : [];
    return { runId, dbPath: db.path, total: jobs.length, skipped: jobs.length - todo.length, ran, workers, wallSeconds: (performance.now() - started) / 1000, poolSeconds, exported };
  } finally {
    if (!interrupted) {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await db.close();
    }
  }
}

async function openRun(db: ResultsDb, loaded: LoadedBenchConfig, workers: number, resume: boolean, display: GridDisplay): Promise<number> {
  if (resume) {
    const same = await db.latestRun(loaded.hash);
    if (same) {
      await db.reopenRun(same.runId, workers);
      display.log(`resuming run ${same.runId} (started ${same.startedAt})`);
      return same.runId;
    }
    // The config changed (learners added, caps moved): continue the run of the same name, keeping every job whose settings did not change.
    const named = loaded.config.name ? await db.latestRunNamed(loaded.config.name) : undefined;
    if (named) {
      await db.reopenRun(named.runId, workers, loaded);
      display.log(`resuming run ${named.runId} "${loaded.config.name}" with a changed config (started ${named.startedAt})`);
      return named.runId;
    }
    const other = await db.latestRun();
    if (other) display.log(`no run of this config in ${db.path} (the latest, run ${other.runId}, had another config and name); starting a new run`);
  }
  return db.createRun(loaded, workers);
}
