import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { TributaryError } from '../errors.js';
import type { HyperparametersSchema } from './manifest.js';

/**
 * The one ajv instance of Tributary: all errors reported, defaults filled in,
 * strict about schemas (unknown keywords fail at registration) except for the
 * `x-` annotations Tributary defines.
 */
export const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, strictTypes: false });
ajv.addKeyword({ keyword: 'x-learner-spec', schemaType: 'boolean' });
ajv.addKeyword({ keyword: 'x-search', schemaType: 'object' });
ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });

const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles (once per schema object) the validator of a hyperparameter schema. */
export function compileHyperparameters(schema: HyperparametersSchema, owner: string): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate) return validate;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    throw new TributaryError('INVALID_PLUGIN', `hyperparameter schema of "${owner}" is not a valid JSON Schema: ${(e as Error).message}`);
  }
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (!('default' in prop)) throw new TributaryError('INVALID_PLUGIN', `hyperparameter "${name}" of "${owner}" has no default`);
    if (!prop.description) throw new TributaryError('INVALID_PLUGIN', `hyperparameter "${name}" of "${owner}" has no description`);
  }
  // An invalid default is the plugin's bug: fail when it is registered, not when a user runs it.
  const defaults: Record<string, unknown> = {};
  if (!validate(defaults)) {
    throw new TributaryError('INVALID_PLUGIN', `defaults of "${owner}" do not satisfy its own schema: ${describeErrors(validate.errors ?? [], schema, owner, defaults)}`);
  }
  compiled.set(schema, validate);
  return validate;
}

/**
 * Validates hyperparameters and fills in defaults; returns a frozen copy.
 * An unknown name, a wrong type or an out-of-range value throws an error naming
 * the parameter, the value and what is allowed.
 */
export function resolveHyperparameters<P extends Record<string, unknown>>(schema: HyperparametersSchema, params: Record<string, unknown> | undefined, owner: string): Readonly<P> {
  const validate = compileHyperparameters(schema, owner);
  const copy: Record<string, unknown> = { ...(params ?? {}) };
  if (!validate(copy)) {
    throw new TributaryError('INVALID_HYPERPARAMETER', describeErrors(validate.errors ?? [], schema, owner, copy), { learner: owner, errors: validate.errors });
  }
  return Object.freeze(copy) as Readonly<P>;
}

/** Default hyperparameters of a schema. */
export function defaultHyperparameters(schema: HyperparametersSchema, owner: string): Record<string, unknown> {
  return { ...resolveHyperparameters(schema, {}, owner) };
}

function allowedText(prop: HyperparametersSchema['properties'][string] | undefined): string {
  if (!prop) return '';
  if (prop.enum) return `one of ${prop.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const parts: string[] = [];
  const type = Array.isArray(prop.type) ? prop.type.join(' or ') : prop.type;
  if (type) parts.push(type === 'integer' ? 'an integer' : `a ${type}`);
  if (prop.minimum !== undefined) parts.push(`≥ ${prop.minimum}`);
  if (prop.exclusiveMinimum !== undefined) parts.push(`> ${prop.exclusiveMinimum}`);
  if (prop.maximum !== undefined) parts.push(`≤ ${prop.maximum}`);
  if (prop.exclusiveMaximum !== undefined) parts.push(`< ${prop.exclusiveMaximum}`);
  return parts.join(' ');
}

function describeErrors(errors: ErrorObject[], schema: HyperparametersSchema, owner: string, given: Record<string, unknown>): string {
  const lines = new Set<string>();
  const known = Object.keys(schema.properties);
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') {
      const name = String((error.params as { additionalProperty: string }).additionalProperty);
      lines.add(`unknown hyperparameter "${name}" for "${owner}"; known: ${known.length ? known.join(', ') : '(none)'}`);
      continue;
    }
    const name = error.instancePath.replace(/^\//, '').split('/')[0];
    const prop = schema.properties[name];
    const value = JSON.stringify(given[name]);
    lines.add(`invalid value ${value} for hyperparameter "${name}" of "${owner}": must be ${allowedText(prop) || error.message}`);
  }
  return [...lines].join('; ');
}
