import { mkdir, rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

/** The tables an export writes, each as `<name>.csv` and `<name>.json`. */
export const EXPORT_TABLES = ['runs', 'jobs', 'results', 'checkpoints', 'environment'] as const;

/** One of {@link EXPORT_TABLES}. */
export type ExportTable = (typeof EXPORT_TABLES)[number];

/**
 * Order in which finished files replace the previous export. `jobs` goes
 * last: an export cut off between two renames never lists a job as done
 * whose result file is older (the import also requeues a done job without a result).
 */
const REPLACE_ORDER: readonly ExportTable[] = ['environment', 'runs', 'checkpoints', 'results', 'jobs'];

/** Column types whose non-finite values (NaN, ±Infinity) JSON cannot hold. */
const FLOAT_TYPES = new Set(['DOUBLE', 'FLOAT', 'REAL']);

function exportQueries(runId: number | undefined): Record<ExportTable, string> {
  const where = (column: string) => (runId === undefined ? '' : `WHERE ${column} = ${Number(runId)}`);
  const and = (column: string) => (runId === undefined ? '' : `AND ${column} = ${Number(runId)}`);
  return {
    // The config text and its validated JSON go last: long, but what an import needs to rebuild the run row.
    runs: `SELECT run_id, name, config_hash, config_path, workers, started_at, finished_at, status, config_text, CAST(config_json AS VARCHAR) AS config_json
           FROM runs ${where('run_id')} ORDER BY run_id`,
    jobs: `SELECT * EXCLUDE (params, retired), CAST(params AS VARCHAR) AS params FROM jobs WHERE NOT retired ${and('run_id')} ORDER BY run_id, job_index`,
    results: `SELECT j.run_id, j.job_id, j.learner, j.learner_id, j.implementation, j.stream, j.seed, j.status, j.max_instances, j.cap_reason,
                     r.* EXCLUDE (job_id, run_id)
              FROM jobs j JOIN results r USING (job_id) WHERE NOT j.retired ${and('j.run_id')} ORDER BY j.run_id, j.job_index`,
    checkpoints: `SELECT j.run_id, j.learner, j.implementation, j.stream, j.seed, c.*
                  FROM jobs j JOIN checkpoints c USING (job_id) WHERE NOT j.retired ${and('j.run_id')} ORDER BY j.run_id, j.job_index, c.instances`,
    environment: `SELECT * FROM environment ${where('run_id')} ORDER BY run_id, recorded_at`,
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The query with every floating-point column's NaN and ±Infinity turned into NULL (JSON has no such numbers). */
async function jsonSafe(connection: DuckDBConnection, sql: string): Promise<string> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${sql}`);
  const columns = reader.getRowObjectsJS().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  const select = columns.map(({ name, type }) => {
    const column = quoteIdentifier(name);
    return FLOAT_TYPES.has(type) ? `CASE WHEN isfinite(${column}) THEN ${column} END AS ${column}` : column;
  });
  // One thread and insertion order preserved: the outer projection keeps the inner ORDER BY.
  return `SELECT ${select.join(', ')} FROM (${sql}) AS exported`;
}

/**
 * Writes `runs`, `jobs` (retired ones left out), `results` and `checkpoints`
 * (both with their job's learner, stream and seed) and `environment` as CSV
 * and JSON files into `dir`; all runs, or only `runId`. The caller holds the
 * connection alone, so the five tables are one consistent snapshot.
 *
 * CSV is the lossless form an import reads back: NULL is an empty field, an
 * empty string `""`, NaN `nan`, infinities `inf`/`-inf`, doubles in
 * shortest round-trip notation, JSON columns as their text. JSON (an array
 * of objects per table) writes NaN and ±Infinity as `null`, which JSON has
 * no other way to say. Each file is written beside its final name and
 * renamed into place, so a reader (or a session cut off mid-export) sees
 * either the previous file or the new one, never half of one.
 */
export async function writeExport(connection: DuckDBConnection, dir: string, runId?: number): Promise<string[]> {
  const absolute = resolve(dir);
  await mkdir(absolute, { recursive: true });
  const queries = exportQueries(runId);
  const staged: { from: string; to: string; table: ExportTable }[] = [];
  try {
    for (const table of EXPORT_TABLES) {
      const sql = queries[table];
      const csv = resolve(absolute, `${table}.csv`);
      const json = resolve(absolute, `${table}.json`);
      await connection.run(`COPY (${sql}) TO ${quoteString(`${csv}.partial`)} (HEADER, DELIMITER ',')`);
      staged.push({ from: `${csv}.partial`, to: csv, table });
      await connection.run(`COPY (${await jsonSafe(connection, sql)}) TO ${quoteString(`${json}.partial`)} (FORMAT JSON, ARRAY true)`);
      staged.push({ from: `${json}.partial`, to: json, table });
    }
  } catch (error) {
    await Promise.all(staged.map((file) => rm(file.from, { force: true })));
    throw error;
  }
  staged.sort((a, b) => REPLACE_ORDER.indexOf(a.table) - REPLACE_ORDER.indexOf(b.table));
  for (const file of staged) await rename(file.from, file.to);
  // The files in table order, as before staging.
  return EXPORT_TABLES.flatMap((table) => [resolve(absolute, `${table}.csv`), resolve(absolute, `${table}.json`)]);
}
