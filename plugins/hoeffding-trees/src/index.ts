import type { PluginManifest } from '@tributary/core';
import { arfHoeffdingTreeManifest, efdtManifest, hoeffdingAdaptiveTreeManifest, hoeffdingTreeManifest } from './manifests.js';

export * from './split-criterion.js';
export * from './split-suggestion.js';
export * from './nodes.js';
export * from './tree-params.js';
export * from './tree-base.js';
export * from './hoeffding-tree.js';
export * from './hoeffding-adaptive-tree.js';
export * from './efdt.js';
export { arfHoeffdingTreeManifest, efdtManifest, hoeffdingAdaptiveTreeManifest, hoeffdingTreeManifest } from './manifests.js';

/** The learner plugins of this package. */
export const plugins: PluginManifest[] = [hoeffdingTreeManifest, arfHoeffdingTreeManifest, hoeffdingAdaptiveTreeManifest, efdtManifest];
