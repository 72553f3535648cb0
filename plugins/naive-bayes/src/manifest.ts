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
        "River's GaussianNB takes numbers only, so the bridge one-hot encodes nominal features for it (nominalEncoding=one-hot-dense: every known value of the feature as a 0/1 key, as River's OneHotEncoder gives by default) and GaussianNB models each indicator as a Gaussian per class, where MOA and this learner count the feature's values (Laplace-corrected). It also scores in log space and adds 1e-9 to every density, which is all a zero-variance feature gets (an indicator constant within a class, for one); MOA and this learner give a zero-variance numeric feature a point mass (density 1 at the mean, 0 elsewhere).",
      nominalEncoding: 'one-hot-dense',
    },
    capymoa: { id: 'capymoa:NaiveBayes', params: {} },
  },
  randomized: false,
};
