import type { PluginManifest } from '@tributary/core';
import { naiveBayesManifest } from './manifest.js';

export * from './normal-distribution.js';
export * from './gaussian-estimator.js';
export * from './nominal-counts.js';
export * from './class-conditional-statistics.js';
export * from './votes.js';
export * from './naive-bayes.js';
export { naiveBayesManifest } from './manifest.js';

/** The learner plugins of this package. */
export const plugins: PluginManifest[] = [naiveBayesManifest];
