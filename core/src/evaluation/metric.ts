/**
 * One prequential observation, as the evaluator hands it to every metric.
 * The evaluator fills the baselines once so each metric stays O(1) or O(k).
 */
export interface Observation {
  /** True class index. */
  y: number;
  /** Predicted class index (argmax of `proba`, first maximum; 0 when all are 0). */
  predicted: number;
  /** Probabilities over `k` classes (a view; copy what you keep). */
  proba: Float64Array;
  /** Number of classes known when predicting. */
  k: number;
  /** Instance weight. */
  weight: number;
  /** Whether the majority-class classifier (class counts seen before this instance) was right. */
  majorityCorrect: boolean;
  /** Whether the no-change classifier (the previous true label) was right. */
  noChangeCorrect: boolean;
}

/** State of one metric over the whole stream or over a sliding window. */
export interface MetricAccumulator {
  /** Adds the newest observation. */
  update(obs: Observation): void;
  /**
   * Removes the oldest observation still counted (windowed use; observations are
   * reverted in arrival order). Required unless the descriptor builds its own window.
   */
  revert?(obs: Observation): void;
  /** Current value (NaN when undefined, e.g. before any observation). */
  value(): number;
}

/** A metric: how to build its accumulators. */
export interface MetricDescriptor {
  /** Stable id, e.g. `accuracy`, `kappa`, `auc`. */
  id: string;
  /** One line. */
  description: string;
  /** Whether larger values are better (for ranks). */
  higherIsBetter: boolean;
  /** A cumulative accumulator (whole stream so far). */
  create(): MetricAccumulator;
  /** A sliding-window accumulator when the metric keeps its own window; otherwise the evaluator reverts. */
  createWindowed?(windowSize: number): MetricAccumulator;
}
