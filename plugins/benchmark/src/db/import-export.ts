import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { TributaryError } from '@tributary/core';
import type { LoadedBenchConfig } from '../config/bench-config.js';
import { EXPORT_TABLES, type ExportTable } from './export-files.js';

/** Options of {@link importExportInto}. */
export interface ImportOptions {
  /**
   * The config about to run on the imported runs. Every run of the export
   * must be of it (same config hash, or same name: a changed config of the
   * same benchmark); an export written before runs carried their config text
   * takes this config's text when the hashes agree.
   */
  config?: LoadedBenchConfig;
}

/** What an import did. */
export interface ImportSummary {
  /** The export's runs, oldest first, with their id in this database and whether the import created them. */
  runs: { exportedRunId: number; runId: number; added: boolean }[];
  /** Jobs new to the database, jobs taken over from the export (it had got further), jobs left as they were. */
  jobs: { added: number; updated: number; kept: number };
  /** Rows inserted. */
  results: number;
  checkpoints: number;
  environment: number;
}

/** Columns an export must have for the import to match its rows. */
const REQUIRED_COLUMNS: Record<ExportTable, string[]> = {
  runs: ['run_id', 'name', 'config_hash', 'started_at', 'status'],
  jobs: ['job_id', 'run_id', 'job_key', 'job_hash', 'status'],
  results: ['job_id'],
  checkpoints: ['job_id', 'instances'],
  environment: ['run_id', 'recorded_at'],
};

/** How far a job got: an imported job replaces the stored one only when it got further. */
const STATUS_RANK = `CASE {s} WHEN 'done' THEN 2 WHEN 'failed' THEN 1 WHEN 'timeout' THEN 1 WHEN 'budget' THEN 1 ELSE 0 END`;

/** Long lines are legitimate: a config's text, a library traceback in `jobs.error`. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

interface Column {
  name: string;
  type: string;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function rows(connection: DuckDBConnection, sql: string, values: (string | number | null)[] = []): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql, values)).getRowObjectsJS();
}

async function columnsOf(connection: DuckDBConnection, relation: string): Promise<Column[]> {
  return (await rows(connection, `DESCRIBE ${relation}`)).map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

/**
 * `target columns` and `SELECT expressions` for inserting rows of an
 * imported (all-text) table into `target`: every target column the export
 * has, cast to its type, except `omit`; `override` supplies computed ones.
 */
function projection(target: Column[], exported: Set<string>, alias: string, omit: string[], override: Record<string, string>): { columns: string; values: string } {
  const columns: string[] = [];
  const values: string[] = [];
  for (const { name, type } of target) {
    if (omit.includes(name)) continue;
    const value = override[name] ?? (exported.has(name) ? `CAST(${alias}.${quoteIdentifier(name)} AS ${type})` : undefined);
    if (value === undefined) continue;
    columns.push(quoteIdentifier(name));
    values.push(value);
  }
  return { columns: columns.join(', '), values: values.join(', ') };
}

/**
 * Imports a `tributary bench --export` folder (its CSV files) into the
 * database on `connection`, inside the caller's transaction. Idempotent and
 * matched by identity rather than by ids: a run is the stored run with the
 * same name and start time (else a new one); a job is the run's job with the
 * same key. An exported job replaces the stored one only when it got further
 * (done > failed/timeout/budget > queued/running), taking its status, error,
 * attempts, settings hash, result and checkpoints with it; otherwise the
 * stored job stays as it is. Importing the same export twice changes nothing.
 *
 * Nothing runs on import, so an exported `running` job comes back `queued`
 * (its partial checkpoints are kept until it starts again), as does a `done`
 * job whose result is missing from `results.csv` (an export cut off part-way).
 */
