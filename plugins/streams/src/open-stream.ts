import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSpec, TributaryError, type StreamSource } from '@tributary/core';
import { findDataset, type DatasetEntry } from './datasets/catalogue.js';
import { verifyChecksumOnce } from './datasets/checksum.js';
import { datasetsDir } from './paths.js';
import { downloadsDir, recordedChecksum } from './datasets/fetch-dataset.js';
import { CsvStream, type CsvOptions } from './readers/csv-reader.js';
import { ArffStream } from './readers/arff-reader.js';
import { GeneratorStream } from './generators/generator.js';
import { buildGenerator, parseGeneratorSpec, type GeneratorSpec } from './stream-spec.js';
import { SUITE, suiteSpec } from './suite.js';
import { LimitedStream } from './limited-stream.js';

/** Options of `openStream`. */
export interface OpenStreamOptions {
  /** Folder of the shared datasets (default: env `TRIBUTARY_DATASETS`, else `<repo>/../shared/datasets`). */
  datasetsDir?: string;
  /** Cache folder of fetched datasets and checksum stamps (default: env `TRIBUTARY_CACHE`, else the user cache dir). */
  cacheDir?: string;
  /** Stop after this many instances (bounds infinite generators). */
  maxInstances?: number;
  /** Seed of every generator whose spec sets none (default: 1, MOA's default). */
  seed?: number;
}

/** What a stream spec names. */
export type StreamSpec =
  | { kind: 'dataset'; name: string; entry: DatasetEntry }
  | { kind: 'file'; path: string; format: 'csv' | 'arff'; options: CsvOptions }
  | { kind: 'suite'; name: string; spec: string }
  | { kind: 'generator'; spec: GeneratorSpec };

const FILE_PATTERN = /\.(csv|arff)(\.gz)?$/i;

function fileFormat(path: string): 'csv' | 'arff' {
  const m = FILE_PATTERN.exec(path);
  if (!m) throw new TributaryError('INVALID_SPEC', `cannot tell the format of "${path}"; stream files end in .csv, .csv.gz, .arff or .arff.gz`);
  return m[1].toLowerCase() as 'csv' | 'arff';
}

/**
 * Parses a stream spec without opening anything. Grammar (docs/datasets.md):
 * - a dataset name of the catalogue: `electricity`, `kdd99_10pct`;
 * - `suite:NAME` or `suite:NAME(seed=N)`: a named scenario of the benchmark suite;
 * - a file path ending in `.csv`, `.csv.gz`, `.arff`, `.arff.gz`;
 *   `csv(path="x.csv", target=label, nominal=[a,b])` / `arff(path="x.arff")` to give options;
 * - a generator: `id` or `id(name=value,...)` (also `generator:id(...)`, the plugin id form), with nested streams for
 *   `drift(a, b, position, width)` and `recurring(...)`.
 */
export function parseStreamSpec(text: string, options: OpenStreamOptions = {}): StreamSpec {
  const spec = text.trim();
  if (!spec) throw new TributaryError('INVALID_SPEC', 'empty stream spec; give a dataset name, a file path or a generator spec');
  if (spec.startsWith('suite:')) {
    const m = /^suite:([\w.-]+)(?:\(\s*seed\s*=\s*(-?\d+)\s*\))?$/.exec(spec);
    if (!m) throw new TributaryError('INVALID_SPEC', `invalid suite spec "${spec}"; write suite:NAME or suite:NAME(seed=N)`);
    return { kind: 'suite', name: m[1], spec: suiteSpec(m[1], m[2] !== undefined ? Number(m[2]) : (options.seed ?? 1)) };
  }
  if (spec.startsWith('generator:')) return { kind: 'generator', spec: parseGeneratorSpec(spec.slice('generator:'.length), options.seed) };
  const entry = /^[\w.-]+$/.test(spec) ? findDataset(spec, options) : undefined;
  if (entry) return { kind: 'dataset', name: entry.name, entry };
  if (FILE_PATTERN.test(spec) || (spec.includes('/') && !spec.includes('(')) || spec.includes('\\')) {
    return { kind: 'file', path: resolve(spec), format: fileFormat(spec), options: {} };
  }
  if (/^(csv|arff)\s*\(/i.test(spec)) {
    const parsed = parseSpec(spec);
    const { path, target, nominal, delimiter, ...rest } = parsed.params;
    if (Object.keys(rest).length) throw new TributaryError('INVALID_SPEC', `unknown option ${Object.keys(rest).map((k) => `"${k}"`).join(', ')} in "${spec}"; ${parsed.id} takes path, target, nominal, delimiter`);
    if (typeof path !== 'string') throw new TributaryError('INVALID_SPEC', `"${spec}" needs path="FILE"`);
    if (target !== undefined && typeof target !== 'string') throw new TributaryError('INVALID_SPEC', `target must be a column name in "${spec}"`);
    if (nominal !== undefined && nominal !== 'all' && !(Array.isArray(nominal) && nominal.every((n) => typeof n === 'string'))) throw new TributaryError('INVALID_SPEC', `nominal must be a list of column names, e.g. nominal=[a,b], in "${spec}"`);
    if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length !== 1)) throw new TributaryError('INVALID_SPEC', `delimiter must be one character in "${spec}"`);
    return {
      kind: 'file',
      path: resolve(path),
      format: parsed.id.toLowerCase() as 'csv' | 'arff',
      options: { target: target as string | undefined, nominal: nominal as string[] | 'all' | undefined, delimiter: delimiter as string | undefined },
    };
  }
  return { kind: 'generator', spec: parseGeneratorSpec(spec, options.seed) };
}

