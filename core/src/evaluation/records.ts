/** Values of every metric at a point: `{ accuracy: 0.81, kappa: 0.6, ... }`. */
export type MetricValues = Record<string, number>;

/** One checkpoint of a prequential run (one JSON line in the results file). */
export interface CheckpointRecord {
  type: 'checkpoint';
  /** Run identifier (unique per learner × stream × seed run). */
  runId: string;
  /** Instances processed so far. */
  instances: number;
  /** Metrics over the whole stream so far. */
  cumulative: MetricValues;
  /** Metrics over the last `windowSize` instances. */
  windowed: MetricValues;
  /** CPU seconds spent in predict / learn so far (where the learner runs). */
  predictCpuSeconds: number;
  learnCpuSeconds: number;
  /** Wall seconds since the run started (includes reading the stream and transport). */
  wallSeconds: number;
  /** Instances per wall second so far. */
  instancesPerSecond: number;
  /** Model measurements at this checkpoint (size in bytes and any others). */
  model: Record<string, number>;
  /** Peak resident set size of this process so far, in bytes. */
  peakRssBytes: number;
}

/** The final record of a run. */
export interface RunSummary {
  type: 'summary';
  runId: string;
  learner: string;
  implementation: string;
  params: Record<string, unknown>;
  stream: string;
  seed: number;
  instances: number;
  windowSize: number;
  cumulative: MetricValues;
  windowed: MetricValues;
  predictCpuSeconds: number;
  learnCpuSeconds: number;
  cpuSeconds: number;
  wallSeconds: number;
  instancesPerSecond: number;
  model: Record<string, number>;
  peakRssBytes: number;
  /** Classes seen in the stream, in index order. */
  classes: string[];
  /** Set when the run stopped early. */
  error?: { code: string; message: string };
  /** Ground-truth drift positions of the stream, when known. */
  driftPositions?: number[];
  startedAt: string;
  finishedAt: string;
}

/** Where results go as they are produced. */
export interface ResultSink {
  checkpoint(record: CheckpointRecord): void | Promise<void>;
  summary(record: RunSummary): void | Promise<void>;
}