export async function importExportInto(connection: DuckDBConnection, dir: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const absolute = resolve(dir);
  const exported = {} as Record<ExportTable, Set<string>>;
  for (const table of EXPORT_TABLES) {
    const file = resolve(absolute, `${table}.csv`);
    if (!existsSync(file)) throw new TributaryError('IO_ERROR', `"${dir}" is not a complete benchmark export: ${table}.csv is missing`, { path: file });
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE import_${table} AS SELECT * FROM read_csv(${quoteString(file)}, header = true, all_varchar = true,
         allow_quoted_nulls = false, delim = ',', quote = '"', escape = '"', max_line_size = ${MAX_LINE_BYTES})`,
    );
    exported[table] = new Set((await columnsOf(connection, `import_${table}`)).map((c) => c.name));
    const missing = REQUIRED_COLUMNS[table].filter((c) => !exported[table].has(c));
    if (missing.length) throw new TributaryError('CONFIG_ERROR', `"${file}" is not a benchmark export: no column ${missing.join(', ')}`, { path: file });
  }
  const target = {} as Record<ExportTable, Column[]>;
  for (const table of EXPORT_TABLES) target[table] = await columnsOf(connection, table);

  const runs = await importRuns(connection, exported.runs, target.runs, options.config);
  await connection.run(`CREATE OR REPLACE TEMP TABLE import_run_map (exported_run_id INTEGER, local_run_id INTEGER)`);
  for (const run of runs) await connection.run(`INSERT INTO import_run_map VALUES ($1, $2)`, [run.exportedRunId, run.runId]);

  // One decision per exported job: its status as imported, the stored job it matches, and whether it replaces it.
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE import_decisions AS
    WITH exported AS (
      SELECT x.*, CAST(x.job_id AS INTEGER) AS exported_job_id, m.local_run_id,
             CASE WHEN x.status = 'running' THEN 'queued'
                  WHEN x.status = 'done' AND NOT EXISTS (SELECT 1 FROM import_results r WHERE r.job_id = x.job_id) THEN 'queued'
                  ELSE x.status END AS import_status
      FROM import_jobs x JOIN import_run_map m ON CAST(x.run_id AS INTEGER) = m.exported_run_id
    )
    SELECT e.*, j.job_id AS local_job_id,
           j.job_id IS NULL OR ${STATUS_RANK.replace('{s}', 'e.import_status')} > ${STATUS_RANK.replace('{s}', 'j.status')} AS take
    FROM exported e LEFT JOIN jobs j ON j.run_id = e.local_run_id AND j.job_key = e.job_key
    ORDER BY e.local_run_id, CAST(e.job_index AS INTEGER)`);

  const newJobs = projection(target.jobs, exported.jobs, 'd', ['job_id', 'retired'], { run_id: 'd.local_run_id', status: 'd.import_status' });
  const added = await connection.run(`INSERT INTO jobs (${newJobs.columns}) SELECT ${newJobs.values} FROM import_decisions d WHERE d.local_job_id IS NULL`);
  const updates = target.jobs
    .filter(({ name }) => !['job_id', 'run_id', 'job_key', 'retired', 'status'].includes(name) && exported.jobs.has(name))
    .map(({ name, type }) => `${quoteIdentifier(name)} = CAST(d.${quoteIdentifier(name)} AS ${type})`);
  const taken = `SELECT local_job_id FROM import_decisions WHERE take AND local_job_id IS NOT NULL`;
  await connection.run(`DELETE FROM checkpoints WHERE job_id IN (${taken})`);
  await connection.run(`DELETE FROM results WHERE job_id IN (${taken})`);
  const updated = await connection.run(
    `UPDATE jobs SET ${[...updates, 'status = d.import_status'].join(', ')} FROM import_decisions d WHERE jobs.job_id = d.local_job_id AND d.take`,
  );
  const decisions = Number((await rows(connection, `SELECT count(*) AS n FROM import_decisions`))[0].n);

  await connection.run(`
    CREATE OR REPLACE TEMP TABLE import_job_map AS
    SELECT d.exported_job_id, j.job_id AS local_job_id, j.run_id AS local_run_id, d.import_status
    FROM import_decisions d JOIN jobs j ON j.run_id = d.local_run_id AND j.job_key = d.job_key WHERE d.take`);
  const results = projection(target.results, exported.results, 'x', [], { job_id: 'm.local_job_id', run_id: 'm.local_run_id' });
  const resultRows = await connection.run(
    `INSERT INTO results (${results.columns}) SELECT ${results.values}
     FROM import_results x JOIN import_job_map m ON CAST(x.job_id AS INTEGER) = m.exported_job_id WHERE m.import_status = 'done'`,
  );
  const checkpoints = projection(target.checkpoints, exported.checkpoints, 'x', [], { job_id: 'm.local_job_id' });
  const checkpointRows = await connection.run(
    `INSERT INTO checkpoints (${checkpoints.columns}) SELECT ${checkpoints.values}
     FROM import_checkpoints x JOIN import_job_map m ON CAST(x.job_id AS INTEGER) = m.exported_job_id`,
  );
  const environment = projection(target.environment, exported.environment, 'x', [], { run_id: 'm.local_run_id' });
  const environmentRows = await connection.run(
    `INSERT INTO environment (${environment.columns}) SELECT ${environment.values}
     FROM import_environment x JOIN import_run_map m ON CAST(x.run_id AS INTEGER) = m.exported_run_id
     WHERE NOT EXISTS (SELECT 1 FROM environment e WHERE e.run_id = m.local_run_id AND e.recorded_at = CAST(x.recorded_at AS TIMESTAMP))`,
  );

  for (const table of [...EXPORT_TABLES.map((t) => `import_${t}`), 'import_run_map', 'import_decisions', 'import_job_map']) {
    await connection.run(`DROP TABLE IF EXISTS ${table}`);
  }
  const jobsAdded = Number(added.rowsChanged);
  const jobsUpdated = Number(updated.rowsChanged);
  return {
    runs,
    jobs: { added: jobsAdded, updated: jobsUpdated, kept: decisions - jobsAdded - jobsUpdated },
    results: Number(resultRows.rowsChanged),
    checkpoints: Number(checkpointRows.rowsChanged),
    environment: Number(environmentRows.rowsChanged),
  };
}

