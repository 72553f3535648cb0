import type { PluginManifest } from '@tributary/core';
import { adaptiveRandomForestManifest } from './adaptive-random-forest.js';
import { adwinBagManifest } from './adwin-bag.js';
import { dynamicWeightedMajorityManifest } from './dynamic-weighted-majority.js';
import { leveragingBagManifest } from './leveraging-bag.js';
import { ozaBagManifest } from './oza-bag.js';
import { ozaBoostManifest } from './oza-boost.js';
import { streamingRandomPatchesManifest } from './streaming-random-patches.js';

export * from './adaptive-random-forest.js';
export * from './adwin-bag.js';
export * from './dynamic-weighted-majority.js';
export * from './feature-subspace.js';
export * from './leveraging-bag.js';
export * from './members.js';
export * from './oza-bag.js';
export * from './oza-boost.js';
export * from './poisson.js';
export * from './seeds.js';
export * from './streaming-random-patches.js';
export * from './subspace-schema.js';

/** Every learner manifest of this package. */
export const plugins: PluginManifest[] = [
  ozaBagManifest,
  ozaBoostManifest,
  adwinBagManifest,
  leveragingBagManifest,
  adaptiveRandomForestManifest,
  streamingRandomPatchesManifest,
  dynamicWeightedMajorityManifest,
];
