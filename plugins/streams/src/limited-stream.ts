import type { Batch, StreamInfo, StreamSchema, StreamSource } from '@tributary/core';

/** A stream cut after `maxInstances` instances (the `--max-instances` bound). */
export class LimitedStream implements StreamSource {
  readonly info: StreamInfo;
  private remaining: number;

  constructor(private readonly inner: StreamSource, maxInstances: number) {
    this.remaining = maxInstances;
    const rows = inner.info.rows === undefined ? maxInstances : Math.min(inner.info.rows, maxInstances);
    this.info = { ...inner.info, rows };
  }

  get id(): string {
    return this.inner.id;
  }

  get schema(): StreamSchema {
    return this.inner.schema;
  }

  async nextBatch(maxRows: number): Promise<Batch | null> {
    if (this.remaining <= 0) return null;
    const batch = await this.inner.nextBatch(Math.min(maxRows, this.remaining));
    if (!batch) return null;
    this.remaining -= batch.n;
    return batch;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
