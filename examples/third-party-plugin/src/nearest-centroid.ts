import { BaseLearner, type HyperparametersSchema, type LearnerContext, type LearnerManifest } from '@tributary/core';

const hyperparameters: HyperparametersSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    fadingFactor: {
      type: 'number',
      default: 1,
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'Weight kept by past instances at each update (1 = plain running mean; below 1 forgets, to follow drift).',
    },
  },
};

type Params = { fadingFactor: number };

/**
 * Predicts the class whose running centroid of numeric features is nearest
 * (Euclidean, missing features skipped); probabilities by a softmax of minus the
 * squared distances. Nominal features are ignored.
 */
export class NearestCentroid extends BaseLearner<Params> {
  private sums = new Float64Array(0); // class × feature weighted sums
  private weights = new Float64Array(0); // class × feature weights
  private readonly d: number;
  private distances = new Float64Array(0);

  constructor(params: Partial<Params>, context: LearnerContext) {
    super({ id: 'nearest-centroid', hyperparameters }, params, context);
    this.d = context.schema.numFeatures;
  }

  private ensureClasses(k: number): void {
    if (this.weights.length >= k * this.d) return;
    const sums = new Float64Array(k * this.d);
    sums.set(this.sums);
    const weights = new Float64Array(k * this.d);
    weights.set(this.weights);
    this.sums = sums;
    this.weights = weights;
    this.distances = new Float64Array(k);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    this.ensureClasses(Math.max(y + 1, this.numClasses));
    const { d } = this;
    const schema = this.context.schema;
    const fade = this.params.fadingFactor;
    for (let j = 0; j < d; j++) {
      if (schema.isNominal(j) || Number.isNaN(x[j])) continue;
      const cell = y * d + j;
      this.sums[cell] = fade * this.sums[cell] + weight * x[j];
      this.weights[cell] = fade * this.weights[cell] + weight;
    }
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.ensureClasses(k);
    const { d } = this;
    const schema = this.context.schema;
    let best = Infinity;
    let known = 0;
    for (let c = 0; c < k; c++) {
      let distance = 0;
      let seen = false;
      for (let j = 0; j < d; j++) {
        const w = this.weights[c * d + j];
        if (w <= 0) continue;
        seen = true;
        if (schema.isNominal(j) || Number.isNaN(x[j])) continue;
        const delta = x[j] - this.sums[c * d + j] / w;
        distance += delta * delta;
      }
      this.distances[c] = seen ? distance : Infinity;
      if (seen) known++;
      if (distance < best && seen) best = distance;
    }
    if (known === 0) return;
    // Softmax of -distance / scale, shifted by the best distance for stability.
    for (let c = 0; c < k; c++) out[c] = this.distances[c] === Infinity ? 0 : Math.exp(-(this.distances[c] - best) * 20);
  }
}

/** The plugin's manifest: what Tributary's registry reads. */
export const nearestCentroidManifest: LearnerManifest<Params> = {
  id: 'nearest-centroid',
  kind: 'learner',
  version: '0.1.0',
  description: 'Nearest running class centroid (example third-party plugin).',
  family: 'example',
  hyperparameters,
  create: (params, context) => new NearestCentroid(params, context),
};
