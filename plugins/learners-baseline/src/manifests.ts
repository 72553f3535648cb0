import type { LearnerContext, LearnerManifest } from '@tributary/core';
import { MAJORITY_CLASS_HYPERPARAMETERS, MajorityClass, type MajorityClassParams } from './majority-class.js';
import { NO_CHANGE_HYPERPARAMETERS, NoChange, type NoChangeParams } from './no-change.js';

/** Plugin manifest of `no-change`. */
export const noChangeManifest: LearnerManifest<NoChangeParams> = {
  id: 'no-change',
  kind: 'learner',
  version: '0.1.0',
  description: "Predicts the previous instance's label (MOA's functions.NoChange, River's dummy.NoChangeClassifier).",
  family: 'baseline',
  references: ['zliobaite2015kappat', 'bifet2010moa'],
  hyperparameters: NO_CHANGE_HYPERPARAMETERS,
  create: (params: NoChangeParams, context: LearnerContext) => new NoChange(params, context),
  equivalents: {
    moa: { id: 'moa:functions.NoChange', params: {} },
    river: { id: 'river:dummy.NoChangeClassifier', params: {}, notes: 'River has no opinion before the first label; MOA (and this learner) predict class 0 there.' },
    capymoa: { id: 'capymoa:NoChange', params: {} },
  },
  randomized: false,
};

/** Plugin manifest of `majority-class`. */
export const majorityClassManifest: LearnerManifest<MajorityClassParams> = {
  id: 'majority-class',
  kind: 'learner',
  version: '0.1.0',
  description: "Class frequencies seen so far as probabilities (MOA's functions.MajorityClass, River's dummy.PriorClassifier).",
  family: 'baseline',
  references: ['bifet2010moa'],
  hyperparameters: MAJORITY_CLASS_HYPERPARAMETERS,
  create: (params: MajorityClassParams, context: LearnerContext) => new MajorityClass(params, context),
  equivalents: {
    moa: { id: 'moa:functions.MajorityClass', params: {} },
    river: { id: 'river:dummy.PriorClassifier', params: {} },
    capymoa: { id: 'capymoa:MajorityClass', params: {} },
  },
  randomized: false,
};
