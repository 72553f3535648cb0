import type { HyperparametersSchema, LearnerContext, LearnerManifest } from '@tributary/core';
import { LinearClassifier } from './linear-classifier.js';
import { STANDARDIZE_PARAMETER } from './standardize.js';

/** Hyperparameters of softmax regression. */
export type SoftmaxRegressionParams = {
  /** Learning rate of the plain SGD steps. Default 0.01 (River `optim.SGD(0.01)`). */
  learningRate: number;
  /** L2 penalty on the weights of the features present. Default 0. */
  l2: number;
  /** Standardise numeric features online. Default true. */
  standardize: boolean;
};

/** JSON Schema of softmax regression's hyperparameters (River's defaults; MOA has no softmax regression). */
export const SOFTMAX_REGRESSION_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    learningRate: { type: 'number', default: 0.01, exclusiveMinimum: 0, description: 'Learning rate of the SGD steps (River optimizer=optim.SGD(lr)).', 'x-search': { log: true, minimum: 1e-4, maximum: 1 } },
    l2: { type: 'number', default: 0, minimum: 0, description: 'L2 penalty on the weights of the features present in the instance.', 'x-search': { log: true, minimum: 1e-6, maximum: 0.1 } },
    standardize: STANDARDIZE_PARAMETER,
  },
  additionalProperties: false,
};

const INFO = { id: 'softmax-regression', hyperparameters: SOFTMAX_REGRESSION_HYPERPARAMETERS };

/**
 * Multinomial logistic (softmax) regression trained by plain SGD on the
 * cross-entropy, following River's `linear_model.SoftmaxRegression` (MOA has
 * none): p = softmax(W·x) over the classes seen in training; for every seen
 * class c, w_c −= lr·((p_c − [c = y])·x + l2·w_c) on the features present. As in
 * River there is no intercept, weights start at zero, and a class never seen
 * in training has probability 0. The instance weight scales the gradient
 * (River's learner takes none).
 */
export class SoftmaxRegression extends LinearClassifier<SoftmaxRegressionParams> {
  private seen = new Uint8Array(4);

  constructor(params: Partial<SoftmaxRegressionParams> | undefined, context: LearnerContext) {
    super(INFO, params, context);
  }

  protected fit(y: number, weight: number, nnz: number): void {
    const { learningRate, l2 } = this.params;
    if (this.seen.length < this.rows) {
      const grown = new Uint8Array(Math.max(this.rows, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    // Probabilities over the classes seen before this instance; a new class enters with p = 0.
    this.softmaxInPlace(this.scores, this.rows);
    this.seen[y] = 1;
    const index = this.encoder.index;
    for (let c = 0; c < this.rows; c++) {
      if (!this.seen[c]) continue;
      const g = (this.scores[c] - (c === y ? 1 : 0)) * weight;
      if (l2 > 0) {
        const base = c * this.stride;
        for (let i = 0; i < nnz; i++) this.weights[base + index[i]] *= 1 - learningRate * l2;
      }
      this.addScaled(c, -learningRate * g, nnz);
    }
  }

  protected scoresToProbabilities(out: Float64Array, rows: number): void {
    this.softmaxInPlace(this.scores, rows);
    for (let c = 0; c < rows; c++) out[c] = this.scores[c];
  }

  /** Replaces scores[0..rows) by the softmax over seen classes (0 for unseen ones). */
  private softmaxInPlace(scores: Float64Array, rows: number): void {
    let max = -Infinity;
    for (let c = 0; c < rows; c++) if (this.seen[c] && scores[c] > max) max = scores[c];
    let sum = 0;
    for (let c = 0; c < rows; c++) {
      const e = this.seen[c] ? Math.exp(scores[c] - max) : 0;
      scores[c] = e;
      sum += e;
    }
    if (sum > 0) for (let c = 0; c < rows; c++) scores[c] /= sum;
  }
}

/** Manifest of softmax regression. */
export const softmaxRegressionManifest: LearnerManifest<SoftmaxRegressionParams> = {
  id: 'softmax-regression',
  kind: 'learner',
  version: '0.1.0',
  description: 'Multinomial (softmax) regression by SGD on the cross-entropy, no intercept (River SoftmaxRegression defaults: lr 0.01, l2 0; MOA has none).',
  family: 'linear',
  references: ['bottou2010sgd', 'montiel2021river'],
  hyperparameters: SOFTMAX_REGRESSION_HYPERPARAMETERS,
  create: (params, context) => new SoftmaxRegression(params, context),
  equivalents: {
    river: {
      id: 'river:linear_model.SoftmaxRegression',
      params: { l2: 'l2' },
      fixed: { optimizer: { id: 'optim.SGD', params: { lr: 0.01 } } },
      notes: "River's optimizer is pinned to optim.SGD(0.01), the default learningRate (other rates are not mirrored). River does not scale: compare with standardize=false, or with preprocessing.StandardScaler() in front, as scripts/river-electricity.py does. River takes numbers only, so the bridge one-hot encodes nominal features for it (nominalEncoding=one-hot, name=value → 1.0), as the native encoder does: unscaled 0/1 indicators whose weights start at 0, so nominal features are treated alike.",
      nominalEncoding: 'one-hot',
    },
  },
};
