import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { TributaryError, type PluginRegistry } from '@tributary/core';
import type { LoadedBenchConfig } from '../config/bench-config.js';
import { expandJobs, wildcardMatch, type BenchJob } from '../config/expand-jobs.js';
import { loadBenchConfig } from '../config/load-bench-config.js';
import type { ImportSummary } from '../db/import-export.js';
import { ResultsDb } from '../db/results-db.js';
import type { JobStatus } from '../db/schema-sql.js';
import { collectEnvironment } from '../environment.js';
import { buildBenchRegistry } from '../registry/build-registry.js';
import { listStreamSuite } from '../streams/open-bench-stream.js';
import { formatDuration, gridDisplay, type GridDisplay } from './grid-display.js';
import { expectedJobSeconds, finishedJobCosts, fitCostModel, streamLengths } from './job-cost.js';
import { JobProcess, type JobOutcome } from './job-process.js';
import { PeriodicExport, type ExportSchedule } from './periodic-export.js';
import { parentMap } from './process-tree.js';

/** Options of {@link runGrid}. */
export interface RunGridOptions {
  /** Path of the YAML or JSON config. */
  configPath: string;
  /** Results database file. Default: {@link defaultDbPath}. */
  dbPath?: string;
  /** Continue the latest run of the same config: only unfinished jobs run. */
  resume?: boolean;
  /**
   * An export folder (written by `exportDir`, e.g. committed by an earlier
   * session on another machine) to import first; the run continues the
   * export's run. Implies `resume`.
   */
  fromExport?: string;
  /** With `resume`, also run again the jobs that failed, timed out or went over budget. */
  retryFailed?: boolean;
  /**
   * With `resume`, run again every job (finished or not) whose learner label or id, or
   * whose key (`LABEL|STREAM|SEED`), matches one of these `*` patterns, replacing their
   * stored results: for when a learner's code changed but its identity (id and
   * parameters) did not, or a result was measured under disturbance.
   */
  rerun?: string[];
  /**
   * Run the unfinished jobs matching one of these `*` patterns (same matching as `rerun`)
   * after all the others, config order kept within each part: so that a long grid
   * completes its most informative jobs first (e.g. the slowest reference ensembles last).
   */
  defer?: string[];
  /** Jobs run at once. Default: `os.availableParallelism()`. */
  workers?: number;
  /** When set, export the run as CSV and JSON into this folder at the end (and when interrupted). */
  exportDir?: string;
  /** With `exportDir`, also refresh the export while the grid runs. */
  exportEvery?: ExportSchedule;
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
  /** What the import of `fromExport` did, if asked for. */
  imported?: ImportSummary;
}

const MEMORY_CHECK_MS = 500;
const UNFINISHED: readonly JobStatus[] = ['queued', 'running'];
const RETRYABLE: readonly JobStatus[] = ['failed', 'timeout', 'budget'];

/**
 * Default results database of a config: `.tributary/bench/<config file
 * name>.duckdb` in the root of the git work tree holding the config (the
 * nearest folder above it with a `.git`), else under the working directory.
 * Tied to the config rather than to where the command runs, so every
 * `--resume` of a session finds the same file; `.tributary/` is git-ignored.
 */
