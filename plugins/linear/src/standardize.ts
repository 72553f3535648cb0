import type { HyperparameterSchema } from '@tributary/core';

/**
 * The `standardize` hyperparameter shared by the linear classifiers. Neither MOA
 * nor River scales features inside these learners (River composes a
 * `StandardScaler` in a pipeline); Tributary does it by default because raw
 * features make gradient steps unusable on unscaled streams.
 */
export const STANDARDIZE_PARAMETER: HyperparameterSchema = {
  type: 'boolean',
  default: true,
  description: 'Standardise numeric features online (running mean and standard deviation); a deliberate difference from MOA/River, which do not scale inside the learner.',
};
