import { Random, StreamSchema } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Parameters of LED (MOA `generators.LEDGenerator` / `LEDGeneratorDrift`). */
export interface LedParams {
  /** Seed of the instance generator (MOA -i, default 1). */
  seed: number;
  /** Percentage chance that each of the 7 segments is inverted (MOA -n noisePercentage, default 10). */
  noisePercentage: number;
  /** Keep only the 7 relevant segments; otherwise 17 random binary attributes follow (MOA -s, default false). */
  suppressIrrelevantAttributes: boolean;
  /** Number of relevant segments swapped with irrelevant attributes (MOA -d numberAttributesDrift, default 1; drift variant only, 0 = plain LED). */
  numberAttributesDrift?: number;
}

/** Segments lit for each digit 0..9 (seven-segment display). */
const SEGMENTS = [
  [1, 1, 1, 0, 1, 1, 1], [0, 0, 1, 0, 0, 1, 0], [1, 0, 1, 1, 1, 0, 1], [1, 0, 1, 1, 0, 1, 1], [0, 1, 1, 1, 0, 1, 0],
  [1, 1, 0, 1, 0, 1, 1], [1, 1, 0, 1, 1, 1, 1], [1, 0, 1, 0, 0, 1, 0], [1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 1, 1],
];
const IRRELEVANT = 17;

/**
 * LED display digits (Breiman et al. 1984): 7 binary segments with noise, 10
 * classes, optionally 17 irrelevant binary attributes. The drift variant swaps
 * the first `numberAttributesDrift` segments with irrelevant attributes (a
 * different concept to drift to). MOA's draw order.
 */
export class LedGenerator implements InstanceGenerator {
  readonly schema: StreamSchema;
  private random!: Random;
  /** Output position of each logical attribute (identity unless drifted). */
  private readonly position: Int32Array;

  constructor(readonly params: LedParams) {
    const d = params.suppressIrrelevantAttributes ? 7 : 7 + IRRELEVANT;
    this.schema = new StreamSchema(
      Array.from({ length: d }, (_, i) => ({ name: `att${i + 1}`, kind: 'nominal' as const, values: ['0', '1'] })),
      'class',
      Array.from({ length: 10 }, (_, i) => String(i)),
    );
    this.position = Int32Array.from({ length: 7 + IRRELEVANT }, (_, i) => i);
    const drift = params.numberAttributesDrift ?? 0;
    if (!params.suppressIrrelevantAttributes) {
      for (let i = 0; i < drift; i++) {
        const a = i % 7;
        const b = 7 + (i % IRRELEVANT);
        this.position[a] = b;
        this.position[b] = a;
      }
    }
    this.restart();
  }

  restart(): void {
    this.random = new Random(this.params.seed);
  }

  nextInstance(x: Float64Array, offset: number): number {
    const r = this.random;
    const digit = r.nextInt(10);
    const lit = SEGMENTS[digit];
    const noise = this.params.noisePercentage;
    for (let i = 0; i < 7; i++) {
      const flip = 1 + r.nextInt(100) <= noise;
      x[offset + this.position[i]] = flip ? 1 - lit[i] : lit[i];
    }
    if (!this.params.suppressIrrelevantAttributes) {
      for (let i = 0; i < IRRELEVANT; i++) x[offset + this.position[i + 7]] = r.nextInt(2);
    }
    return digit;
  }
}
