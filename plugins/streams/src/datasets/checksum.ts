import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { TributaryError } from '@tributary/core';
import { cacheDir } from '../paths.js';

/** sha256 (hex) of a file, read as a stream. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const STAMP_FILE = 'verified-checksums.json';
const verifiedThisProcess = new Set<string>();

async function stampKey(path: string): Promise<string> {
  const real = await realpath(path);
  const s = await stat(real, { bigint: true });
  return `${real}|${s.size}|${s.mtimeNs}`;
}

async function readStamps(file: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * Checks a file against its expected sha256 once: the result is remembered in a
 * stamp file of the cache folder keyed by real path, size and mtime (ns), so a file is
 * hashed again only when it changes. A mismatch throws `CHECKSUM_MISMATCH`.
 */
export async function verifyChecksumOnce(path: string, expected: string, options: { cacheDir?: string; what?: string } = {}): Promise<void> {
  const key = await stampKey(path);
  if (verifiedThisProcess.has(`${key}|${expected}`)) return;
  const folder = cacheDir(options.cacheDir);
  const stampPath = join(folder, STAMP_FILE);
  const stamps = await readStamps(stampPath);
  if (stamps[key] === expected) {
    verifiedThisProcess.add(`${key}|${expected}`);
    return;
  }
  const actual = await sha256File(path);
  if (actual !== expected) {
    throw new TributaryError(
      'CHECKSUM_MISMATCH',
      `${options.what ?? 'file'} ${path} has sha256 ${actual}, but the catalogue records ${expected}; the file is corrupt or was changed (delete it and fetch it again)`,
      { path, expected, actual },
    );
  }
  verifiedThisProcess.add(`${key}|${expected}`);
  // The stamp is an optimisation only: a read-only or racing cache must not fail the read.
  try {
    await mkdir(folder, { recursive: true });
    const merged = { ...(await readStamps(stampPath)), [key]: expected };
    const temp = `${stampPath}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, JSON.stringify(merged, null, 1));
    await rename(temp, stampPath);
  } catch {
    /* cache not writable: verify again next time */
  }
}
