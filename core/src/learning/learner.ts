import type { Batch } from '../data/batch.js';
import type { StreamSchema } from '../data/schema.js';
import type { LearnerManifest } from '../plugins/manifest.js';

/** A learner given by id with parameters, e.g. `{ id: 'hoeffding-tree', params: { gracePeriod: 100 } }` or `"hoeffding-tree(gracePeriod=100)"`. */
export type LearnerSpec = string | { id: string; params?: Record<string, unknown> };

/** What a learner is built with besides its hyperparameters. */
export interface LearnerContext {
  /** The stream's schema; shared and growing (classes and nominal values are append-only). */
  readonly schema: StreamSchema;
  /** Seed of every random choice the learner makes. Same seed → same predictions. */
  readonly seed: number;
  /**
   * Builds a nested learner (an ensemble's base learner, a selector's candidate).
   * Provided by the registry; absent when a learner is constructed by hand without one.
   */
  readonly createLearner?: (spec: LearnerSpec, context: LearnerContext) => Learner;
  /**
   * The manifest of a learner id (its hyperparameter schema, family, search annotations),
   * for learners that build search spaces over other learners. Provided by the registry.
   */
  readonly describeLearner?: (id: string) => LearnerManifest;
}

/**
 * The learner contract: learns one instance at a time and predicts class probabilities.
 *
 * Implementations are synchronous and must not allocate per instance in their hot paths.
 */
export interface Learner {
  /** Stable plugin id (never derived from the class name). */
  readonly id: string;
  /** Validated hyperparameters with defaults filled in; frozen. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Context the learner was built with. */
  readonly context: LearnerContext;

  /** Learns one instance. `x` holds features (NaN = missing), `y` a class index; `weight` defaults to 1. */
  learnOne(x: Float64Array, y: number, weight?: number): void;

  /**
   * Class probabilities for `x` over the classes known now (`schema.numClasses`).
   * Writes into `out` when given (length ≥ numClasses; the first numClasses entries are written)
   * and returns the array written. All zeros means "no opinion yet".
   */
  predictProbaOne(x: Float64Array, out?: Float64Array): Float64Array;

  /** Learns every row of a batch in order; equal to a loop of `learnOne`. */
  learnBatch(batch: Batch): void;

  /**
   * Predicts every row of a batch (no learning in between) into `out` (`n × k`, row-major,
   * `k = schema.numClasses` at call time); equal to a loop of `predictProbaOne`.
   */
  predictProbaBatch(batch: Batch, out?: Float64Array): Float64Array;

  /** A fresh, unlearned learner with the same hyperparameters and context. */
  clone(): Learner;

  /** Model size in bytes (deep size of its state; see `deepSizeOf`). */
  sizeInBytes(): number;

  /** Optional model measurements beyond size (e.g. number of nodes, leaves, members). */
  measurements?(): Record<string, number>;
}

/** Index of the largest entry among the first `k` (first maximum wins, as in MOA; 0 when all are 0). */
export function argMax(p: ArrayLike<number>, k: number = p.length, offset = 0): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < k; i++) {
    const v = p[offset + i];
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

/** Scales the first `k` entries of `p` to sum to 1 when their sum is positive; leaves all-zero vectors alone. */
export function normalizeInPlace(p: Float64Array, k: number = p.length): Float64Array {
  let sum = 0;
  for (let i = 0; i < k; i++) sum += p[i];
  if (sum > 0 && Number.isFinite(sum)) {
    const inv = 1 / sum;
    for (let i = 0; i < k; i++) p[i] *= inv;
  }
  return p;
}
