import type { GenericManifest, PluginManifest } from '@tributary/core';
import { GENERATORS } from './generators/definitions.js';
import { GeneratorStream } from './generators/generator.js';
import { buildGenerator, parseGeneratorSpec } from './stream-spec.js';
import { formatSpec } from '@tributary/core';

/** Package version reported by the manifests. */
const VERSION = '0.1.0';

/** Prefix of the generators' plugin ids. */
export const GENERATOR_PLUGIN_PREFIX = 'generator:';

/**
 * The generators as `stream` plugins, with ids `generator:<spec id>` (e.g.
 * `generator:sea`): `create(params, { maxInstances?, seed? })` returns a
 * `StreamSource`. The prefix keeps plugin ids apart from dataset names (the
 * dataset `sea` is not the generator `sea()`), so tools that look a spec's id up
 * in the registry first still send plain specs to `openStream`, which knows
 * datasets, files, the suite and `maxInstances`. `openStream` accepts the
 * prefixed form too.
 */
export const plugins: PluginManifest[] = GENERATORS.map(
  (g): GenericManifest => ({
    id: `${GENERATOR_PLUGIN_PREFIX}${g.id}`,
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
