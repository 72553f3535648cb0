import { TributaryError } from '../errors.js';
import type { LearnerSpec } from '../learning/learner.js';
import type { LearnerManifest } from './manifest.js';
import { resolveHyperparameters } from './params.js';
import type { PluginRegistry } from './registry.js';
import { normalizeLearnerSpec } from './spec.js';

/**
 * Reserved parameter of a `river:` learner spec saying how nominal features reach River:
 * `"value"` (the default: value strings), `"one-hot"` (`name=value` → 1.0) or `"one-hot-dense"`
 * (the feature's other known values → 0.0 as well). The River bridge
 * takes it out of the constructor arguments and sends it as the session's `nominal_encoding`
 * (docs/bridge-protocol.md).
 */
export const NOMINAL_ENCODING_OPTION = 'nominalEncoding';

/**
 * Reserved parameter of a `river:` learner spec asking for a binary-only learner to be made
 * multi-class: `"one-vs-rest"` runs it in River's `multiclass.OneVsRestClassifier` whenever the
 * stream's schema declares more than two classes (decided by the River server per session, also
 * when a third class appears mid-stream) and unwrapped on binary streams. Sent as the session's
 * `multiclass` (docs/bridge-protocol.md).
 */
export const MULTICLASS_OPTION = 'multiclass';

/** Reference libraries a native learner can be matched against. */
export type ReferenceLibrary = 'moa' | 'river' | 'capymoa';

/** A learner id and parameters in a reference library's own terms. */
export interface TranslatedSpec {
  id: string;
  params: Record<string, unknown>;
  /** Native parameters the reference has no counterpart for (reported, not silently dropped). */
  unmapped: string[];
  notes?: string;
}

function moaValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value).replace('e-', 'E-');
  return String(value);
}

/**
 * Translates a native learner spec (all hyperparameters, defaults included)
 * into a reference library's id and parameters using the manifest's declared
 * `equivalents`. MOA parameters become one option string (`{ options: "-g 200 ..." }`);
 * nested learner specs are translated recursively. An equivalent's `nominalEncoding` and
 * `multiclass` become the reserved top-level parameters {@link NOMINAL_ENCODING_OPTION} and
 * {@link MULTICLASS_OPTION} (lifted out of nested specs, since the bridge applies them to the whole
 * session). The translation does not depend on the stream: the bridge decides per stream.
 */
export function translateToReference(registry: PluginRegistry, spec: LearnerSpec, library: ReferenceLibrary): TranslatedSpec {
  const { id, params } = normalizeLearnerSpec(spec);
  const manifest = registry.learnerManifest(id) as LearnerManifest;
  const equivalent = manifest.equivalents?.[library];
  if (!equivalent) {
    throw new TributaryError('UNSUPPORTED', `"${id}" declares no ${library} equivalent; known: ${Object.keys(manifest.equivalents ?? {}).join(', ') || 'none'}`);
  }
  const resolved = resolveHyperparameters(manifest.hyperparameters, params, id);
  const unmapped: string[] = [];
  const mapped: Record<string, unknown> = {};
  // Session-level options: a nested reference's options apply to the whole outer learner.
  const sessionOptions: Record<string, unknown> = {};
  if (equivalent.nominalEncoding !== undefined) sessionOptions[NOMINAL_ENCODING_OPTION] = equivalent.nominalEncoding;
  if (equivalent.multiclass !== undefined) sessionOptions[MULTICLASS_OPTION] = equivalent.multiclass;
  // Schema order, so the same parameters always give the same option string.
  for (const name of Object.keys(manifest.hyperparameters.properties)) {
    const value = (resolved as Record<string, unknown>)[name];
    const target = equivalent.params[name];
    if (!target) {
      unmapped.push(name);
      continue;
    }
    let translated: unknown = equivalent.values?.[name]?.[String(value)] ?? value;
    if (manifest.hyperparameters.properties[name]?.['x-learner-spec']) {
      const nested = translateToReference(registry, value as LearnerSpec, library);
      unmapped.push(...nested.unmapped.map((n) => `${name}.${n}`));
      const { [NOMINAL_ENCODING_OPTION]: nestedEncoding, [MULTICLASS_OPTION]: nestedMulticlass, ...nestedParams } = nested.params;
      if (nestedEncoding !== undefined) sessionOptions[NOMINAL_ENCODING_OPTION] ??= nestedEncoding;
      if (nestedMulticlass !== undefined) sessionOptions[MULTICLASS_OPTION] ??= nestedMulticlass;
      // Fully qualified: MOA resolves a short class name against the package of the option's
      // required type, so `trees.ARFHoeffdingTree` fails inside AdaptiveRandomForest (-l wants an ARFHoeffdingTree).
      translated = library === 'moa' ? `(moa.classifiers.${nested.id.replace(/^moa:/, '')}${nested.params.options ? ` ${nested.params.options}` : ''})` : { id: nested.id.replace(/^[a-z]+:/, ''), params: nestedParams };
    }
    mapped[target] = translated;
  }
  const fixed = equivalent.fixed ?? {};
  if (library !== 'moa') return { id: equivalent.id, params: { ...mapped, ...fixed, ...sessionOptions }, unmapped, notes: equivalent.notes };
  const options: string[] = [];
  for (const [letter, value] of Object.entries({ ...mapped, ...fixed })) {
    if (value === false || value === undefined || value === null) continue;
    options.push(value === true ? `-${letter}` : `-${letter} ${moaValue(value)}`);
  }
  return { id: equivalent.id, params: { options: options.join(' ') }, unmapped, notes: equivalent.notes };
}
