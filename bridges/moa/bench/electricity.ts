import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { StreamSchema, type Batch } from '@tributary/core';

/** Folder of the shared datasets: env `TRIBUTARY_DATASETS`, else `<repo>/../shared/datasets`. */
export function datasetsDir(): string {
  return process.env.TRIBUTARY_DATASETS ?? fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
}

/** Electricity (elecNormNew) loaded whole, with its schema and one batch of every row. */
export interface Electricity {
  schema: StreamSchema;
  batch: Batch;
}

/**
 * Reads electricity.csv.gz into memory (a stand-in until `openStream('electricity')` of
 * `@tributary/streams` is available). `day` is nominal {1..7}; the class is UP/DOWN in order of
 * first appearance. With `numericOnly`, `day` is dropped (the naive Bayes comparisons use that).
 * @param maxRows read at most this many rows (default all 45,312)
 */
export function loadElectricity(options: { numericOnly?: boolean; maxRows?: number } = {}): Electricity {
  const text = gunzipSync(readFileSync(join(datasetsDir(), 'electricity.csv.gz'))).toString('utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const target = header[header.length - 1];
  const featureColumns = header
    .slice(0, -1)
    .map((name, column) => ({ name, column }))
    .filter((f) => !(options.numericOnly && f.name === 'day'));
  const schema = new StreamSchema(
    featureColumns.map((f) => (f.name === 'day' ? { name: f.name, kind: 'nominal' as const, values: [] } : { name: f.name, kind: 'numeric' as const })),
    target,
  );
  const n = Math.min(lines.length - 1, options.maxRows ?? Infinity);
  const d = featureColumns.length;
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(',');
    for (let j = 0; j < d; j++) {
      const { name, column } = featureColumns[j];
      x[i * d + j] = name === 'day' ? schema.addNominalValue(j, cells[column]) : Number(cells[column]);
    }
    y[i] = schema.addClass(cells[cells.length - 1].trim());
  }
  return { schema, batch: { n, d, x, y } };
}
