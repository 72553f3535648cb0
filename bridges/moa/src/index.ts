import type { PluginManifest } from '@tributary/core';
import { moaProvider } from './moa-provider.js';

export * from './moa-provider.js';
export * from './moa-server.js';
export * from './moa-status.js';

/** Plugins of this package: the `moa:` session provider. */
export const plugins: PluginManifest[] = [moaProvider];
