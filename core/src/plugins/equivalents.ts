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

/** What a translation may need to know about the stream the reference will run on. */
export interface ReferenceStreamInfo {
  /** Number of classes of the stream; above two, binary-only references are wrapped (`Equivalent.multiclass`). */
  numClasses?: number;
}

/**
 * Translates a native learner spec (all hyperparameters, defaults included)
 * into a reference library's id and parameters using the manifest's declared
 * `equivalents`. MOA parameters become one option string (`{ options: "-g 200 ..." }`);
 * nested learner specs are translated recursively. An equivalent's `nominalEncoding` becomes the
 * reserved top-level parameter {@link NOMINAL_ENCODING_OPTION} (lifted out of nested specs, since
 * the bridge applies it to the whole session).
 */
export function translateToReference(registry: PluginRegistry, spec: LearnerSpec, library: ReferenceLibrary, stream: ReferenceStreamInfo = {}): TranslatedSpec {
  const { id, params } = normalizeLearnerSpec(spec);
  const manifest = registry.learnerManifest(id) as LearnerManifest;
  const equivalent = manifest.equivalents?.[library];
  if (!equivalent) {
    throw new TributaryError('UNSUPPORTED', `"${id}" declares no ${library} equivalent; known: ${Object.keys(manifest.equivalents ?? {}).join(', ') || 'none'}`);
  }
  const resolved = resolveHyperparameters(manifest.hyperparameters, params, id);
  const unmapped: string[] = [];
  const mapped: Record<string, unknown> = {};
  // A session-level option: a nested reference's encoding applies to the whole outer learner.
  let nominalEncoding: unknown = equivalent.nominalEncoding;
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
      const nested = translateToReference(registry, value as LearnerSpec, library, stream);
      unmapped.push(...nested.unmapped.map((n) => `${name}.${n}`));
      // Fully qualified: MOA resolves a short class name against the package of the option's
      // required type, so `trees.ARFHoeffdingTree` fails inside AdaptiveRandomForest (-l wants an ARFHoeffdingTree).
      const { [NOMINAL_ENCODING_OPTION]: nestedEncoding, ...nestedParams } = nested.params;
      nominalEncoding ??= nestedEncoding;
      translated = library === 'moa' ? `(moa.classifiers.${nested.id.replace(/^moa:/, '')}${nested.params.options ? ` ${nested.params.options}` : ''})` : { id: nested.id.replace(/^[a-z]+:/, ''), params: nestedParams };
    }
    mapped[target] = translated;
  }
  const fixed = equivalent.fixed ?? {};
  if (library !== 'moa') {
    const params = { ...mapped, ...fixed };
    const sessionOptions = nominalEncoding === undefined ? {} : { [NOMINAL_ENCODING_OPTION]: nominalEncoding };
    if (equivalent.multiclass && (stream.numClasses ?? 0) > 2) {
      const prefix = equivalent.id.slice(0, equivalent.id.indexOf(':') + 1);
      const inner = { id: equivalent.id.slice(prefix.length), params };
      return { id: equivalent.multiclass.id, params: { [equivalent.multiclass.param]: inner, ...sessionOptions }, unmapped, notes: equivalent.notes };
    }
    return { id: equivalent.id, params: { ...params, ...sessionOptions }, unmapped, notes: equivalent.notes };
  }
  const options: string[] = [];
  for (const [letter, value] of Object.entries({ ...mapped, ...fixed })) {
    if (value === false || value === undefined || value === null) continue;
    options.push(value === true ? `-${letter}` : `-${letter} ${moaValue(value)}`);
  }
  return { id: equivalent.id, params: { options: options.join(' ') }, unmapped, notes: equivalent.notes };
}
