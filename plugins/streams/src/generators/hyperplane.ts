import { Random, StreamSchema } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Parameters of the rotating hyperplane (MOA `generators.HyperplaneGenerator`). */
export interface HyperplaneParams {
  /** Seed of the instance generator (MOA -i, default 1). */
  seed: number;
  /** Number of attributes (MOA -a numAtts, default 10). */
  numAtts: number;
  /** Number of attributes whose weight drifts (MOA -k numDriftAtts, default 2). */
  numDriftAtts: number;
  /** Change of each drifting weight per instance (MOA -t magChange, default 0). */
  magChange: number;
  /** Percentage of labels flipped (MOA -n noisePercentage, default 5). */
  noisePercentage: number;
  /** Percentage chance per instance that a drifting weight reverses direction (MOA -s sigmaPercentage, default 10). */
  sigmaPercentage: number;
}

/**
 * Rotating hyperplane (Hulten et al. 2001): attributes uniform in [0,1); class 1
 * when Σ wᵢxᵢ ≥ ½ Σ wᵢ. With `magChange` > 0 the first `numDriftAtts` weights
 * move by ±magChange after every instance (incremental drift). MOA's draw order.
 */
export class HyperplaneGenerator implements InstanceGenerator {
  readonly schema: StreamSchema;
  private random!: Random;
  private readonly weights: Float64Array;
  private readonly sigma: Int8Array;

  constructor(readonly params: HyperplaneParams) {
    this.schema = new StreamSchema(
      Array.from({ length: params.numAtts }, (_, i) => ({ name: `att${i + 1}`, kind: 'numeric' as const })),
      'class',
      ['class1', 'class2'],
    );
    this.weights = new Float64Array(params.numAtts);
    this.sigma = new Int8Array(params.numAtts);
    this.restart();
  }

  restart(): void {
    this.random = new Random(this.params.seed);
    for (let i = 0; i < this.params.numAtts; i++) {
      this.weights[i] = this.random.nextDouble();
      this.sigma[i] = i < this.params.numDriftAtts ? 1 : 0;
    }
  }

  nextInstance(x: Float64Array, offset: number): number {
    const r = this.random;
    const { numAtts, noisePercentage, numDriftAtts, magChange, sigmaPercentage } = this.params;
    const w = this.weights;
    let sum = 0;
    let sumWeights = 0;
    for (let i = 0; i < numAtts; i++) {
      const v = r.nextDouble();
      x[offset + i] = v;
      sum += w[i] * v;
      sumWeights += w[i];
    }
    let label = sum >= sumWeights * 0.5 ? 1 : 0;
    if (1 + r.nextInt(100) <= noisePercentage) label = 1 - label;
    const drifting = Math.min(numDriftAtts, numAtts);
    for (let i = 0; i < drifting; i++) {
      w[i] += this.sigma[i] * magChange;
      if (1 + r.nextInt(100) <= sigmaPercentage) this.sigma[i] = -this.sigma[i];
    }
    return label;
  }
}
