/**
 * A batch of instances: row-major features (`n × d`, NaN = missing, nominal
 * values as indices) and class indices. Streams deliver batches so the
 * evaluator's hot loop stays synchronous; semantics remain per instance.
 */
export interface Batch {
  /** Number of instances in the batch. */
  readonly n: number;
  /** Number of features per instance. */
  readonly d: number;
  /** Row-major features, length at least `n * d`. */
  readonly x: Float64Array;
  /** Class index per instance, length at least `n`. */
  readonly y: Int32Array;
  /** Optional instance weights (default 1). */
  readonly w?: Float64Array;
}

/** Allocates an empty batch able to hold `capacity` rows of `d` features. */
export function allocateBatch(capacity: number, d: number): { x: Float64Array; y: Int32Array } {
  return { x: new Float64Array(capacity * d), y: new Int32Array(capacity) };
}

/** A view of row `i` of a batch (no copy). */
export function rowView(batch: Batch, i: number): Float64Array {
  return batch.x.subarray(i * batch.d, (i + 1) * batch.d);
}
