import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TributaryError } from '@tributary/core';
import { cacheDir } from '../paths.js';
import { findDataset, type DatasetEntry } from './catalogue.js';
import { sha256File } from './checksum.js';

/** Options of `fetchDataset`. */
export interface FetchOptions {
  /** Cache folder (default: env `TRIBUTARY_CACHE`, else the user cache dir); files go to `<cache>/datasets/`. */
  cacheDir?: string;
  /** Datasets folder, to resolve shared names (default as `openStream`). */
  datasetsDir?: string;
  /** Download from here instead of the catalogue's URL (mirrors, tests). */
  url?: string;
  /** Attempts when the connection breaks; each resumes where the last stopped (default 5). */
  retries?: number;
  /** Called as bytes arrive. */
  onProgress?: (progress: { received: number; total?: number }) => void;
}

/** Outcome of `fetchDataset`. */
export interface FetchResult {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
  /** False when the file was already complete in the cache (or is a shared dataset). */
  downloaded: boolean;
}

/** Folder of downloaded datasets inside the cache. */
export function downloadsDir(cache?: string): string {
  return join(cacheDir(cache), 'datasets');
}

/** The sha256 recorded next to a downloaded file (trust on first download), if any. */
export async function recordedChecksum(path: string): Promise<string | undefined> {
  try {
    return (await readFile(`${path}.sha256`, 'utf8')).trim().split(/\s+/)[0] || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Appends the bytes of `url` from `offset` on to `partPath`; when the server
 * ignores the range and sends the whole file, the part file is rewritten.
 * A broken connection throws a plain Error (the caller resumes).
 */
async function downloadFrom(url: string, partPath: string, offset: number, total: { value?: number }, onProgress?: FetchOptions['onProgress']): Promise<void> {
  const response = await fetch(url, { headers: offset > 0 ? { Range: `bytes=${offset}-` } : {}, redirect: 'follow' });
  if (response.status === 416 && offset > 0) {
    await response.body?.cancel();
    return; // nothing left to fetch: the part file is complete
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new TributaryError('IO_ERROR', `download of ${url} failed: HTTP ${response.status} ${response.statusText}`, { url, status: response.status });
  }
  const resumed = response.status === 206 && offset > 0;
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(length)) total.value = (resumed ? offset : 0) + length;
  let received = resumed ? offset : 0;
  if (!response.body) throw new Error('empty response body');
  // Each chunk is written before the next is read, so after a broken connection
  // the part file holds exactly the bytes received and the next attempt resumes there.
  const file = await open(partPath, resumed ? 'a' : 'w');
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      await file.write(chunk);
      received += chunk.byteLength;
      onProgress?.({ received, total: total.value });
    }
  } finally {
    await file.close();
  }
  if (total.value !== undefined && received < total.value) throw new Error(`connection closed after ${received} of ${total.value} bytes`);
}

/**
 * Downloads a catalogue dataset into the cache: into `<file>.part` first,
 * resuming with an HTTP Range request when the connection breaks, then checks
 * the size and sha256 the catalogue records, and only then renames the part
 * file to its final name (atomic on one file system), so a complete-looking
 * file is always complete. A shared dataset is not downloaded: its path is returned.
 * When the catalogue has no sha256, the hash of the first complete download is
 * recorded in `<file>.sha256` and later reads are verified against it.
 */
export async function fetchDataset(nameOrEntry: string | DatasetEntry, options: FetchOptions = {}): Promise<FetchResult> {
  const entry = typeof nameOrEntry === 'string' ? findDataset(nameOrEntry, options) : nameOrEntry;
  if (!entry) throw new TributaryError('INVALID_SPEC', `unknown dataset "${String(nameOrEntry)}"; see \`tributary datasets list\``);
  if (entry.availability === 'shared' && !options.url) {
    const { datasetPath } = await import('../open-stream.js');
    const path = await datasetPath(entry, options);
    return { name: entry.name, path, bytes: (await stat(path)).size, sha256: entry.sha256 ?? (await sha256File(path)), downloaded: false };
  }
  const url = options.url ?? entry.url;
  if (!url) throw new TributaryError('UNSUPPORTED', `dataset "${entry.name}" has no download URL in the catalogue`);
  const folder = downloadsDir(options.cacheDir);
  await mkdir(folder, { recursive: true });
  const finalPath = join(folder, entry.file);
  const expected = entry.sha256 ?? (await recordedChecksum(finalPath));
  if (existsSync(finalPath)) {
    const actual = await sha256File(finalPath);
    if (!expected || actual === expected) {
      if (!expected) await writeFile(`${finalPath}.sha256`, `${actual}  ${entry.file}\n`);
      return { name: entry.name, path: finalPath, bytes: (await stat(finalPath)).size, sha256: actual, downloaded: false };
    }
    await rm(finalPath, { force: true }); // corrupt copy: fetch again
  }
  const partPath = `${finalPath}.part`;
  const release = await acquireLock(`${finalPath}.lock`, entry.name);
  try {
    return await downloadVerified(entry, url, finalPath, partPath, options);
  } finally {
    await release();
  }
}

/**
 * One fetch per file at a time: a lock file holding the owner's pid, created
 * exclusively. A lock whose process is gone (a crashed fetch) is taken over.
 */
async function acquireLock(lockPath: string, name: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.write(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new TributaryError('IO_ERROR', `dataset "${name}" is being downloaded by another process (pid ${owner}); wait for it, or remove ${lockPath} if that is wrong`, { lockPath, pid: owner });
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new TributaryError('IO_ERROR', `cannot lock ${lockPath} for the download of "${name}"`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function downloadVerified(entry: DatasetEntry, url: string, finalPath: string, partPath: string, options: FetchOptions): Promise<FetchResult> {
  const retries = options.retries ?? 5;
  const total: { value?: number } = { value: entry.bytes };
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const offset = existsSync(partPath) ? (await stat(partPath)).size : 0;
    try {
      await downloadFrom(url, partPath, offset, total, options.onProgress);
      lastError = undefined;
      break;
    } catch (e) {
      lastError = e;
      if (e instanceof TributaryError) throw e; // HTTP errors do not heal by retrying
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
  if (lastError) {
    throw new TributaryError('IO_ERROR', `download of "${entry.name}" from ${url} failed after ${retries + 1} attempts: ${(lastError as Error).message}; run the fetch again to resume`, { url }, { cause: lastError });
  }
  const size = (await stat(partPath)).size;
  if (entry.bytes !== undefined && size !== entry.bytes) {
    await rm(partPath, { force: true });
    throw new TributaryError('CHECKSUM_MISMATCH', `download of "${entry.name}" has ${size} bytes, the catalogue records ${entry.bytes}; the partial file was removed`, { url, size, expected: entry.bytes });
  }
  const actual = await sha256File(partPath);
  if (entry.sha256 && actual !== entry.sha256) {
    await rm(partPath, { force: true });
    throw new TributaryError('CHECKSUM_MISMATCH', `download of "${entry.name}" from ${url} has sha256 ${actual}, the catalogue records ${entry.sha256}; the file was removed`, { url, expected: entry.sha256, actual });
  }
  await rename(partPath, finalPath);
  if (!entry.sha256) await writeFile(`${finalPath}.sha256`, `${actual}  ${entry.file}\n`);
  return { name: entry.name, path: finalPath, bytes: size, sha256: actual, downloaded: true };
}
