import type { GenericManifest, PluginManifest } from '@tributary/core';
import { GENERATORS } from './generators/definitions.js';
import { GeneratorStream } from './generators/generator.js';
import { buildGenerator, parseGeneratorSpec } from './stream-spec.js';
import { formatSpec } from '@tributary/core';

/** Package version reported by the manifests. */
const VERSION = '0.1.0';

/**
 * The generators as `stream` plugins: `create(params, { maxInstances?, seed? })`
 * returns a `StreamSource` (a `GeneratorStream`).
 */
export const plugins: PluginManifest[] = GENERATORS.map(
  (g): GenericManifest => ({
    id: g.id,
    kind: 'stream',
    version: VERSION,
    description: g.description,
    family: g.id === 'drift' || g.id === 'recurring' ? 'drift' : 'generators',
    hyperparameters: g.hyperparameters,
    create(params: Record<string, unknown>, context?: unknown) {
      const options = (context ?? {}) as { maxInstances?: number; seed?: number };
      const text = formatSpec({ id: g.id, params });
      const spec = parseGeneratorSpec(text, options.seed);
      return new GeneratorStream(text, buildGenerator(spec), { maxInstances: options.maxInstances });
    },
  }),
);
