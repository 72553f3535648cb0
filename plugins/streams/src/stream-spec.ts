import { parseSpec, resolveHyperparameters, TributaryError, isTributaryError, type ParsedSpec } from '@tributary/core';
import type { GeneratorDefinition } from './generators/definition.js';
import { GENERATORS } from './generators/definitions.js';
import type { InstanceGenerator } from './generators/generator.js';

/** Generator definitions by normalised id (lowercase, no `-`/`_`), so `RandomRBF` and `random-rbf` both work. */
const normalise = (id: string) => id.toLowerCase().replace(/[-_]/g, '');
let byId: Map<string, GeneratorDefinition> | undefined;

/** The definition of a generator id, or undefined. */
export function generatorDefinition(id: string): GeneratorDefinition | undefined {
  byId ??= new Map(GENERATORS.map((g) => [normalise(g.id), g]));
  return byId.get(normalise(id));
}

/**
 * Names positional arguments so core's `parseSpec` (which takes `name=value`)
 * accepts `drift(sea(function=1), sea(function=3), 50000, 1000)`. Walks the text
 * once, respecting quotes and brackets; the positional names come from the
 * generator's definition.
 */
export function namePositionalArguments(text: string): string {
  let pos = 0;
  const fail = (what: string): never => {
    throw new TributaryError('INVALID_SPEC', `invalid stream spec "${text}": ${what} at position ${pos + 1}`);
  };
  const skipQuoted = () => {
    const quote = text[pos];
    const end = text.indexOf(quote, pos + 1);
    if (end < 0) fail('unterminated string');
    pos = end + 1;
  };
  // Rewrites one value (a call or a literal) starting at pos; returns its text.
  const value = (): string => {
    const start = pos;
    const id = /^\s*([A-Za-z_][\w.\-:/]*)\s*\(/.exec(text.slice(pos));
    if (!id) {
      let depth = 0;
      while (pos < text.length) {
        const c = text[pos];
        if (c === '"' || c === "'") {
          skipQuoted();
          continue;
        }
        if (c === '[' || c === '(') depth++;
        else if (c === ']' || c === ')') {
          if (depth === 0) break;
          depth--;
        } else if (c === ',' && depth === 0) break;
        pos++;
      }
      return text.slice(start, pos);
    }
    pos += id[0].length;
    const names = generatorDefinition(id[1])?.positional ?? [];
    const args: string[] = [];
    for (let k = 0; ; k++) {
      while (text[pos] === ' ') pos++;
      if (text[pos] === ')' && args.length === 0) break;
      const named = /^\s*([A-Za-z_]\w*)\s*=/.exec(text.slice(pos));
      if (named) {
        pos += named[0].length;
        args.push(`${named[1]}=${value().trim()}`);
      } else {
        const inner = value().trim();
        if (k >= names.length) fail(`"${id[1]}" takes ${names.length ? `at most ${names.length} positional arguments (${names.join(', ')})` : 'no positional arguments; write name=value'}`);
        args.push(`${names[k]}=${inner}`);
      }
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ')') break;
      fail('expected "," or ")"');
    }
    pos++;
    return `${id[1]}(${args.join(',')})`;
  };
  const out = value();
  if (text.slice(pos).trim()) fail(`unexpected "${text.slice(pos)}"`);
  return out;
}

/** A generator spec with its definition and validated parameters (nested concepts resolved too). */
export interface GeneratorSpec {
  id: string;
  params: Record<string, unknown>;
}

/**
 * Parses and validates a generator spec, e.g. `agrawal(function=3,seed=7)` or
 * `drift(sea(function=1),sea(function=3),position=50000,width=1000)`.
 * `defaultSeed` replaces the `seed` default of every generator not given one.
 * Unknown ids, unknown or out-of-range parameters are `INVALID_SPEC` errors.
 */
export function parseGeneratorSpec(text: string, defaultSeed?: number): GeneratorSpec {
  const parsed = parseSpec(namePositionalArguments(text.trim()));
  return resolveGenerator(parsed, text, defaultSeed);
}

function resolveGenerator(spec: ParsedSpec, text: string, defaultSeed: number | undefined): GeneratorSpec {
  const definition = generatorDefinition(spec.id);
  if (!definition) {
    throw new TributaryError('INVALID_SPEC', `unknown stream "${spec.id}" in "${text}"; generators are ${GENERATORS.map((g) => g.id).join(', ')} (datasets and files are listed by \`tributary datasets list\`)`);
  }
  const given: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(spec.params)) {
    const canonical = definition.aliases?.[name] ?? name;
    if (canonical in given) throw new TributaryError('INVALID_SPEC', `"${definition.id}" got "${canonical}" twice in "${text}"`);
    given[canonical] = v;
  }
  if (defaultSeed !== undefined && 'seed' in definition.hyperparameters.properties && given.seed === undefined) given.seed = defaultSeed;
  for (const [name, schema] of Object.entries(definition.hyperparameters.properties)) {
    const v = given[name] ?? schema.default;
    if (Array.isArray(schema.type) && schema.type.includes('object')) {
      const nested = typeof v === 'string' ? parseSpec(namePositionalArguments(v)) : (v as ParsedSpec);
      given[name] = resolveGenerator(nested, text, defaultSeed);
    }
  }
  let resolved: Record<string, unknown>;
  try {
    resolved = { ...resolveHyperparameters(definition.hyperparameters, given, definition.id) };
  } catch (e) {
    if (isTributaryError(e)) throw new TributaryError('INVALID_SPEC', `${e.message} (in stream spec "${text}")`, e.details as Record<string, unknown>);
    throw e;
  }
  return { id: definition.id, params: resolved };
}

/** Builds the generator of a validated spec. */
export function buildGenerator(spec: GeneratorSpec): InstanceGenerator {
  const definition = generatorDefinition(spec.id)!;
  return definition.create(spec.params, { build: (child) => buildGenerator(child as GeneratorSpec) });
}
