import type { PluginManifest } from '@tributary/core';
import { knnManifest } from './knn.js';
import { knnAdwinManifest } from './knn-adwin.js';
import { samKnnManifest } from './sam-knn.js';

export * from './neighbour-window.js';
export * from './nearest-neighbours.js';
export * from './knn.js';
export * from './knn-adwin.js';
export * from './sam-knn.js';
export * from './k-means.js';
export * from './instance-set.js';

/** Every learner manifest of this package. */
export const plugins: PluginManifest[] = [knnManifest, knnAdwinManifest, samKnnManifest];
