import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * Folder of the protocol's JSON Schemas, shared with the Python and Java servers.
 * Resolved from this module's location, which is `src/` or `dist/`, one level below the package root.
 */
export const SCHEMA_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/** `$id` prefix of every schema file. */
export const SCHEMA_BASE_ID = 'https://tributary.dev/schemas/bridge/v1/';

/**
 * A dedicated Ajv instance: the protocol validates messages as they are (no
 * defaults filled in, no coercion), unlike core's hyperparameter instance.
 */
const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json')).sort()) {
  ajv.addSchema(JSON.parse(readFileSync(SCHEMA_DIR + file, 'utf8')));
}
const compiled = new Map<string, ValidateFunction>();

/** Compiled validator of one schema file, e.g. `prequential.reply.json`. */
export function validatorFor(file: string): ValidateFunction {
  let v = compiled.get(file);
  if (!v) {
    v = ajv.getSchema(SCHEMA_BASE_ID + file);
    if (!v) throw new Error(`no bridge protocol schema named ${file} in ${SCHEMA_DIR}`);
    compiled.set(file, v);
  }
  return v;
}

/** Names of all schema files. */
export function schemaFiles(): string[] {
  return readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json')).sort();
}

/** Outcome of a validation: null when valid, else a one-line explanation. */
export function validateAgainst(file: string, value: unknown): string | null {
  const v = validatorFor(file);
  return v(value) ? null : formatErrors(v.errors);
}

/** Joins Ajv errors into one readable line. */
export function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(header)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ');
}
