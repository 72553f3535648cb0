import type { CheckpointRecord, RunSummary } from '@tributary/core';
import type { BenchJob } from '../config/expand-jobs.js';

/** Everything a job worker needs to run one job. */
export interface WorkerJob {
  job: BenchJob;
  /** Sliding-window width, in instances. */
  windowSize: number;
  /** Instances between checkpoints. */
  checkpointEvery: number;
  /** Instances per test-then-train batch (evaluator default when absent). */
  batchSize?: number;
  /** Extra plugin modules of the config. */
  plugins: string[];
  /** Directory relative plugin paths are resolved against (the config's). */
  baseDir: string;
}

/** Parent → worker. */
export type ParentMessage = { type: 'start'; work: WorkerJob };

/** Worker → parent; sent in order, over IPC with structured-clone serialisation (NaN survives). */
export type WorkerMessage =
  | { type: 'checkpoint'; record: CheckpointRecord }
  | { type: 'progress'; instances: number; total?: number; rssBytes: number; accuracy: number }
  | { type: 'summary'; summary: RunSummary }
  | { type: 'error'; code: string; message: string; stack?: string };
