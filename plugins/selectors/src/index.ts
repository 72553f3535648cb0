import type { PluginManifest } from '@tributary/core';
import { banditManifest } from './bandit.js';
import { bestSoFarManifest } from './best-so-far.js';
import { confluenceManifest } from './confluence.js';
import { evolutionaryManifest } from './evolutionary.js';
import { successiveHalvingManifest } from './successive-halving.js';

export * from './bandit.js';
export * from './best-so-far.js';
export * from './candidate.js';
export * from './confluence.js';
export * from './evolutionary.js';
export * from './pool-selector.js';
export * from './search-space.js';
export * from './successive-halving.js';

export const plugins: PluginManifest[] = [bestSoFarManifest, successiveHalvingManifest, banditManifest, evolutionaryManifest, confluenceManifest];
