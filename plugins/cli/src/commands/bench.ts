import type { Command } from 'commander';
import { TributaryError } from '@tributary/core';
import { formatDuration, gridDisplay, planGrid, ResultsDb, runGrid, silentDisplay } from '@tributary/benchmark';
import { positiveInteger } from '../options.js';

/** `tributary bench`: runs a benchmark grid into a results database, or exports one. */
export function register(program: Command): void {
  program
    .command('bench')
    .description('run a benchmark grid (learners × streams × seeds) in parallel into a results database (DuckDB); resumable')
    .option('--config <file>', 'grid config, YAML or JSON (schema: plugins/benchmark/schema/bench-config.schema.json)')
    .option('--db <file>', 'results database file (default: .tributary/bench/<config name>.duckdb)')
    .option('--resume', 'continue the latest run of the same config: only unfinished jobs run')
    .option('--retry-failed', 'with --resume, also run again jobs that failed, timed out or went over budget')
    .option('--workers <n>', 'jobs at once (default: the number of CPUs)', positiveInteger('--workers'))
    .option('--export <dir>', 'write the run as CSV and JSON into this folder (without --config: export the latest run of --db)')
    .option('--dry-run', 'list the jobs the config expands to, run nothing')
    .option('--quiet', 'no progress display')
    .action(async (options: { config?: string; db?: string; resume?: boolean; retryFailed?: boolean; workers?: number; export?: string; dryRun?: boolean; quiet?: boolean }) => {
      if (!options.config) {
        if (!options.export || !options.db) {
          throw new TributaryError('CONFIG_ERROR', 'bench needs --config FILE to run a grid, or --db FILE --export DIR to export a stored run');
        }
        const db = await ResultsDb.open(options.db);
        try {
          const run = await db.latestRun();
          if (!run) throw new TributaryError('CONFIG_ERROR', `results database "${options.db}" holds no run`);
          const files = await db.exportTo(options.export, run.runId);
          process.stdout.write(`exported run ${run.runId} to ${options.export} (${files.length} files)\n`);
        } finally {
          await db.close();
        }
        return;
      }
      if (options.dryRun) {
        const { jobs, skippedPackages, warnings } = await planGrid(options.config);
        for (const line of skippedPackages) process.stderr.write(`plugin package skipped: ${line}\n`);
        for (const line of warnings) process.stderr.write(`warning: ${line}\n`);
        for (const job of jobs) {
          const caps = [job.maxInstances ? `max ${job.maxInstances}` : '', job.timeSeconds ? `${job.timeSeconds} s` : '', job.memoryMB ? `${job.memoryMB} MiB` : ''].filter(Boolean).join(', ');
          process.stdout.write(`${job.learner}\t${job.implementation}\t${job.stream}\tseed ${job.seed}${caps ? `\t(${caps})` : ''}\n`);
        }
        const byImplementation = new Map<string, number>();
        for (const job of jobs) byImplementation.set(job.implementation, (byImplementation.get(job.implementation) ?? 0) + 1);
        process.stdout.write(`${jobs.length} jobs: ${[...byImplementation].map(([k, n]) => `${n} ${k}`).join(', ')}\n`);
        return;
      }
      if (options.retryFailed && !options.resume) throw new TributaryError('CONFIG_ERROR', '--retry-failed only makes sense with --resume');
      const result = await runGrid({
        configPath: options.config,
        dbPath: options.db,
        resume: options.resume,
        retryFailed: options.retryFailed,
        workers: options.workers,
        exportDir: options.export,
        display: options.quiet ? silentDisplay : gridDisplay(),
      });
      const { done, failed, timeout, budget } = result.ran;
      process.stdout.write(
        `run ${result.runId}: ${result.total} jobs (${result.skipped} already finished); now ${done} done, ${failed} failed, ${timeout} timed out, ${budget} over budget; ` +
          `${result.workers} workers, ${formatDuration(result.wallSeconds)}\nresults: ${result.dbPath}\n` +
          (result.exported.length ? `exported: ${options.export}\n` : ''),
      );
    });
}
