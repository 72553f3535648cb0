import type { LearnerSpec } from '@tributary/core';

/** The baseline selectors' default pool: one learner per family, cheap enough to run side by side. */
export const DEFAULT_BASELINE_POOL: LearnerSpec[] = ['naive-bayes', 'hoeffding-tree', 'hoeffding-adaptive-tree', 'efdt', 'knn', 'softmax-regression'];

export const SELECTORS_VERSION = '0.1.0';
