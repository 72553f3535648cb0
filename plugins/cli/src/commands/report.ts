import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { TributaryError } from '@tributary/core';
import { renderReport, reportDataFromDb, ResultsDb } from '@tributary/benchmark';
import { commaList, positiveInteger } from '../options.js';

/** Folder where `tributary bench` keeps its databases by default. */
const DEFAULT_DB_DIR = join('.tributary', 'bench');

/** The most recently written database of the default folder, or an error saying what to pass. */
function defaultDatabase(): string {
  let names: string[] = [];
  try {
    names = readdirSync(DEFAULT_DB_DIR).filter((n) => n.endsWith('.duckdb'));
  } catch {
    // No folder: no benchmark has run here.
  }
  if (names.length === 0) throw new TributaryError('CONFIG_ERROR', `no results database in ${DEFAULT_DB_DIR}; pass --db FILE (written by \`tributary bench\`)`);
  const newest = names
    .map((name) => ({ path: join(DEFAULT_DB_DIR, name), modified: statSync(join(DEFAULT_DB_DIR, name)).mtimeMs }))
    .sort((a, b) => b.modified - a.modified)[0];
  if (names.length > 1) process.stderr.write(`using the most recent database, ${newest.path} (of ${names.length} in ${DEFAULT_DB_DIR}; --db chooses)\n`);
  return newest.path;
}

/** `tributary report`: writes the static HTML report of a benchmark run from its results database. */
export function register(program: Command): void {
  program
    .command('report')
    .description('write a static HTML report (CD diagrams, ranks, per-stream tables, curves, time vs accuracy) of a benchmark run')
    .requiredOption('--out <dir>', 'folder to write index.html and the SVG figures into')
    .option('--db <file>', `results database (default: the most recent in ${DEFAULT_DB_DIR})`)
    .option('--run <id>', 'run to report (default: the latest in the database)', positiveInteger('--run'))
    .option('--title <text>', 'page title (default: from the config name)')
    .option('--implementations <list>', 'only these implementations, comma-separated (native,river,moa)', commaList)
    .option('--learners <patterns>', 'only learners whose label matches one of these comma-separated * patterns', commaList)
    .action(async (options: { out: string; db?: string; run?: number; title?: string; implementations?: string[]; learners?: string[] }) => {
      const dbPath = options.db ?? defaultDatabase();
      const db = await ResultsDb.open(dbPath);
      let data;
      try {
        data = await reportDataFromDb(db, {
          runId: options.run,
          title: options.title,
          implementations: options.implementations,
          learners: options.learners,
        });
      } finally {
        await db.close();
      }
      if (data.results.length === 0) throw new TributaryError('CONFIG_ERROR', `run in "${dbPath}" has no finished job yet; nothing to report`);
      const { files } = await renderReport(data, options.out);
      process.stdout.write(`report: ${files[0]} (${files.length} files, ${data.results.length} jobs)\n`);
    });
}
