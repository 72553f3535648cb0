import type { PluginManifest } from '@tributary/core';
import { majorityClassManifest, noChangeManifest } from './manifests.js';

export * from './no-change.js';
export * from './majority-class.js';
export { majorityClassManifest, noChangeManifest } from './manifests.js';

/** The learner plugins of this package. */
export const plugins: PluginManifest[] = [noChangeManifest, majorityClassManifest];
