import type { HyperparametersSchema, LearnerContext, LearnerManifest } from '@tributary/core';
import { LinearClassifier } from './linear-classifier.js';
import { STANDARDIZE_PARAMETER } from './standardize.js';

/** Loss functions of `sgd`. */
export type SGDLoss = 'hinge' | 'log' | 'squared';

/** Hyperparameters of SGD. */
export type SGDParams = {
  /** L2 regularisation λ. Default 1e-4 (MOA -l). */
  lambdaRegularization: number;
  /** Learning rate. Default 1e-4 (MOA -r). */
  learningRate: number;
  /** Loss: hinge (linear SVM), log (logistic regression) or squared. Default hinge (MOA -o HINGE). */
  lossFunction: SGDLoss;
  /** Standardise numeric features online. Default true. */
  standardize: boolean;
};

/** JSON Schema of SGD's hyperparameters (defaults: MOA's `functions.SGDMultiClass`). */
export const SGD_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    lambdaRegularization: { type: 'number', default: 1e-4, minimum: 0, description: 'L2 regularisation λ; weights shrink by 1 − lr·λ/t each step (MOA -l).', 'x-search': { log: true, minimum: 1e-7, maximum: 0.01 } },
    learningRate: { type: 'number', default: 1e-4, exclusiveMinimum: 0, description: 'Learning rate (MOA -r); MOA\'s default is small, raise it for fast adaptation.', 'x-search': { log: true, minimum: 1e-5, maximum: 0.5 } },
    lossFunction: { type: 'string', enum: ['hinge', 'log', 'squared'], default: 'hinge', description: 'Loss: hinge (linear SVM), log (logistic regression) or squared (MOA -o).' },
    standardize: STANDARDIZE_PARAMETER,
  },
  additionalProperties: false,
};

const INFO = { id: 'sgd', hyperparameters: SGD_HYPERPARAMETERS };

/**
 * Linear classifiers by stochastic gradient descent, as MOA's
 * `functions.SGDMultiClass`: one binary model per class (one-vs-rest, target
 * y = ±1, margin z = y·(w·x + b)); at step t every weight (not the bias) shrinks
 * by 1 − lr·λ/t, then, unless the loss is hinge with z ≥ 1, w += lr·y·ℓ'(z)·x and
 * b += lr·y·ℓ'(z), with ℓ'(z) = 1 for hinge and 1/(1 + e^z) for log loss.
 *
 * Differences from MOA, deliberate: numeric features standardised online
 * (`standardize`), nominal features one-hot, the instance weight scales the
 * step; probabilities are the sigmoids of the per-class scores normalised
 * (MOA votes 1 for every class with positive score under hinge and squared
 * loss, so its argmax is the first such class); the squared loss uses the
 * classification derivative 1 − z of ½(1 − z)², where MOA applies its
 * regression derivative z to class targets, which makes the weights grow with
 * the score's sign instead of fitting the target.
 */
export class SGD extends LinearClassifier<SGDParams> {
  private t = 1;

  constructor(params: Partial<SGDParams> | undefined, context: LearnerContext) {
    super(INFO, params, context);
  }

  protected fit(y: number, weight: number, nnz: number): void {
    const { learningRate, lambdaRegularization, lossFunction } = this.params;
    const multiplier = 1 - (learningRate * lambdaRegularization) / this.t;
    for (let c = 0; c < this.rows; c++) {
      const target = c === y ? 1 : -1;
      const z = target * this.scores[c];
      if (multiplier !== 1) {
        const base = c * this.stride;
        const end = base + this.columns;
        for (let j = base; j < end; j++) this.weights[j] *= multiplier;
      }
      let derivative: number;
      if (lossFunction === 'hinge') {
        if (z >= 1) continue;
        derivative = 1;
      } else if (lossFunction === 'log') {
        derivative = z < 0 ? 1 / (Math.exp(z) + 1) : Math.exp(-z) / (Math.exp(-z) + 1);
      } else {
        derivative = 1 - z;
      }
      const factor = learningRate * target * derivative * weight;
      this.addScaled(c, factor, nnz);
      this.bias[c] += factor;
    }
    this.t++;
  }

  protected scoresToProbabilities(out: Float64Array, rows: number): void {
    // MOA's log-loss output formula, used for every loss.
    for (let c = 0; c < rows; c++) {
      const z = this.scores[c];
      out[c] = z <= 0 ? 1 - 1 / (1 + Math.exp(z)) : 1 / (1 + Math.exp(-z));
    }
  }
}

/** Manifest of SGD. */
export const sgdManifest: LearnerManifest<SGDParams> = {
  id: 'sgd',
  kind: 'learner',
  version: '0.1.0',
  description: 'Linear SVM / logistic / least-squares classifiers by SGD, one-vs-rest (MOA functions.SGDMultiClass defaults: λ 1e-4, lr 1e-4, hinge).',
  family: 'linear',
  references: ['bottou2010sgd', 'bifet2010moa'],
  hyperparameters: SGD_HYPERPARAMETERS,
  create: (params, context) => new SGD(params, context),
  equivalents: {
    moa: {
      id: 'moa:functions.SGDMultiClass',
      params: { lambdaRegularization: 'l', learningRate: 'r', lossFunction: 'o' },
      values: { lossFunction: { hinge: 'HINGE', log: 'LOGLOSS', squared: 'SQUAREDLOSS' } },
      notes: 'MOA does not scale features (compare with standardize=false), votes 0/1 under hinge loss (argmax = first positive class), and its squared loss differs (see the learner page).',
    },
  },
};
