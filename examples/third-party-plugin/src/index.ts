import type { PluginManifest } from '@tributary/core';
import { nearestCentroidManifest } from './nearest-centroid.js';

export { NearestCentroid, nearestCentroidManifest } from './nearest-centroid.js';

/** Discovered by Tributary because package.json declares `"tributary": { "plugins": true }`. */
export const plugins: PluginManifest[] = [nearestCentroidManifest];
