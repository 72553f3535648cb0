import { Random, type HyperparametersSchema, type LearnerContext, type LearnerManifest } from '@tributary/core';
import { LinearClassifier, sigmoid } from './linear-classifier.js';
import { STANDARDIZE_PARAMETER } from './standardize.js';

/** Hyperparameters of the perceptron. */
export type PerceptronParams = {
  /** Step size of the delta rule. Default 1 (MOA -r). */
  learningRatio: number;
  /** Standardise numeric features online. Default true (MOA has no scaling). */
  standardize: boolean;
};

/** JSON Schema of the perceptron's hyperparameters. */
export const PERCEPTRON_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    learningRatio: { type: 'number', default: 1, exclusiveMinimum: 0, description: 'Step size of the delta rule (MOA -r learningRatio).', 'x-search': { log: true, minimum: 0.01, maximum: 10 } },
    standardize: STANDARDIZE_PARAMETER,
  },
  additionalProperties: false,
};

const INFO = { id: 'perceptron', hyperparameters: PERCEPTRON_HYPERPARAMETERS };

/**
 * A single-layer perceptron with one sigmoid unit per class, as MOA's
 * `functions.Perceptron`: weights start uniform in [−0.1, 0.1) (drawn from the
 * seed, class by class, bias last), each unit is trained by the delta rule on
 * squared error, w += r·(t − o)·o·(1 − o)·x with target t = 1 for the true class,
 * 0 otherwise, and the class probabilities are the unit outputs normalised.
 *
 * Differences from MOA, all deliberate: numeric features are standardised
 * online unless `standardize` is false; nominal features are one-hot encoded
 * (MOA feeds the value index as a number); missing values contribute nothing
 * (MOA propagates NaN); the instance weight scales the step (MOA ignores it);
 * classes first seen mid-stream get a new unit.
 */
export class Perceptron extends LinearClassifier<PerceptronParams> {
  private readonly random: Random;

  constructor(params: Partial<PerceptronParams> | undefined, context: LearnerContext) {
    super(INFO, params, context);
    this.random = new Random(context.seed);
  }

  protected override initialWeight(): number {
    return 0.2 * this.random.nextDouble() - 0.1;
  }

  protected fit(y: number, weight: number, nnz: number): void {
    const rate = this.params.learningRatio * weight;
    for (let c = 0; c < this.rows; c++) {
      const output = sigmoid(this.scores[c]);
      const delta = ((c === y ? 1 : 0) - output) * output * (1 - output);
      this.addScaled(c, rate * delta, nnz);
      this.bias[c] += rate * delta;
    }
  }

  protected scoresToProbabilities(out: Float64Array, rows: number): void {
    for (let c = 0; c < rows; c++) out[c] = sigmoid(this.scores[c]);
  }
}

/** Manifest of the perceptron. */
export const perceptronManifest: LearnerManifest<PerceptronParams> = {
  id: 'perceptron',
  kind: 'learner',
  version: '0.1.0',
  description: "Single-layer perceptron with a sigmoid unit per class trained by the delta rule (MOA functions.Perceptron defaults), features standardised online.",
  family: 'linear',
  references: ['rosenblatt1958perceptron', 'bifet2010moa'],
  hyperparameters: PERCEPTRON_HYPERPARAMETERS,
  randomized: true,
  create: (params, context) => new Perceptron(params, context),
  equivalents: {
    moa: { id: 'moa:functions.Perceptron', params: { learningRatio: 'r' }, notes: 'MOA does not scale features and feeds nominal values as numbers: compare with standardize=false on numeric streams for a like-for-like run.' },
  },
};
