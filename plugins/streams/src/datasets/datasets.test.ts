import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../open-stream.js';
import { datasetsDir } from '../paths.js';
import { datasetInfo } from './dataset-info.js';
import { listDatasets } from './catalogue.js';
import { readSharedManifest } from './manifest.js';

const manifest = readSharedManifest();
let cache: string;
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'tributary-cache-'));
});
afterAll(() => rm(cache, { recursive: true, force: true }));

describe('shared datasets', () => {
  it('the catalogue holds all 21 shared datasets with their metadata', () => {
    expect(manifest).toHaveLength(21);
    const shared = listDatasets().filter((d) => d.availability === 'shared');
    expect(shared.map((d) => d.name)).toEqual(manifest.map((d) => d.name));
    for (const d of shared) {
      expect(d.rows).toBeGreaterThan(0);
      expect(d.citation.length).toBeGreaterThan(10);
      expect(d.license.length).toBeGreaterThan(0);
    }
  });

  // Reads every file fully: row count, per-class counts and feature kinds must equal the manifest's.
  it.each(manifest.map((d) => [d.name, d] as const))('%s reads as the manifest says', async (name, record) => {
    const stream = await openStream(name, { cacheDir: cache });
    const counts = new Float64Array(record.classes + 1);
    let rows = 0;
    let missing = 0;
    for (let b = await stream.nextBatch(4096); b; b = await stream.nextBatch(4096)) {
      rows += b.n;
      for (let i = 0; i < b.n; i++) counts[b.y[i]]++;
      for (let i = 0; i < b.n * b.d; i++) if (b.x[i] !== b.x[i]) missing++;
    }
    await stream.close();
    expect(rows).toBe(record.rows);
    expect(stream.info.rows).toBe(record.rows);
    const byLabel = Object.fromEntries(stream.schema.classes.map((c, i) => [c, counts[i]]));
    expect(byLabel).toEqual(record.class_distribution);
    expect(stream.schema.numFeatures).toBe(record.features);
    expect(stream.schema.features.filter((f) => f.kind === 'nominal')).toHaveLength(record.nominal_features);
    expect(stream.schema.target).toBe(record.target);
    expect(missing).toBe(record.missing_values);
  });

  it('datasetInfo gives metadata and the path; unknown names are INVALID_SPEC', () => {
    const info = datasetInfo('Electricity');
    expect(info).toMatchObject({ name: 'electricity', rows: 45312, present: true, availability: 'shared' });
    expect(info.path).toBe(join(datasetsDir(), 'electricity.csv.gz'));
    expect(() => datasetInfo('electricty')).toThrow(expect.objectContaining({ code: 'INVALID_SPEC', message: expect.stringContaining('unknown dataset "electricty"') }));
  });

  it('a file whose sha256 differs from the manifest is CHECKSUM_MISMATCH, and is checked again when it changes', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tributary-datasets-'));
    try {
      const record = manifest.find((d) => d.name === 'chess')!;
      copyFileSync(join(datasetsDir(), record.file), join(folder, record.file));
      writeFileSync(join(folder, 'manifest.json'), JSON.stringify([record]));
      const good = await openStream('chess', { datasetsDir: folder, cacheDir: cache });
      await good.close();
      expect(readFileSync(join(cache, 'verified-checksums.json'), 'utf8')).toContain(record.sha256);
      // Same size, other bytes, other mtime: the stamp no longer matches, so the file is hashed again.
      const bytes = readFileSync(join(folder, record.file));
      bytes[bytes.length - 5] ^= 0x01;
      writeFileSync(join(folder, record.file), bytes);
      utimesSync(join(folder, record.file), new Date(), new Date(Date.now() + 5000));
      await expect(openStream('chess', { datasetsDir: folder, cacheDir: cache })).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH', message: expect.stringContaining(record.sha256) });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('maxInstances bounds a dataset', async () => {
    const stream = await openStream('electricity', { maxInstances: 1234, cacheDir: cache });
    let rows = 0;
    for (let b = await stream.nextBatch(500); b; b = await stream.nextBatch(500)) rows += b.n;
    expect(rows).toBe(1234);
    expect(stream.info.rows).toBe(1234);
    await stream.close();
  });
});
