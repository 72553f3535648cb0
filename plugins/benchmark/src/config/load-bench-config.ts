import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { TributaryError } from '@tributary/core';
import type { BenchConfig, LoadedBenchConfig } from './bench-config.js';

/** Absolute path of the published JSON Schema of benchmark configs. */
export const BENCH_CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../../schema/bench-config.schema.json', import.meta.url));

let validator: ValidateFunction | undefined;

// Verbose so each error carries the offending value and its schema, which the messages quote.
const configAjv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true, strictTypes: false });

/** The compiled validator of the published schema (compiled once, defaults filled in). */
export function benchConfigValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(BENCH_CONFIG_SCHEMA_PATH, 'utf8')) as object;
    validator = configAjv.compile(schema);
  }
  return validator;
}

/** Reads, parses (YAML or JSON) and validates a benchmark config file. */
export async function loadBenchConfig(path: string): Promise<LoadedBenchConfig> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (e) {
    throw new TributaryError('IO_ERROR', `cannot read benchmark config "${path}": ${(e as Error).message}`, { path });
  }
  return { ...parseBenchConfig(text, absolute), path: absolute };
}

/**
 * Parses and validates config text. YAML's parser reads JSON too, and keeps
 * source positions so every error names the line, the field and what is allowed.
 */
export function parseBenchConfig(text: string, source = '<config>'): LoadedBenchConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const messages = doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return `${source}:${line}:${col}: ${e.message.split('\n')[0]}`;
    });
    throw new TributaryError('CONFIG_ERROR', `benchmark config is not valid YAML/JSON:\n  ${messages.join('\n  ')}`, { source });
  }
  const data = doc.toJS() as unknown;
  const validate = benchConfigValidator();
  const copy = structuredClone(data);
  if (!validate(copy)) {
    const messages = describeConfigErrors(validate.errors ?? [], doc, lineCounter, source);
    throw new TributaryError('CONFIG_ERROR', `invalid benchmark config:\n  ${messages.join('\n  ')}`, { source, errors: validate.errors });
  }
  const config = copy as BenchConfig;
  return { config, text, hash: hashConfig(config) };
}

/** SHA-256 of the canonical JSON (sorted keys) of a validated config. */
export function hashConfig(config: BenchConfig): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}

/** JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function describeConfigErrors(errors: ErrorObject[], doc: Document, lineCounter: LineCounter, source: string): string[] {
  const found = new Map<string, number>();
  for (const error of errors) {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const field = path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : '(top level)';
    const node = doc.getIn(path, true) as unknown;
    let offset = isNode(node) ? node.range?.[0] : undefined;
    let message: string;
    switch (error.keyword) {
      case 'additionalProperties': {
        const name = String((error.params as { additionalProperty: string }).additionalProperty);
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === name);
          if (pair && isNode(pair.key)) offset = (pair.key as YamlNode).range?.[0] ?? offset;
        }
        const allowed = allowedKeys(error.parentSchema);
        message = `unknown field "${name}" in ${field}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`;
        break;
      }
      case 'required':
        message = `${field} needs a "${(error.params as { missingProperty: string }).missingProperty}" field`;
        break;
      case 'enum':
        message = `${field} is ${JSON.stringify(error.data)}; allowed: ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'type':
        message = `${field} is ${describeValue(error.data)}; it must be ${String((error.params as { type: string | string[] }).type).replace(',', ' or ')}`;
        break;
      default:
        message = `${field} ${error.message ?? 'is invalid'} (got ${describeValue(error.data)})`;
    }
    const where = offset !== undefined ? lineCounter.linePos(offset) : undefined;
    found.set(`${source}${where ? `:${where.line}:${where.col}` : ''}: ${message}`, offset ?? -1);
  }
  return [...found.entries()].sort((a, b) => a[1] - b[1]).map(([line]) => line);
}

function allowedKeys(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
