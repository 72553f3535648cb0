import { BaseLearner, type LearnerContext, type LearnerManifest } from '@tributary/core';

type TinyParams = { varianceFloor: number };

/**
 * A tiny Gaussian naive Bayes for tests: per class, a weighted running mean and
 * variance of every feature (nominal indices are treated as numbers). It
 * forgets nothing, so it is slow to follow an abrupt drift — what the drift
 * handling of the ensembles has to fix. Missing values are skipped.
 */
export class TinyGaussianNaiveBayes extends BaseLearner<TinyParams> {
  private classWeight = new Float64Array(0);
  private mean = new Float64Array(0);
  private m2 = new Float64Array(0);
  private featureWeight = new Float64Array(0);

  constructor(params: Partial<TinyParams> | undefined, context: LearnerContext) {
    super({ id: 'tiny-gaussian-nb', hyperparameters: TINY_HYPERPARAMETERS }, params, context);
  }

  private grow(k: number): void {
    const d = this.context.schema.numFeatures;
    if (this.classWeight.length >= k) return;
    const grow = (a: Float64Array, size: number) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.classWeight = grow(this.classWeight, k);
    this.mean = grow(this.mean, k * d);
    this.m2 = grow(this.m2, k * d);
    this.featureWeight = grow(this.featureWeight, k * d);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    this.grow(Math.max(this.numClasses, y + 1));
    const d = this.context.schema.numFeatures;
    this.classWeight[y] += weight;
    for (let j = 0; j < d; j++) {
      const v = x[j];
      if (Number.isNaN(v)) continue;
      const at = y * d + j;
      const w = (this.featureWeight[at] += weight);
      const delta = v - this.mean[at];
      this.mean[at] += (weight * delta) / w;
      this.m2[at] += weight * delta * (v - this.mean[at]);
    }
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    const d = this.context.schema.numFeatures;
    const known = Math.min(k, this.classWeight.length);
    let total = 0;
    for (let c = 0; c < known; c++) total += this.classWeight[c];
    if (total === 0) return;
    let best = -Infinity;
    for (let c = 0; c < known; c++) {
      if (this.classWeight[c] === 0) {
        out[c] = -Infinity;
        continue;
      }
      let logp = Math.log(this.classWeight[c] / total);
      for (let j = 0; j < d; j++) {
        const v = x[j];
        const at = c * d + j;
        if (Number.isNaN(v) || this.featureWeight[at] < 2) continue;
        const variance = Math.max(this.m2[at] / this.featureWeight[at], this.params.varianceFloor);
        const z = v - this.mean[at];
        logp += -0.5 * Math.log(2 * Math.PI * variance) - (z * z) / (2 * variance);
      }
      out[c] = logp;
      if (logp > best) best = logp;
    }
    for (let c = 0; c < known; c++) out[c] = out[c] === -Infinity ? 0 : Math.exp(out[c] - best);
  }
}

const TINY_HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  properties: { varianceFloor: { type: 'number', default: 1e-4, exclusiveMinimum: 0, description: 'Smallest variance used in the Gaussian densities.' } },
  additionalProperties: false,
};

/** Manifest of the tiny Gaussian naive Bayes (tests only). */
export const tinyGaussianNaiveBayesManifest: LearnerManifest<TinyParams> = {
  id: 'tiny-gaussian-nb',
  kind: 'learner',
  version: '0.0.0',
  description: 'Test-only Gaussian naive Bayes.',
  hyperparameters: TINY_HYPERPARAMETERS,
  create: (params, context) => new TinyGaussianNaiveBayes(params, context),
};