/** Finds or creates the stored run of each exported run (same name and start time). */
async function importRuns(connection: DuckDBConnection, exported: Set<string>, target: Column[], config: LoadedBenchConfig | undefined): Promise<ImportSummary['runs']> {
  const exportedRuns = await rows(connection, `SELECT run_id, name, config_hash FROM import_runs ORDER BY CAST(run_id AS INTEGER)`);
  if (exportedRuns.length === 0) throw new TributaryError('CONFIG_ERROR', 'the export holds no run');
  const out: ImportSummary['runs'] = [];
  for (const run of exportedRuns) {
    const name = (run.name as string | null) ?? null;
    if (config && run.config_hash !== config.hash && (name === null || name !== (config.config.name ?? null))) {
      throw new TributaryError(
        'CONFIG_ERROR',
        `the export holds run ${String(run.run_id)} of ${name === null ? 'an unnamed config' : `config "${name}"`}, not of ${config.config.name ? `config "${config.config.name}"` : 'this config'}`,
      );
    }
    const exportedRunId = Number(run.run_id);
    const [stored] = await rows(
      connection,
      `SELECT r.run_id FROM runs r, import_runs x WHERE CAST(x.run_id AS INTEGER) = $1 AND r.name IS NOT DISTINCT FROM x.name AND r.started_at = CAST(x.started_at AS TIMESTAMP)`,
      [exportedRunId],
    );
    if (stored) {
      out.push({ exportedRunId, runId: Number(stored.run_id), added: false });
      continue;
    }
    // Exports written before runs carried their config: this config if it is the one that ran, else a stand-in that a resume replaces.
    const sameConfig = config && run.config_hash === config.hash;
    const override: Record<string, string> = { status: `CASE WHEN x.status = 'running' THEN 'interrupted' ELSE x.status END` };
    if (!exported.has('config_text')) override.config_text = quoteString(sameConfig ? config.text : '');
    if (!exported.has('config_json')) override.config_json = `CAST(${quoteString(JSON.stringify(sameConfig ? config.config : { name }))} AS JSON)`;
    const insert = projection(target, exported, 'x', ['run_id'], override);
    const [created] = await rows(
      connection,
      `INSERT INTO runs (${insert.columns}) SELECT ${insert.values} FROM import_runs x WHERE CAST(x.run_id AS INTEGER) = $1 RETURNING run_id`,
      [exportedRunId],
    );
    out.push({ exportedRunId, runId: Number(created.run_id), added: true });
  }
  return out;
}
