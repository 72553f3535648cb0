import type { LearnerContext, LearnerManifest } from '@tributary/core';
import { NAIVE_BAYES_HYPERPARAMETERS, NaiveBayes, type NaiveBayesParams } from './naive-bayes.js';

/** Plugin manifest of `naive-bayes`. */
export const naiveBayesManifest: LearnerManifest<NaiveBayesParams> = {
  id: 'naive-bayes',
  kind: 'learner',
  version: '0.1.0',
  description: "Naive Bayes with a Gaussian per class for numeric features and Laplace-corrected counts for nominal ones (MOA's bayes.NaiveBayes).",
  family: 'bayes',
  references: ['bifet2010moa'],
  hyperparameters: NAIVE_BAYES_HYPERPARAMETERS,
  create: (params: NaiveBayesParams, context: LearnerContext) => new NaiveBayes(params, context),
  equivalents: {
    moa: { id: 'moa:bayes.NaiveBayes', params: {} },
    river: {
      id: 'river:naive_bayes.GaussianNB',
      params: {},
      notes:
        'River GaussianNB treats every feature as numeric (nominal codes get a Gaussian), scores in log space and uses its own zero-variance handling; MOA and this learner give a point mass (density 1 at the mean, 0 elsewhere) and Laplace-corrected counts for nominal features.',
    },
    capymoa: { id: 'capymoa:NaiveBayes', params: {} },
  },
  randomized: false,
};
