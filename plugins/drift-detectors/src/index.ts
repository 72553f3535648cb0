import type { PluginManifest } from '@tributary/core';
import { adwinChangeDetectorManifest, adwinManifest } from './adwin.js';
import { ddmManifest } from './ddm.js';
import { eddmManifest } from './eddm.js';
import { hddmAManifest } from './hddm-a.js';
import { hddmWManifest } from './hddm-w.js';
import { kswinManifest } from './kswin.js';
import { pageHinkleyManifest } from './page-hinkley.js';

export * from './drift-detector.js';
export * from './adwin.js';
export * from './ddm.js';
export * from './eddm.js';
export * from './hddm-a.js';
export * from './hddm-w.js';
export * from './kswin.js';
export * from './page-hinkley.js';

/** Every detector manifest of this package. */
export const plugins: PluginManifest[] = [adwinManifest, adwinChangeDetectorManifest, ddmManifest, eddmManifest, hddmAManifest, hddmWManifest, kswinManifest, pageHinkleyManifest];