/** Path of a dataset's file, verified against its sha256 on first use. */
export async function datasetPath(entry: DatasetEntry, options: { datasetsDir?: string; cacheDir?: string } = {}): Promise<string> {
  const path = entry.availability === 'shared' ? join(datasetsDir(options.datasetsDir), entry.file) : join(downloadsDir(options.cacheDir), entry.file);
  if (!existsSync(path)) {
    if (entry.availability === 'fetch') throw new TributaryError('IO_ERROR', `dataset "${entry.name}" is not downloaded yet; run \`tributary datasets fetch ${entry.name}\` (expected at ${path})`, { path });
    throw new TributaryError('IO_ERROR', `dataset "${entry.name}" should be at ${path} but the file is missing; set TRIBUTARY_DATASETS to the folder holding manifest.json`, { path });
  }
  const expected = entry.sha256 ?? (entry.availability === 'fetch' ? await recordedChecksum(path) : undefined);
  if (expected) await verifyChecksumOnce(path, expected, { cacheDir: options.cacheDir, what: `dataset "${entry.name}"` });
  return path;
}

async function openParsed(text: string, spec: StreamSpec, options: OpenStreamOptions): Promise<StreamSource> {
  switch (spec.kind) {
    case 'suite': {
      const inner = parseStreamSpec(spec.spec, options);
      const scenario = SUITE.find((s) => s.name === spec.name)!;
      if (inner.kind !== 'generator') return openParsed(text, inner, options);
      return new GeneratorStream(text, buildGenerator(inner.spec), { maxInstances: options.maxInstances, description: scenario.description });
    }
    case 'dataset': {
      const { entry } = spec;
      const path = await datasetPath(entry, options);
      const info = { rows: entry.rows, description: entry.title };
      if (entry.format === 'arff') return ArffStream.open(path, { id: entry.name, info });
      return CsvStream.open(path, { id: entry.name, target: entry.target, nominal: entry.nominalFeatureNames, columns: entry.columns, info });
    }
    case 'file':
      return spec.format === 'arff' ? ArffStream.open(spec.path, { id: text, target: spec.options.target }) : CsvStream.open(spec.path, { ...spec.options, id: text });
    case 'generator':
      return new GeneratorStream(text, buildGenerator(spec.spec), { maxInstances: options.maxInstances });
  }
}

/**
 * Opens a stream by spec: a catalogue dataset, a `suite:` scenario, a CSV/ARFF
 * file or a generator (see `parseStreamSpec`). `maxInstances` bounds any stream.
 */
export async function openStream(spec: string, options: OpenStreamOptions = {}): Promise<StreamSource> {
  const parsed = parseStreamSpec(spec, options);
  const max = options.maxInstances;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) throw new TributaryError('INVALID_SPEC', `maxInstances must be a positive integer, got ${max}`);
  const stream = await openParsed(spec, parsed, options);
  if (max === undefined || stream instanceof GeneratorStream) return stream;
  return new LimitedStream(stream, max);
}
