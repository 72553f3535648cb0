import type { Command } from 'commander';
import { TributaryError } from '@tributary/core';
import { formatDuration, gridDisplay, parseExportSchedule, planGrid, ResultsDb, runGrid, silentDisplay, type ExportSchedule } from '@tributary/benchmark';
import { commaList, positiveInteger } from '../options.js';

interface BenchOptions {
  config?: string;
  db?: string;
  resume?: boolean;
  fromExport?: string;
  retryFailed?: boolean;
  rerun?: string[];
  defer?: string[];
  workers?: number;
  export?: string;
  exportEvery?: ExportSchedule;
  dryRun?: boolean;
  quiet?: boolean;
}

/** Without a config: import an export into `--db` and/or export the latest run of `--db`. */
async function withoutConfig(options: BenchOptions): Promise<void> {
  if ((!options.export && !options.fromExport) || !options.db) {
    throw new TributaryError('CONFIG_ERROR', 'bench needs --config FILE to run a grid, or --db FILE with --export DIR (export a stored run) or --from-export DIR (import an export)');
  }
  const db = await ResultsDb.open(options.db);
  try {
    if (options.fromExport) {
      const { runs, jobs, results, checkpoints } = await db.importFrom(options.fromExport);
      process.stdout.write(
        `imported ${options.fromExport} into ${db.path}: run(s) ${runs.map((r) => r.runId).join(', ')}; jobs ${jobs.added} added, ${jobs.updated} taken from the export, ` +
          `${jobs.kept} kept as stored; ${results} results, ${checkpoints} checkpoints\n`,
      );
    }
    if (options.export) {
      const run = await db.latestRun();
      if (!run) throw new TributaryError('CONFIG_ERROR', `results database "${options.db}" holds no run`);
      const files = await db.exportTo(options.export, run.runId);
      process.stdout.write(`exported run ${run.runId} to ${options.export} (${files.length} files)\n`);
    }
  } finally {
    await db.close();
  }
}

/** `tributary bench`: runs a benchmark grid into a results database, or exports one. */
export function register(program: Command): void {
  program
    .command('bench')
    .description('run a benchmark grid (learners × streams × seeds) in parallel into a results database (DuckDB); resumable, also on another machine from an export')
    .option('--config <file>', 'grid config, YAML or JSON (schema: plugins/benchmark/schema/bench-config.schema.json)')
    .option('--db <file>', 'results database file (default: .tributary/bench/<config name>.duckdb in the root of the git work tree holding the config)')
    .option('--resume', 'continue the latest run of the same config: only unfinished jobs run')
    .option(
      '--from-export <dir>',
      'first import an export folder (e.g. the committed docs/benchmark) into the database, then continue its run: its done jobs are kept (failed ones too, unless --retry-failed), the rest run; ' +
        'implies --resume; importing twice duplicates nothing. Without --config: only import into --db',
    )
    .option('--retry-failed', 'with --resume, also run again jobs that failed, timed out or went over budget')
    .option('--rerun <patterns>', 'with --resume, run again every job matching one of these comma-separated patterns (* wildcard) on its learner label or id, or on its key LABEL|STREAM|SEED, replacing its results: after a learner\'s code changed', commaList)
    .option('--defer <patterns>', 'run the unfinished jobs matching one of these comma-separated patterns (same matching as --rerun) after all the others: e.g. the slowest reference ensembles last, so a long grid completes the rest first', commaList)
    .option('--workers <n>', 'jobs at once (default: the number of CPUs)', positiveInteger('--workers'))
    .option('--export <dir>', 'write the run as CSV and JSON into this folder at the end and when interrupted (without --config: export the latest run of --db)')
    .option('--export-every <when>', 'with --export, also refresh the export while the grid runs: every N finished jobs (25), every duration (10m, 1h), or both ("25,10m")', parseExportSchedule)
    .option('--dry-run', 'list the jobs the config expands to, run nothing')
    .option('--quiet', 'no progress display')
    .action(async (options: BenchOptions) => {
      if (!options.config) {
        await withoutConfig(options);
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
      if (options.retryFailed && !options.resume && !options.fromExport) throw new TributaryError('CONFIG_ERROR', '--retry-failed only makes sense with --resume');
      if (options.rerun !== undefined && !options.resume && !options.fromExport) throw new TributaryError('CONFIG_ERROR', '--rerun only makes sense with --resume');
      if (options.exportEvery && !options.export) throw new TributaryError('CONFIG_ERROR', '--export-every needs --export DIR');
      const result = await runGrid({
        configPath: options.config,
        dbPath: options.db,
        resume: options.resume,
        fromExport: options.fromExport,
        retryFailed: options.retryFailed,
        rerun: options.rerun,
        defer: options.defer,
        workers: options.workers,
        exportDir: options.export,
        exportEvery: options.exportEvery,
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
