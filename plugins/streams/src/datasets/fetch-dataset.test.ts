import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { utimesSync, writeFileSync } from 'node:fs';
import { fetchDataset } from './fetch-dataset.js';
import { datasetPath, openStream } from '../open-stream.js';
import { readSharedManifest } from './manifest.js';
import { datasetsDir } from '../paths.js';
import type { DatasetEntry } from './catalogue.js';
import { CsvStream } from '../readers/csv-reader.js';

const record = readSharedManifest().find((d) => d.name === 'phishing_websites')!;
const original = readFileSync(join(datasetsDir(), record.file));

type Mode = 'good' | 'corrupt' | 'drop-first' | 'drop-always';
let mode: Mode = 'good';
const requests: { range?: string }[] = [];

/** Serves the shared file, honouring Range; misbehaves as `mode` says. */
function handler(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  requests.push({ range: req.headers.range });
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = match ? Number(match[1]) : 0;
  if (start >= original.length) {
    res.writeHead(416).end();
    return;
  }
  let body = original.subarray(start);
  if (mode === 'corrupt') {
    body = Buffer.from(body);
    body[Math.floor(body.length / 2)] ^= 0xff;
  }
  res.writeHead(match ? 206 : 200, { 'content-length': body.length, ...(match ? { 'content-range': `bytes ${start}-${original.length - 1}/${original.length}` } : {}) });
  const dropNow = mode === 'drop-always' || (mode === 'drop-first' && requests.length === 1);
  if (dropNow) {
    // Half of what is left, then the connection dies.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.socket?.destroy(), 20));
    return;
  }
  res.end(body);
}

let server: Server;
let url: string;
let cache: string;

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${record.file}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const entry = (): DatasetEntry => ({
  name: 'phishing_websites_copy',
  title: 'test copy',
  availability: 'fetch',
  file: 'phishing_websites_copy.csv.gz',
  format: 'csv',
  drift: 'unknown',
  source: 'test',
  license: 'test',
  citation: 'test',
  url,
  sha256: record.sha256,
  bytes: record.bytes,
});

describe('fetchDataset', () => {
  afterEach(async () => {
    requests.length = 0;
    mode = 'good';
    if (cache) await rm(cache, { recursive: true, force: true });
  });

  it('downloads, verifies and renames into the cache; the file reads as the original', async () => {
    cache = await mkdtemp(join(tmpdir(), 'tributary-fetch-'));
    const result = await fetchDataset(entry(), { cacheDir: cache });
    expect(result.downloaded).toBe(true);
    expect(result.sha256).toBe(record.sha256);
    expect(readFileSync(result.path).equals(original)).toBe(true);
    expect(await readdir(join(cache, 'datasets'))).toEqual(['phishing_websites_copy.csv.gz']);
    const stream = await CsvStream.open(result.path);
    let rows = 0;
    for (let b = await stream.nextBatch(4096); b; b = await stream.nextBatch(4096)) rows += b.n;
    expect(rows).toBe(record.rows);
    // A second fetch finds the complete file and does not download.
    const again = await fetchDataset(entry(), { cacheDir: cache });
    expect(again.downloaded).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it('without a catalogue sha256, records the first download\'s hash and verifies later reads against it', async () => {
    cache = await mkdtemp(join(tmpdir(), 'tributary-fetch-'));
    const unverified = { ...entry(), sha256: undefined, bytes: undefined };
    const result = await fetchDataset(unverified, { cacheDir: cache });
    expect(readFileSync(`${result.path}.sha256`, 'utf8')).toContain(record.sha256);
    expect(await datasetPath(unverified, { cacheDir: cache })).toBe(result.path);
    const bytes = readFileSync(result.path);
    bytes[100] ^= 0xff;
    writeFileSync(result.path, bytes);
    utimesSync(result.path, new Date(), new Date(Date.now() + 5000));
    await expect(datasetPath(unverified, { cacheDir: cache })).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
  });

  it('a fetch-only dataset that is not downloaded gets an error saying how to fetch it', async () => {
    cache = await mkdtemp(join(tmpdir(), 'tributary-fetch-'));
    await expect(openStream('covertype', { cacheDir: cache })).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining('tributary datasets fetch covertype') });
  });

  it('refuses to run two downloads of one file at once, and takes over the lock of a dead process', async () => {
    cache = await mkdtemp(join(tmpdir(), 'tributary-fetch-'));
    const lock = join(cache, 'datasets', 'phishing_websites_copy.csv.gz.lock');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(cache, 'datasets'), { recursive: true });
    writeFileSync(lock, String(process.ppid)); // a live process that is not us
    await expect(fetchDataset(entry(), { cacheDir: cache })).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining('another process') });
    writeFileSync(lock, '2147483646'); // no such process
    const result = await fetchDataset(entry(), { cacheDir: cache });
    expect(result.sha256).toBe(record.sha256);
    expect(existsSync(lock)).toBe(false);
  });

  it('rejects corrupted bytes with CHECKSUM_MISMATCH and leaves no file behind', async () => {
    cache = await mkdtemp(join(tmpdir(), 'tributary-fetch-'));
    mode = 'corrupt';
    await expect(fetchDataset(entry(), { cacheDir: cache })).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    expect(await readdir(join(cache, 'datasets'))).toEqual([]);
  });

  it('resumes with a Range request when the connection drops mid-way', async () => {
    cache = await mkdtemp(join(tmpdir(), 'tributary-fetch-'));
    mode = 'drop-first';
    const result = await fetchDataset(entry(), { cacheDir: cache });
    expect(result.sha256).toBe(record.sha256);
    expect(requests.length).toBe(2);
    expect(requests[0].range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(requests[1].range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThan(original.length);
  });

  it('keeps only a .part file when every attempt breaks, and a later fetch completes it', async () => {
    cache = await mkdtemp(join(tmpdir(), 'tributary-fetch-'));
    mode = 'drop-always';
    await expect(fetchDataset(entry(), { cacheDir: cache, retries: 0 })).rejects.toMatchObject({ code: 'IO_ERROR' });
    const final = join(cache, 'datasets', 'phishing_websites_copy.csv.gz');
    expect(existsSync(final)).toBe(false);
    expect(existsSync(`${final}.part`)).toBe(true);
    mode = 'good';
    const result = await fetchDataset(entry(), { cacheDir: cache });
    expect(result.sha256).toBe(record.sha256);
    expect(requests.at(-1)!.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(existsSync(`${final}.part`)).toBe(false);
  });
});
