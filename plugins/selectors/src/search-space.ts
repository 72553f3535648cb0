import { ajv, formatSpec, TributaryError, type HyperparameterSchema, type LearnerManifest, type Random } from '@tributary/core';

/** How one hyperparameter is searched. */
export type ParameterRange =
  | { name: string; kind: 'integer' | 'number'; minimum: number; maximum: number; log: boolean; when?: Record<string, unknown> }
  | { name: string; kind: 'choice'; values: readonly unknown[]; when?: Record<string, unknown> };

/** The searchable part of one learner: its id, family, and the ranges of its hyperparameters. */
export interface LearnerSpace {
  id: string;
  family: string;
  ranges: ParameterRange[];
  /** Parameters fixed for every sample (from the space declaration). */
  fixed: Record<string, unknown>;
}

/** A learner configuration drawn from a space. */
export interface Configuration {
  id: string;
  params: Record<string, unknown>;
}

/**
 * The ranges of a learner's hyperparameters, read from its JSON Schema: enums and
 * booleans become choices; numbers are searched between their `x-search` bounds
 * (or the schema's own, when both are finite), on a log scale when `x-search.log`;
 * `x-search.values` lists values worth trying; `x-search.when` makes a parameter
 * conditional on another's value. Nested learners and unbounded numbers without an
 * annotation keep their defaults.
 */
export function rangesOf(manifest: LearnerManifest): ParameterRange[] {
  const ranges: ParameterRange[] = [];
  for (const [name, prop] of Object.entries(manifest.hyperparameters.properties) as [string, HyperparameterSchema][]) {
    const search = prop['x-search'];
    const when = search?.when;
    if (prop['x-learner-spec']) continue;
    if (search?.values) {
      ranges.push({ name, kind: 'choice', values: search.values, when });
      continue;
    }
    if (prop.enum) {
      ranges.push({ name, kind: 'choice', values: prop.enum, when });
      continue;
    }
    if (prop.type === 'boolean') {
      ranges.push({ name, kind: 'choice', values: [true, false], when });
      continue;
    }
    if (prop.type === 'integer' || prop.type === 'number') {
      const minimum = search?.minimum ?? prop.minimum ?? prop.exclusiveMinimum;
      const maximum = search?.maximum ?? prop.maximum ?? prop.exclusiveMaximum;
      if (minimum === undefined || maximum === undefined || !Number.isFinite(minimum) || !Number.isFinite(maximum) || !search) continue;
      const log = search.log === true && minimum > 0;
      ranges.push({ name, kind: prop.type, minimum, maximum, log, when });
    }
  }
  return ranges;
}

/** JSON Schema of a search-space declaration (validated like every config). */
export const SEARCH_SPACE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['learners'],
  properties: {
    learners: {
      type: 'array',
      minItems: 1,
      items: {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['id'],
            properties: {
              id: { type: 'string' },
              fixed: { type: 'object' },
              exclude: { type: 'array', items: { type: 'string' } },
            },
          },
        ],
      },
    },
  },
} as const;

/** A search-space declaration: learner ids (plain or with fixed/excluded parameters). */
export interface SearchSpaceDeclaration {
  learners: (string | { id: string; fixed?: Record<string, unknown>; exclude?: string[] })[];
}

const validateDeclaration = ajv.compile(SEARCH_SPACE_SCHEMA);

/** Builds the spaces of a declaration from the learners' own manifests. */
export function buildSearchSpace(declaration: unknown, describe: (id: string) => LearnerManifest): LearnerSpace[] {
  if (!validateDeclaration(declaration)) {
    const first = validateDeclaration.errors?.[0];
    throw new TributaryError('CONFIG_ERROR', `invalid search space at "${first?.instancePath || '/'}": ${first?.message}`);
  }
  return (declaration as SearchSpaceDeclaration).learners.map((entry) => {
    const { id, fixed = {}, exclude = [] } = typeof entry === 'string' ? { id: entry } : entry;
    const manifest = describe(id);
    return { id, family: manifest.family ?? id, fixed, ranges: rangesOf(manifest).filter((r) => !exclude.includes(r.name) && !(r.name in fixed)) };
  });
}

function draw(range: ParameterRange, random: Random): unknown {
  if (range.kind === 'choice') return range.values[random.nextInt(range.values.length)];
  const u = random.nextDouble();
  const value = range.log ? Math.exp(Math.log(range.minimum) + u * (Math.log(range.maximum) - Math.log(range.minimum))) : range.minimum + u * (range.maximum - range.minimum);
  return range.kind === 'integer' ? Math.min(range.maximum, Math.max(range.minimum, Math.round(value))) : value;
}

function active(range: ParameterRange, params: Record<string, unknown>): boolean {
  if (!range.when) return true;
  return Object.entries(range.when).every(([name, value]) => params[name] === value);
}

/** A random configuration of one learner space. */
export function sampleConfiguration(space: LearnerSpace, random: Random): Configuration {
  const params: Record<string, unknown> = { ...space.fixed };
  // Unconditional parameters first, so conditions can read them.
  for (const range of [...space.ranges].sort((a, b) => Number(Boolean(a.when)) - Number(Boolean(b.when)))) {
    if (active(range, params)) params[range.name] = draw(range, random);
  }
  return { id: space.id, params };
}

/**
 * A neighbour of a configuration: each searched parameter changes with
 * probability `rate` — numbers by a step of about a tenth of their (log) range,
 * choices to another value.
 */
export function mutateConfiguration(configuration: Configuration, space: LearnerSpace, random: Random, rate = 0.5): Configuration {
  const params = { ...configuration.params };
  let changed = false;
  const ranges = space.ranges.filter((r) => active(r, params));
  for (const range of ranges) {
    if (random.nextDouble() >= rate) continue;
    changed = true;
    params[range.name] = perturb(range, params[range.name], random);
  }
  if (!changed && ranges.length > 0) {
    const range = ranges[random.nextInt(ranges.length)];
    params[range.name] = perturb(range, params[range.name], random);
  }
  return { id: configuration.id, params };
}

function perturb(range: ParameterRange, current: unknown, random: Random): unknown {
  if (range.kind === 'choice') {
    if (range.values.length < 2) return range.values[0];
    let next = current;
    while (next === current) next = range.values[random.nextInt(range.values.length)];
    return next;
  }
  const value = typeof current === 'number' ? current : (range.minimum + range.maximum) / 2;
  const step = 0.1 * random.nextGaussian();
  const moved = range.log ? Math.exp(Math.log(Math.max(value, range.minimum)) + step * (Math.log(range.maximum) - Math.log(range.minimum))) : value + step * (range.maximum - range.minimum);
  const clipped = Math.min(range.maximum, Math.max(range.minimum, moved));
  return range.kind === 'integer' ? Math.round(clipped) : clipped;
}

/** A configuration as a spec string (for reports). */
export function configurationText(configuration: Configuration): string {
  return formatSpec(configuration);
}
