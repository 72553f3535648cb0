import type { Batch, StreamInfo, StreamSchema, StreamSource } from '@tributary/core';

/**
 * A synthetic source producing one instance at a time, synchronously. Generators
 * are infinite; `GeneratorStream` bounds them and serves batches. Drift streams
 * compose generators instance by instance, as MOA's ConceptDriftStream does.
 */
export interface InstanceGenerator {
  readonly schema: StreamSchema;
  /** Ground-truth drifts inside the generator (1-based instance positions as MOA counts). */
  readonly driftPositions?: readonly number[];
  /** Widths parallel to `driftPositions` (1 = abrupt). */
  readonly driftWidths?: readonly number[];
  /** Writes the next instance's features into `x[offset .. offset+d)`; returns its class index. */
  nextInstance(x: Float64Array, offset: number): number;
  /** Back to the first instance (same seeds, same stream). */
  restart(): void;
}

/** Serves an instance generator as a (bounded) `StreamSource`, reusing its batch buffers. */
export class GeneratorStream implements StreamSource {
  readonly info: StreamInfo;
  private produced = 0;
  private x = new Float64Array(0);
  private y = new Int32Array(0);
  private readonly limit: number;

  constructor(
    readonly id: string,
    readonly generator: InstanceGenerator,
    options: { maxInstances?: number; description?: string } = {},
  ) {
    this.limit = options.maxInstances ?? Infinity;
    // Ground truth of the stream as delivered: drifts centred past the bound are left out.
    const positions = generator.driftPositions ?? [];
    const kept = positions.map((_, i) => i).filter((i) => positions[i] <= this.limit);
    this.info = {
      ...(Number.isFinite(this.limit) ? { rows: this.limit } : {}),
      ...(kept.length > 0 ? { driftPositions: kept.map((i) => positions[i]), driftWidths: kept.map((i) => generator.driftWidths?.[i] ?? 1) } : {}),
      ...(options.description ? { description: options.description } : {}),
    };
  }

  get schema(): StreamSchema {
    return this.generator.schema;
  }

  async nextBatch(maxRows: number): Promise<Batch | null> {
    return this.nextBatchSync(maxRows);
  }

  /** Synchronous form of `nextBatch` (generators never wait). */
  nextBatchSync(maxRows: number): Batch | null {
    const n = Math.min(maxRows, this.limit - this.produced);
    if (n <= 0) return null;
    const d = this.generator.schema.numFeatures;
    if (this.y.length < n) {
      this.x = new Float64Array(n * d);
      this.y = new Int32Array(n);
    }
    const { x, y, generator } = this;
    for (let i = 0; i < n; i++) y[i] = generator.nextInstance(x, i * d);
    this.produced += n;
    return { n, d, x, y };
  }

  async close(): Promise<void> {}
}
