import type { Batch } from './batch.js';
import type { StreamSchema } from './schema.js';

/** Facts about a stream known before reading it. */
export interface StreamInfo {
  /** Number of instances, when finite and known. */
  rows?: number;
  /** Ground-truth drift positions (instance index where each drift is centred). */
  driftPositions?: number[];
  /** Width of each drift (1 = abrupt), parallel to `driftPositions`. */
  driftWidths?: number[];
  /** Free-form description. */
  description?: string;
}

/**
 * A source of instances. Delivers batches; the arrays of a returned batch are
 * valid until the next call to `nextBatch` (sources may reuse them).
 * New class labels and nominal values are added to `schema` as they are read,
 * before the batch that contains them is returned.
 */
export interface StreamSource {
  /** Spec or name the stream was opened with. */
  readonly id: string;
  readonly schema: StreamSchema;
  readonly info: StreamInfo;
  /** Up to `maxRows` next instances, or null at the end of the stream. */
  nextBatch(maxRows: number): Promise<Batch | null>;
  /** Releases files or handles. */
  close(): Promise<void>;
}
