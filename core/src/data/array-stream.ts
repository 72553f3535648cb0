import type { Batch } from './batch.js';
import type { StreamSchema } from './schema.js';
import type { StreamInfo, StreamSource } from './stream.js';

/**
 * A stream over instances held in memory (tests, replays, embedding). Labels
 * are class indices into `schema.classes`; `revealClasses` makes labels appear
 * in the schema only when the row holding them is read, as a file reader would.
 */
export class ArrayStream implements StreamSource {
  readonly info: StreamInfo;
  private position = 0;
  private readonly labelsInOrder: string[];

  constructor(
    readonly id: string,
    readonly schema: StreamSchema,
    private readonly x: Float64Array,
    private readonly y: Int32Array,
    options: { info?: StreamInfo; revealClasses?: string[] } = {},
  ) {
    this.info = { rows: y.length, ...options.info };
    this.labelsInOrder = options.revealClasses ?? [];
  }

  async nextBatch(maxRows: number): Promise<Batch | null> {
    const n = Math.min(maxRows, this.y.length - this.position);
    if (n <= 0) return null;
    const d = this.schema.numFeatures;
    const from = this.position;
    this.position += n;
    for (let i = from; i < from + n; i++) {
      const label = this.labelsInOrder[this.y[i]];
      if (label !== undefined) this.schema.addClass(label);
    }
    return { n, d, x: this.x.subarray(from * d, (from + n) * d), y: this.y.subarray(from, from + n) };
  }

  async close(): Promise<void> {}

  /** Starts again from the first instance. */
  rewind(): void {
    this.position = 0;
  }
}
