import type { HyperparametersSchema, LearnerContext, LearnerManifest } from '@tributary/core';
import { LinearClassifier, riverSigmoid } from './linear-classifier.js';
import { STANDARDIZE_PARAMETER } from './standardize.js';

/** Hyperparameters of logistic regression. */
export type LogisticRegressionParams = {
  /** Learning rate of the weights' plain SGD steps. Default 0.01 (River `optim.SGD(0.01)`). */
  learningRate: number;
  /** Learning rate of the intercept. Default 0.01 (River `intercept_lr`). */
  interceptLr: number;
  /** L2 penalty on the weights of the features present. Default 0. */
  l2: number;
  /** Each loss gradient is clipped to ±clipGradient. Default 1e12. */
  clipGradient: number;
  /** Standardise numeric features online. Default true. */
  standardize: boolean;
};

/** JSON Schema of logistic regression's hyperparameters (River's defaults; MOA's counterpart is `sgd` with log loss). */
export const LOGISTIC_REGRESSION_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    learningRate: { type: 'number', default: 0.01, exclusiveMinimum: 0, description: "Learning rate of the weights' SGD steps (River optimizer=optim.SGD(lr)).", 'x-search': { log: true, minimum: 1e-4, maximum: 1 } },
    interceptLr: { type: 'number', default: 0.01, minimum: 0, description: 'Learning rate of the intercept; 0 freezes it at 0.' },
    l2: { type: 'number', default: 0, minimum: 0, description: 'L2 penalty on the weights of the features present in the instance.', 'x-search': { log: true, minimum: 1e-6, maximum: 0.1 } },
    clipGradient: { type: 'number', default: 1e12, exclusiveMinimum: 0, description: 'The loss gradient is clipped to ±clipGradient.' },
    standardize: STANDARDIZE_PARAMETER,
  },
  additionalProperties: false,
};

const INFO = { id: 'logistic-regression', hyperparameters: LOGISTIC_REGRESSION_HYPERPARAMETERS };

/**
 * Logistic regression trained by plain SGD on the log loss, following River's
 * `linear_model.LogisticRegression` (MOA has no separate learner; its `sgd`
 * with log loss is the counterpart): per step, g = σ(w·x + b) − y (times the
 * instance weight, clipped), w −= lr·(g·x + l2·w) on the features present,
 * b −= interceptLr·g. Weights start at zero.
 *
 * River's model is binary; here each class has its own binary model
 * (one-vs-rest) and the class probabilities are the sigmoids normalised. With
 * two classes this is exactly River's binary model (the two rows stay
 * opposite), so P(class 1) = σ(w·x + b).
 */
export class LogisticRegression extends LinearClassifier<LogisticRegressionParams> {
  constructor(params: Partial<LogisticRegressionParams> | undefined, context: LearnerContext) {
    super(INFO, params, context);
  }

  protected fit(y: number, weight: number, nnz: number): void {
    const { learningRate, interceptLr, l2, clipGradient } = this.params;
    const index = this.encoder.index;
    for (let c = 0; c < this.rows; c++) {
      // River's log-loss gradient −t/(e^z + 1) with z = t·score, t = ±1, and its tails beyond |z| > 18.
      const t = c === y ? 1 : -1;
      const z = t * this.scores[c];
      let g = (z > 18 ? Math.exp(-z) * -t : z < -18 ? -t : -t / (Math.exp(z) + 1)) * weight;
      if (g > clipGradient) g = clipGradient;
      else if (g < -clipGradient) g = -clipGradient;
      if (l2 > 0) {
        const base = c * this.stride;
        for (let i = 0; i < nnz; i++) this.weights[base + index[i]] *= 1 - learningRate * l2;
      }
      this.addScaled(c, -learningRate * g, nnz);
      this.bias[c] -= interceptLr * g;
    }
  }

  protected scoresToProbabilities(out: Float64Array, rows: number): void {
    for (let c = 0; c < rows; c++) out[c] = riverSigmoid(this.scores[c]);
  }
}

/** Manifest of logistic regression. */
export const logisticRegressionManifest: LearnerManifest<LogisticRegressionParams> = {
  id: 'logistic-regression',
  kind: 'learner',
  version: '0.1.0',
  description: "Logistic regression by SGD on the log loss (River LogisticRegression defaults: lr 0.01, l2 0; MOA has no counterpart but sgd), one-vs-rest beyond two classes.",
  family: 'linear',
  references: ['bottou2010sgd', 'montiel2021river'],
  hyperparameters: LOGISTIC_REGRESSION_HYPERPARAMETERS,
  create: (params, context) => new LogisticRegression(params, context),
  equivalents: {
    river: {
      id: 'river:linear_model.LogisticRegression',
      params: { interceptLr: 'intercept_lr', l2: 'l2', clipGradient: 'clip_gradient' },
      fixed: { optimizer: { id: 'optim.SGD', params: { lr: 0.01 } } },
      notes: "River's optimizer is pinned to optim.SGD(0.01), the default learningRate (other rates are not mirrored). River's model is binary: the bridge runs it in multiclass.OneVsRestClassifier on streams whose schema declares more than two classes, and unwrapped on binary streams (multiclass=one-vs-rest, decided per stream, also when a third class appears mid-stream). One-vs-rest creates a class's model when the class is first learned; here a class's row exists from the first instance with a higher index. River does not scale: compare with standardize=false, or with preprocessing.StandardScaler() in front, as scripts/river-electricity.py does. River takes numbers only, so the bridge one-hot encodes nominal features for it (nominalEncoding=one-hot, name=value → 1.0), as the native encoder does: unscaled 0/1 indicators whose weights start at 0, so nominal features are treated alike.",
      multiclass: 'one-vs-rest',
      nominalEncoding: 'one-hot',
    },
  },
};
