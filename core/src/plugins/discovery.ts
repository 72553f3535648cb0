import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TributaryError } from '../errors.js';
import type { PluginManifest } from './manifest.js';
import { PluginRegistry } from './registry.js';
import { corePlugins } from './core-plugins.js';

/** A package that declares Tributary plugins (`"tributary": { "plugins": true }` in its package.json). */
export interface PluginPackage {
  name: string;
  version: string;
  dir: string;
}

function nodeModulesDirs(start: string): string[] {
  const dirs: string[] = [];
  let current = resolve(start);
  for (;;) {
    const candidate = join(current, 'node_modules');
    if (existsSync(candidate)) dirs.push(candidate);
    const parent = dirname(current);
    if (parent === current) return dirs;
    current = parent;
  }
}

function readPackage(dir: string): { name?: string; version?: string; tributary?: { plugins?: boolean } } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Lists plugin packages visible from `from` (default: the working directory)
 * and from core's own location: workspace packages are linked into the root
 * node_modules, third-party ones are installed there, so one scan finds both.
 */
export function findPluginPackages(from: string[] = [process.cwd(), fileURLToPath(new URL('.', import.meta.url))]): PluginPackage[] {
  const found = new Map<string, PluginPackage>();
  for (const start of from) {
    for (const modules of nodeModulesDirs(start)) {
      for (const entry of readdirSync(modules)) {
        const dirs = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((sub) => join(modules, entry, sub)) : [join(modules, entry)];
        for (const dir of dirs) {
          const pkg = readPackage(dir);
          if (pkg?.name && pkg.tributary?.plugins && !found.has(pkg.name)) found.set(pkg.name, { name: pkg.name, version: pkg.version ?? '0.0.0', dir });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function loadPackage(registry: PluginRegistry, name: string): Promise<void> {
  let module: { plugins?: PluginManifest[] };
  try {
    module = await import(name);
  } catch (e) {
    throw new TributaryError('INVALID_PLUGIN', `plugin package "${name}" failed to load: ${(e as Error).message}`, { package: name }, { cause: e });
  }
  if (!Array.isArray(module.plugins)) {
    throw new TributaryError('INVALID_PLUGIN', `plugin package "${name}" declares "tributary.plugins" but exports no "plugins" array`);
  }
  registry.register(...module.plugins);
}

/**
 * Imports every plugin package and registers its exported `plugins` manifests.
 * With `strict`, the first package that fails to load throws; otherwise its
 * error is kept in `registry.loadFailures` (and reported by `loadPlugins`), so one
 * broken third-party package does not take the others down.
 */
export async function discoverPlugins(registry: PluginRegistry = new PluginRegistry(), options: { from?: string[]; packages?: string[]; strict?: boolean } = {}): Promise<PluginRegistry> {
  const names = options.packages ?? findPluginPackages(options.from).map((p) => p.name);
  registry.register(...corePlugins);
  for (const name of names) {
    try {
      await loadPackage(registry, name);
    } catch (e) {
      if (options.strict) throw e;
      registry.loadFailures.push({ package: name, error: e as Error });
    }
  }
  return registry;
}

let shared: Promise<PluginRegistry> | undefined;

/** The process-wide registry with every discovered plugin (loaded once). */
export function loadPlugins(): Promise<PluginRegistry> {
  shared ??= discoverPlugins().then((registry) => {
    for (const failure of registry.loadFailures) process.stderr.write(`tributary: warning: ${failure.error.message}\n`);
    return registry;
  });
  return shared;
}
