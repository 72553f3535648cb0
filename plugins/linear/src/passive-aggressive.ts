import type { HyperparametersSchema, LearnerContext, LearnerManifest } from '@tributary/core';
import { LinearClassifier, riverSigmoid } from './linear-classifier.js';
import { STANDARDIZE_PARAMETER } from './standardize.js';

/** Hyperparameters of the passive-aggressive classifier. */
export type PassiveAggressiveParams = {
  /** Aggressiveness: the largest step (PA-I) or the slack penalty (PA-II). Default 1. */
  C: number;
  /** 0 = PA, 1 = PA-I, 2 = PA-II. Default 1. */
  mode: 0 | 1 | 2;
  /** Also learn an intercept. Default true. */
  learnIntercept: boolean;
  /** Standardise numeric features online. Default true. */
  standardize: boolean;
};

/** JSON Schema of the passive-aggressive classifier's hyperparameters (River's `PAClassifier` defaults; MOA has none). */
export const PASSIVE_AGGRESSIVE_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    C: { type: 'number', default: 1, exclusiveMinimum: 0, description: 'Aggressiveness: the largest step size (PA-I) or the slack penalty (PA-II).', 'x-search': { log: true, minimum: 1e-3, maximum: 10 } },
    mode: { type: 'integer', enum: [0, 1, 2], default: 1, description: 'Update rule: 0 = PA (no cap), 1 = PA-I (step capped at C), 2 = PA-II (squared slack).' },
    learnIntercept: { type: 'boolean', default: true, description: 'Also learn an intercept (stepped like a weight of a constant feature, left out of the norm).' },
    standardize: STANDARDIZE_PARAMETER,
  },
  additionalProperties: false,
};

const INFO = { id: 'passive-aggressive', hyperparameters: PASSIVE_AGGRESSIVE_HYPERPARAMETERS };

/**
 * Online passive-aggressive classification (Crammer et al. 2006), following
 * River's `linear_model.PAClassifier` (MOA has none): with target y = ±1 and
 * hinge loss ℓ = max(0, 1 − y·(w·x + b)), the step is τ = ℓ/‖x‖² (PA),
 * min(C, ℓ/‖x‖²) (PA-I) or ℓ/(‖x‖² + 1/(2C)) (PA-II); w += τ·y·x, b += τ·y.
 *
 * River's classifier is binary; here each class has its own binary model
 * (one-vs-rest) and the probabilities are the sigmoids of the scores
 * normalised — with two classes this equals River's P(class 1) = σ(w·x + b)
 * (the two rows stay opposite). The instance weight scales the step.
 */
export class PassiveAggressive extends LinearClassifier<PassiveAggressiveParams> {
  constructor(params: Partial<PassiveAggressiveParams> | undefined, context: LearnerContext) {
    super(INFO, params, context);
  }

  protected fit(y: number, weight: number, nnz: number): void {
    const { C, mode, learnIntercept } = this.params;
    const norm = this.encoder.squaredNorm(nnz);
    for (let c = 0; c < this.rows; c++) {
      const target = c === y ? 1 : -1;
      const loss = Math.max(0, 1 - target * this.scores[c]);
      if (loss === 0) continue;
      let tau: number;
      if (mode === 0) tau = norm > 0 ? loss / norm : 0;
      else if (mode === 1) tau = norm > 0 ? Math.min(C, loss / norm) : 0;
      else tau = loss / (norm + 0.5 / C);
      const step = tau * target * weight;
      this.addScaled(c, step, nnz);
      if (learnIntercept) this.bias[c] += step;
    }
  }

  protected scoresToProbabilities(out: Float64Array, rows: number): void {
    for (let c = 0; c < rows; c++) out[c] = riverSigmoid(this.scores[c]);
  }
}

/** Manifest of the passive-aggressive classifier. */
export const passiveAggressiveManifest: LearnerManifest<PassiveAggressiveParams> = {
  id: 'passive-aggressive',
  kind: 'learner',
  version: '0.1.0',
  description: 'Online passive-aggressive classifier, PA-I by default (River PAClassifier defaults: C 1, mode 1; MOA has none), one-vs-rest beyond two classes.',
  family: 'linear',
  references: ['crammer2006pa', 'montiel2021river'],
  hyperparameters: PASSIVE_AGGRESSIVE_HYPERPARAMETERS,
  create: (params, context) => new PassiveAggressive(params, context),
  equivalents: {
    river: {
      id: 'river:linear_model.PAClassifier',
      params: { C: 'C', mode: 'mode', learnIntercept: 'learn_intercept' },
      notes: "River's model is binary: the bridge runs it in multiclass.OneVsRestClassifier on streams whose schema declares more than two classes, and unwrapped on binary streams (multiclass=one-vs-rest, decided per stream, also when a third class appears mid-stream). One-vs-rest creates a class's model when the class is first learned; here a class's row exists from the first instance with a higher index. River does not scale: compare with standardize=false, or with preprocessing.StandardScaler() in front, as scripts/river-electricity.py does. River takes numbers only, so the bridge one-hot encodes nominal features for it (nominalEncoding=one-hot, name=value → 1.0), as the native encoder does: unscaled 0/1 indicators (each adding 1 to the squared norm in the step size), so nominal features are treated alike.",
      multiclass: 'one-vs-rest',
      nominalEncoding: 'one-hot',
    },
    capymoa: { id: 'capymoa:PassiveAggressiveClassifier', params: { C: 'max_step_size' }, notes: 'CapyMOA wraps scikit-learn (PA-I hinge), not River.' },
  },
};
