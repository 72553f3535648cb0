import type { Batch } from '../data/batch.js';

/** Cost of one test-then-train batch, measured where the learner runs. */
export interface BatchCost {
  /** CPU seconds spent predicting. */
  predictCpuSeconds: number;
  /** CPU seconds spent learning. */
  learnCpuSeconds: number;
}

/** Measurements of a model at a point of the stream. */
export interface ModelMeasurements {
  /** Model size in bytes as the implementation measures it (-1 when unknown). */
  sizeBytes: number;
  [name: string]: number;
}

/**
 * What the evaluator drives: a learner running in process (native) or in a
 * server (River, MOA). Keeps prequential semantics exact with one call per batch.
 */
export interface LearnerSession {
  /** Learner id as given (e.g. `hoeffding-tree`, `moa:trees.HoeffdingTree`). */
  readonly learnerId: string;
  /** Which implementation runs it: `native`, `river`, `moa`, `capymoa`, ... */
  readonly implementation: string;
  /** Hyperparameters as the implementation received them. */
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * Rows per `testThenTrain` call this session runs best with, which the evaluator uses when no
   * batch size is configured: a bridge pays for every round trip, so it asks for large batches.
   * The batch size never changes what is computed: every row is still predicted, then learned, in order.
   */
  readonly preferredBatchSize?: number;
  /**
   * For each row in order: predict (probabilities into `proba`, row-major `n × k`), then learn.
   * `k` is the number of classes known when the batch was read; rows a learner has no opinion on stay zero.
   */
  testThenTrain(batch: Batch, proba: Float64Array, k: number): Promise<BatchCost>;
  /** Current model measurements. */
  measure(): Promise<ModelMeasurements>;
  /** Releases the learner (and its server, for bridges). */
  dispose(): Promise<void>;
}
