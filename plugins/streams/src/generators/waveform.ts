import { Random, StreamSchema } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Parameters of Waveform (MOA `generators.WaveformGenerator` / `WaveformGeneratorDrift`). */
export interface WaveformParams {
  /** Seed of the instance generator (MOA -i, default 1). */
  seed: number;
  /** Add 19 Gaussian noise attributes, 40 in all (MOA -n addNoise, default false). */
  addNoise: boolean;
  /** Number of attributes swapped to make a drifted concept (MOA -d numberAttributesDrift, default 0; drift variant only). */
  numberAttributesDrift?: number;
}

const BASE = 21;
const WITH_NOISE = 40;
const H = [
  [0, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1, 0],
  [0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0],
];
/** The two base waves mixed for each class. */
const PAIRS = [[0, 1], [0, 2], [1, 2]];

/**
 * Waveform (Breiman et al. 1984): 3 classes, each a random convex mix of two of
 * three triangular waves over 21 attributes plus unit Gaussian noise; optionally
 * 19 pure-noise attributes. The drift variant permutes attributes as MOA's
 * WaveformGeneratorDrift does (its two permutation draws come first).
 */
export class WaveformGenerator implements InstanceGenerator {
  readonly schema: StreamSchema;
  private random!: Random;
  private readonly position: Int32Array;
  private readonly d: number;

  constructor(readonly params: WaveformParams) {
    this.d = params.addNoise ? WITH_NOISE : BASE;
    this.schema = new StreamSchema(Array.from({ length: this.d }, (_, i) => ({ name: `att${i + 1}`, kind: 'numeric' as const })), 'class', ['class1', 'class2', 'class3']);
    this.position = new Int32Array(this.d);
    this.restart();
  }

  restart(): void {
    this.random = new Random(this.params.seed);
    for (let i = 0; i < this.d; i++) this.position[i] = i;
    if (this.params.numberAttributesDrift !== undefined) {
      const start = this.random.nextInt(this.d);
      const offset = this.random.nextInt(this.d);
      for (let i = 0; i < this.params.numberAttributesDrift; i++) {
        const a = (i + start) % this.d;
        const b = (i + offset) % this.d;
        const swap = this.position[a];
        this.position[a] = this.position[b];
        this.position[b] = swap;
      }
    }
  }

  nextInstance(x: Float64Array, offset: number): number {
    const r = this.random;
    const wave = r.nextInt(3);
    const [a, b] = PAIRS[wave];
    const ma = r.nextDouble();
    const mb = 1 - ma;
    const ha = H[a];
    const hb = H[b];
    for (let i = 0; i < BASE; i++) x[offset + this.position[i]] = ma * ha[i] + mb * hb[i] + r.nextGaussian();
    for (let i = BASE; i < this.d; i++) x[offset + this.position[i]] = r.nextGaussian();
    return wave;
  }
}