export function defaultDbPath(configPath: string): string {
  const name = `${basename(configPath, extname(configPath))}.duckdb`;
  for (let dir = dirname(resolve(configPath)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return join(dir, '.tributary', 'bench', name);
    if (dirname(dir) === dir) return resolve('.tributary', 'bench', name);
  }
}

/** A config with what it expands to, without running or storing anything (`tributary bench --dry-run`). */
export interface GridPlan {
  loaded: LoadedBenchConfig;
  registry: PluginRegistry;
  /** Folder that relative plugin paths of the config are resolved against. */
  baseDir: string;
  jobs: BenchJob[];
  skippedPackages: string[];
  warnings: string[];
}

/** Loads a config, builds its plugin registry and expands its jobs. */
export async function planGrid(configPath: string): Promise<GridPlan> {
  const loaded = await loadBenchConfig(configPath);
  const baseDir = dirname(loaded.path ?? configPath);
  const { registry, skipped } = await buildBenchRegistry(loaded.config.plugins, baseDir);
  const warnings: string[] = [];
  const jobs = await expandJobs(loaded.config, registry, listStreamSuite, (w) => warnings.push(w));
  return { loaded, registry, baseDir, jobs, skippedPackages: skipped, warnings };
}

/**
 * The jobs matching an option's patterns (`--rerun`, `--defer`), each on a learner's label or id,
 * or on a job key (`LABEL|STREAM|SEED`); a pattern that matches no job is an error (a typo would
 * silently select nothing).
 */
function jobsMatching(jobs: readonly BenchJob[], patterns: readonly string[], option: string): BenchJob[] {
  const matches = (p: string, job: BenchJob) => wildcardMatch(p, job.learner) || wildcardMatch(p, job.learnerId) || wildcardMatch(p, job.key);
  for (const p of patterns) {
    if (!jobs.some((job) => matches(p, job))) {
      const learners = [...new Set(jobs.map((job) => job.learner))].join(', ');
      throw new TributaryError('CONFIG_ERROR', `${option} "${p}" matches no learner or job key (LABEL|STREAM|SEED) of the grid; its learners: ${learners}`);
    }
  }
  return jobs.filter((job) => patterns.some((p) => matches(p, job)));
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
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new TributaryError('CONFIG_ERROR', `--workers must be a positive integer; got ${workers}`);
  const { loaded, baseDir, jobs, skippedPackages: skipped, warnings } = await planGrid(options.configPath);
  const rerun = jobsMatching(jobs, options.rerun ?? [], '--rerun');
  const deferred = new Set(jobsMatching(jobs, options.defer ?? [], '--defer'));
  const dbPath = options.dbPath ?? defaultDbPath(options.configPath);
  const db = await ResultsDb.open(dbPath);
  const display = options.display ?? gridDisplay();
  display.log(`results database: ${db.path}`);
  for (const line of skipped) display.log(`plugin package skipped (its learners are unavailable): ${line}`);
  for (const line of warnings) display.log(`warning: ${line}`);
  const running = new Set<JobProcess>();
  let interrupted = false;
  let runId = 0;

  let periodic: PeriodicExport | undefined;

  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    display.log(`${signal}: stopping workers; run again with --resume to finish the grid`);
    void Promise.all([...running].map((p) => p.stop({ status: 'failed', error: { code: 'INTERRUPTED', message: signal } })))
      .then(() => periodic?.stop())
      .then(() => db.finishRun(runId, 'interrupted'))
      // What finished before the signal reaches the export too (the jobs stopped stay unfinished in it).
      .then(() => (runId && options.exportDir ? db.exportTo(options.exportDir, runId).then(() => display.log(`exported to ${options.exportDir}`)) : undefined))
      .catch((error: Error) => display.log(`after ${signal}: ${error.message}`))
      .then(() => db.close())
      .finally(() => process.exit(130));
  };
  if (options.handleSignals ?? true) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  try {
    let imported: ImportSummary | undefined;
    if (options.fromExport) {
      imported = await db.importFrom(options.fromExport, { config: loaded });
      const { added, updated, kept } = imported.jobs;
      display.log(
        `imported ${options.fromExport} into ${db.path}: ${imported.runs.filter((r) => r.added).length} run(s) added; jobs ${added} added, ${updated} taken from the export, ${kept} kept as stored; ` +
          `${imported.results} results, ${imported.checkpoints} checkpoints`,
      );
    }
    // The export's latest run is the one to continue.
    runId = await openRun(db, loaded, workers, (options.resume ?? false) || imported !== undefined, display, imported?.runs.at(-1)?.runId);
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
    if (rerun.length > 0) {
      await db.rerunJobs(rerun.map((job) => stored.get(job.key)!.jobId));
      for (const job of rerun) stored.get(job.key)!.status = 'queued';
      display.log(`running again ${rerun.length} job(s) of learners matching ${options.rerun!.join(', ')}`);
    }
    const unfinished = jobs.filter((job) => UNFINISHED.includes(stored.get(job.key)!.status));
    const later = unfinished.filter((job) => deferred.has(job));
    const todo = [...unfinished.filter((job) => !deferred.has(job)), ...later];
    if (later.length > 0) display.log(`deferred to the end: ${later.length} unfinished job(s) matching ${options.defer!.join(', ')}`);
    const ran = { done: 0, failed: 0, timeout: 0, budget: 0 };
    const costModel = fitCostModel(await finishedJobCosts(db));
    const weights = expectedJobSeconds(todo, costModel, await streamLengths());
    if (costModel.fitted && todo.length > 0) {
      const expected = [...weights.values()].reduce((a, b) => a + b, 0);
      display.log(`expected CPU of the jobs to run: ${formatDuration(expected)} (CPU per instance fitted as learner × stream effects on the finished jobs, × the instances left; the ETA scales it by this session's speed)`);
    }
    display.start(jobs.length, jobs.length - todo.length, weights);
    if (options.exportEvery && options.exportDir) {
      const exportDir = options.exportDir;
      periodic = new PeriodicExport(options.exportEvery, () => db.exportTo(exportDir, runId), (line) => display.log(line));
      periodic.start();
    }

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
      periodic?.jobFinished();
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
      if (!interrupted) await periodic?.stop();
      display.stop();
    }
    const poolSeconds = (performance.now() - poolStarted) / 1000;
    // On a signal the handler marks the run interrupted, closes the database and exits: never return past it.
    if (interrupted) await new Promise(() => undefined);

    await environment;
    await db.finishRun(runId, 'finished');
    const exported = options.exportDir ? await db.exportTo(options.exportDir, runId) : [];
    return {
      runId, dbPath: db.path, total: jobs.length, skipped: jobs.length - todo.length, ran, workers, wallSeconds: (performance.now() - started) / 1000, poolSeconds, exported, imported,
    };
  } finally {
    if (!interrupted) {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await db.close();
    }
  }
}

async function openRun(db: ResultsDb, loaded: LoadedBenchConfig, workers: number, resume: boolean, display: GridDisplay, importedRunId?: number): Promise<number> {
  if (importedRunId !== undefined) {
    // The import already checked that the run is of this config (same hash) or of its earlier version (same name).
    const run = (await db.runById(importedRunId))!;
    const changed = run.configHash !== loaded.hash;
    await db.reopenRun(run.runId, workers, changed ? loaded : undefined);
    display.log(`resuming run ${run.runId}${changed ? ` "${loaded.config.name}" with a changed config` : ''} (started ${run.startedAt})`);
    return run.runId;
  }
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
