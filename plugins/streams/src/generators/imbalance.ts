import { Random, TributaryError, type StreamSchema } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Parameters of the class-imbalance filter (MOA `streams.ImbalancedStream`). */
export interface ImbalanceParams {
  /** Share of each class in the output, summing to 1 (MOA -c classRatio, default [0.9, 0.1]). */
  classRatio: number[];
  /** Seed of the class choice (MOA -i instanceRandomSeed, default 1). */
  seed: number;
}

/**
 * Resamples a stream to given class shares, as MOA's ImbalancedStream: draw the
 * class of the next instance from `classRatio`, then take the oldest buffered
 * instance of that class, generating (and buffering by class) until one exists.
 */
export class ImbalanceGenerator implements InstanceGenerator {
  readonly schema: StreamSchema;
  private random!: Random;
  private readonly buffers: { rows: Float64Array[]; head: number }[];
  private readonly scratch: Float64Array;
  private readonly cumulative: Float64Array;

  constructor(private readonly inner: InstanceGenerator, readonly params: ImbalanceParams) {
    this.schema = inner.schema;
    const k = inner.schema.numClasses;
    if (params.classRatio.length > k) {
      throw new TributaryError('INVALID_SPEC', `imbalance: ${params.classRatio.length} class ratios given but the stream has ${k} classes (${inner.schema.classes.join(', ')})`);
    }
    const sum = params.classRatio.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) throw new TributaryError('INVALID_SPEC', `imbalance: classRatio must sum to 1, got ${params.classRatio.join(', ')} (sum ${sum})`);
    this.cumulative = new Float64Array(params.classRatio);
    this.buffers = Array.from({ length: k }, () => ({ rows: [], head: 0 }));
    this.scratch = new Float64Array(inner.schema.numFeatures);
    this.restart();
  }

  get driftPositions(): readonly number[] | undefined {
    return this.inner.driftPositions;
  }

  get driftWidths(): readonly number[] | undefined {
    return this.inner.driftWidths;
  }

  restart(): void {
    this.inner.restart();
    this.random = new Random(this.params.seed);
    for (const b of this.buffers) {
      b.rows = [];
      b.head = 0;
    }
  }

  nextInstance(x: Float64Array, offset: number): number {
    let p = this.random.nextDouble();
    let wanted = -1;
    while (p > 0 && wanted < this.cumulative.length - 1) {
      wanted++;
      p -= this.cumulative[wanted];
    }
    if (wanted < 0) wanted = 0;
    const buffer = this.buffers[wanted];
    let tries = 0;
    while (buffer.head >= buffer.rows.length) {
      if (++tries > 10_000_000) {
        throw new TributaryError('INVALID_SPEC', `imbalance: the stream produced no instance of class "${this.schema.classes[wanted]}" in 10,000,000 draws; give that class a ratio of 0`);
      }
      const y = this.inner.nextInstance(this.scratch, 0);
      const target = this.buffers[y];
      if (target.head > 1024 && target.head * 2 > target.rows.length) {
        target.rows = target.rows.slice(target.head);
        target.head = 0;
      }
      target.rows.push(this.scratch.slice());
    }
    x.set(buffer.rows[buffer.head], offset);
    buffer.rows[buffer.head++] = EMPTY;
    return wanted;
  }
}

const EMPTY = new Float64Array(0);
