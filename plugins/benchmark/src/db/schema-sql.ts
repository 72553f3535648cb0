import { BENCH_METRICS } from '../config/bench-config.js';

/** Version of the results database layout; bumped on any incompatible change. */
export const RESULTS_SCHEMA_VERSION = 1;

/** Job states. `queued` and `running` are unfinished; the others are final. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'timeout', 'budget'] as const;

/** One of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Metric columns: `<metric>` (cumulative) and `<metric>_windowed`, both DOUBLE (NaN when undefined). */
export const METRIC_COLUMNS = BENCH_METRICS.flatMap((m) => [m, `${m}_windowed`]);

const metricColumnsDdl = METRIC_COLUMNS.map((c) => `  ${c} DOUBLE,`).join('\n');

/**
 * The DDL of the results database (documented in docs/benchmark.md).
 * No FOREIGN KEY clauses: DuckDB rewrites some updates of referenced rows as
 * delete + insert and would reject them; the relations are documented instead.
 */
export const RESULTS_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS run_ids START 1;
CREATE SEQUENCE IF NOT EXISTS job_ids START 1;
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY DEFAULT nextval('run_ids'),
  name VARCHAR,
  config_hash VARCHAR NOT NULL,
  config_path VARCHAR,
  config_text VARCHAR NOT NULL,
  config_json JSON NOT NULL,
  workers INTEGER NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  status VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
  job_id INTEGER PRIMARY KEY DEFAULT nextval('job_ids'),
  run_id INTEGER NOT NULL,
  job_key VARCHAR NOT NULL,
  job_hash VARCHAR NOT NULL,
  job_index INTEGER NOT NULL,
  retired BOOLEAN NOT NULL DEFAULT false,
  learner VARCHAR NOT NULL,
  learner_id VARCHAR NOT NULL,
  params JSON NOT NULL,
  implementation VARCHAR NOT NULL,
  stream VARCHAR NOT NULL,
  stream_spec VARCHAR NOT NULL,
  seed INTEGER NOT NULL,
  max_instances INTEGER,
  time_budget_s DOUBLE,
  memory_budget_mb DOUBLE,
  cap_reason VARCHAR,
  status VARCHAR NOT NULL CHECK (status IN (${JOB_STATUSES.map((s) => `'${s}'`).join(', ')})),
  error_code VARCHAR,
  error VARCHAR,
  attempts INTEGER NOT NULL DEFAULT 0,
  started_at TIMESTAMP,
  finished_at TIMESTAMP,
  UNIQUE (run_id, job_key)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  job_id INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  instances INTEGER NOT NULL,
${metricColumnsDdl}
  other_metrics JSON,
  predict_cpu_s DOUBLE,
  learn_cpu_s DOUBLE,
  wall_s DOUBLE,
  instances_per_s DOUBLE,
  model_bytes DOUBLE,
  model JSON,
  peak_rss_bytes DOUBLE,
  PRIMARY KEY (job_id, instances)
);
CREATE TABLE IF NOT EXISTS results (
  job_id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  instances INTEGER NOT NULL,
  window_size INTEGER,
${metricColumnsDdl}
  other_metrics JSON,
  predict_cpu_s DOUBLE,
  learn_cpu_s DOUBLE,
  cpu_s DOUBLE,
  wall_s DOUBLE,
  instances_per_s DOUBLE,
  model_bytes DOUBLE,
  model JSON,
  peak_rss_bytes DOUBLE,
  classes JSON,
  drift_positions JSON,
  stopped_early VARCHAR,
  started_at TIMESTAMP,
  finished_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS environment (
  run_id INTEGER NOT NULL,
  recorded_at TIMESTAMP NOT NULL,
  tributary VARCHAR,
  node VARCHAR,
  river VARCHAR,
  moa VARCHAR,
  python VARCHAR,
  java VARCHAR,
  os VARCHAR,
  cpu VARCHAR,
  cpu_count INTEGER,
  memory_bytes DOUBLE,
  details JSON,
  PRIMARY KEY (run_id, recorded_at)
);
`;
