import { Random, StreamSchema } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Parameters of RandomRBF (MOA `generators.RandomRBFGenerator` / `RandomRBFGeneratorDrift`). */
export interface RandomRbfParams {
  /** Seed of the model: centroids, their classes, spreads and weights (MOA -r modelRandomSeed, default 1). */
  modelSeed: number;
  /** Seed of the instance generator (MOA -i instanceRandomSeed, default 1). */
  seed: number;
  /** Number of classes (MOA -c numClasses, default 2). */
  numClasses: number;
  /** Number of attributes (MOA -a numAtts, default 10). */
  numAtts: number;
  /** Number of centroids (MOA -n numCentroids, default 50). */
  numCentroids: number;
  /** Distance a drifting centroid moves per instance (MOA -s speedChange, default 0; drift variant only). */
  speedChange?: number;
  /** Number of centroids that drift (MOA -k numDriftCentroids, default 50; drift variant only). */
  numDriftCentroids?: number;
}

/**
 * Random radial basis functions: centroids with a random centre in [0,1)^a, a
 * class, a spread and a weight; an instance picks a centroid by weight and lies
 * in a random direction at a Gaussian distance scaled by the spread. The drift
 * variant moves `numDriftCentroids` centres by `speedChange` per instance,
 * bouncing off the unit cube (incremental drift). MOA's draw order.
 */
export class RandomRbfGenerator implements InstanceGenerator {
  readonly schema: StreamSchema;
  private random!: Random;
  private centres!: Float64Array; // numCentroids × numAtts
  private labels!: Int32Array;
  private spreads!: Float64Array;
  private weights!: Float64Array;
  private weightSum = 0;
  private speeds!: Float64Array; // drifting centroids × numAtts
  private driftingCentroids = 0;
  private readonly direction: Float64Array;

  constructor(readonly params: RandomRbfParams) {
    this.schema = new StreamSchema(
      Array.from({ length: params.numAtts }, (_, i) => ({ name: `att${i + 1}`, kind: 'numeric' as const })),
      'class',
      Array.from({ length: params.numClasses }, (_, i) => `class${i + 1}`),
    );
    this.direction = new Float64Array(params.numAtts);
    this.restart();
  }

  private generateModel(): void {
    const { numCentroids, numAtts, numClasses } = this.params;
    const model = new Random(this.params.modelSeed);
    this.centres = new Float64Array(numCentroids * numAtts);
    this.labels = new Int32Array(numCentroids);
    this.spreads = new Float64Array(numCentroids);
    this.weights = new Float64Array(numCentroids);
    for (let c = 0; c < numCentroids; c++) {
      for (let j = 0; j < numAtts; j++) this.centres[c * numAtts + j] = model.nextDouble();
      this.labels[c] = model.nextInt(numClasses);
      this.spreads[c] = model.nextDouble();
      this.weights[c] = model.nextDouble();
    }
    this.weightSum = 0;
    for (let c = 0; c < numCentroids; c++) this.weightSum += this.weights[c];
    // MOA draws the drift speeds from a fresh generator with the same model seed.
    this.driftingCentroids = Math.min(this.params.numDriftCentroids ?? 0, numCentroids);
    if (!(this.params.speedChange && this.params.speedChange > 0)) this.driftingCentroids = 0;
    const speedRandom = new Random(this.params.modelSeed);
    this.speeds = new Float64Array(this.driftingCentroids * numAtts);
    for (let c = 0; c < this.driftingCentroids; c++) {
      let norm = 0;
      for (let j = 0; j < numAtts; j++) {
        const v = speedRandom.nextDouble();
        this.speeds[c * numAtts + j] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      for (let j = 0; j < numAtts; j++) this.speeds[c * numAtts + j] /= norm;
    }
  }

  restart(): void {
    this.generateModel();
    this.random = new Random(this.params.seed);
  }

  private moveCentroids(): void {
    const a = this.params.numAtts;
    const speed = this.params.speedChange!;
    for (let c = 0; c < this.driftingCentroids; c++) {
      for (let j = 0; j < a; j++) {
        const k = c * a + j;
        let v = this.centres[k] + this.speeds[k] * speed;
        if (v > 1) {
          v = 1;
          this.speeds[k] = -this.speeds[k];
        }
        if (v < 0) {
          v = 0;
          this.speeds[k] = -this.speeds[k];
        }
        this.centres[k] = v;
      }
    }
  }

  nextInstance(x: Float64Array, offset: number): number {
    if (this.driftingCentroids > 0) this.moveCentroids();
    const r = this.random;
    const a = this.params.numAtts;
    // MOA's chooseRandomIndexBasedOnWeights
    const target = r.nextDouble() * this.weightSum;
    let index = 0;
    let sum = 0;
    const n = this.weights.length;
    while (sum <= target && index < n) sum += this.weights[index++];
    const c = index - 1;
    const dir = this.direction;
    let magnitude = 0;
    for (let j = 0; j < a; j++) {
      const v = r.nextDouble() * 2 - 1;
      dir[j] = v;
      magnitude += v * v;
    }
    magnitude = Math.sqrt(magnitude);
    const scale = (r.nextGaussian() * this.spreads[c]) / magnitude;
    for (let j = 0; j < a; j++) x[offset + j] = this.centres[c * a + j] + dir[j] * scale;
    return this.labels[c];
  }
}
