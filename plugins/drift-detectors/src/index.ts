import type { PluginManifest } from '@tributary/core';
import { adwinChangeDetectorManifest, adwinManifest } from './adwin.js';

export * from './drift-detector.js';
export * from './adwin.js';

/** Every detector manifest of this package. */
export const plugins: PluginManifest[] = [adwinManifest, adwinChangeDetectorManifest];
