import type { PluginManifest } from '@tributary/core';
import { capymoaProvider, riverProvider } from './providers.js';

export * from './python-env.js';
export * from './python-server.js';
export * from './providers.js';
export * from './doctor.js';

/** Plugins of this package: the `river:` and `capymoa:` session providers. */
export const plugins: PluginManifest[] = [riverProvider, capymoaProvider];
