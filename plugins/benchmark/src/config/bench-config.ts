/** Metric ids the evaluator computes and the report can rank on. */
export const BENCH_METRICS = ['accuracy', 'kappa', 'kappa_m', 'kappa_t', 'f1_macro', 'log_loss', 'auc'] as const;

/** One of {@link BENCH_METRICS}. */
export type BenchMetricId = (typeof BENCH_METRICS)[number];

/** Per-job budget. */
export interface JobBudget {
  /** Wall-time budget of one job, in seconds (none when absent). */
  timeSeconds?: number;
  /** Resident memory budget of one job (worker plus bridge server), in MiB (none when absent). */
  memoryMB?: number;
}

/** A learner entry of the config, object form. */
export interface LearnerEntry extends JobBudget {
  /** Learner id or spec string. */
  id: string;
  /** Hyperparameters merged over the spec's. */
  params?: Record<string, unknown>;
  /** Name in results (defaults to the spec). */
  label?: string;
  /** Run once per seed (true) or once (false); defaults from the manifest. */
  randomized?: boolean;
  /** Instance cap on every stream. */
  maxInstances?: number;
}

/** A stream entry of the config, object form. */
export interface StreamEntry {
  /** Stream name or spec; `{seed}` is replaced by the job's seed. */
  spec: string;
  /** Name in results (defaults to the spec). */
  label?: string;
  /** Instance cap for every learner on this stream. */
  maxInstances?: number;
}

/** A cap for learner × stream pairs matching two wildcard patterns. */
export interface LimitRule extends JobBudget {
  /** Pattern (`*` wildcard) on the learner label or id. Default `*`. */
  learner: string;
  /** Pattern (`*` wildcard) on the stream label or spec. Default `*`. */
  stream: string;
  maxInstances?: number;
  /** Why the cap exists. */
  reason?: string;
}

/** A validated benchmark config, defaults filled in (see `schema/bench-config.schema.json`). */
export interface BenchConfig {
  name?: string;
  description?: string;
  /** Extra plugin modules (package names or paths relative to the config file). */
  plugins: string[];
  seeds: number[];
  metrics: BenchMetricId[];
  evaluator: {
    /** Sliding-window width, in instances. Default 1000. */
    windowSize: number;
    /** Instances between checkpoints. Default 10000. */
    checkpointEvery: number;
    /** Instances per test-then-train batch (evaluator default when absent). */
    batchSize?: number;
  };
  /** Global instance cap per job. */
  maxInstances?: number;
  budget?: JobBudget;
  learners: (string | LearnerEntry)[];
  streams: (string | StreamEntry)[];
  limits: LimitRule[];
}

/** A config as loaded from a file: the validated object plus where it came from. */
export interface LoadedBenchConfig {
  config: BenchConfig;
  /** Absolute path of the file (undefined when loaded from text). */
  path?: string;
  /** The file's text, stored with the run. */
  text: string;
  /** SHA-256 (hex) of the canonical JSON of `config`: equal for equal configs whatever the formatting. */
  hash: string;
}
