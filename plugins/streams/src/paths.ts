import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';

let cachedRepoRoot: string | null | undefined;

/**
 * The Tributary repository root: the nearest directory above this module that
 * holds `turbo.json`, or null when the package runs outside the repository
 * (installed from npm).
 */
export function repoRoot(): string | null {
  if (cachedRepoRoot !== undefined) return cachedRepoRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'turbo.json'))) return (cachedRepoRoot = dir);
    const parent = dirname(dir);
    if (parent === dir) return (cachedRepoRoot = null);
    dir = parent;
  }
}

/**
 * Folder of the shared real datasets (`manifest.json` + `NAME.csv.gz`):
 * the explicit argument, else env `TRIBUTARY_DATASETS`, else `<repo>/../shared/datasets`.
 */
export function datasetsDir(explicit?: string): string {
  if (explicit) return resolve(explicit);
  const fromEnv = process.env.TRIBUTARY_DATASETS;
  if (fromEnv) return resolve(fromEnv);
  const root = repoRoot();
  return root ? resolve(root, '..', 'shared', 'datasets') : resolve('shared', 'datasets');
}

/**
 * Cache folder of downloaded datasets and checksum stamps: the explicit argument,
 * else env `TRIBUTARY_CACHE`, else the user's cache dir (`~/.cache/tributary` on Linux).
 */
export function cacheDir(explicit?: string): string {
  if (explicit) return resolve(explicit);
  const fromEnv = process.env.TRIBUTARY_CACHE;
  if (fromEnv) return resolve(fromEnv);
  return envPaths('tributary', { suffix: '' }).cache;
}
