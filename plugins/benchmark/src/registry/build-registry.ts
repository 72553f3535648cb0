import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findPluginPackages, PluginRegistry, TributaryError, type PluginManifest } from '@tributary/core';

/** A registry and the plugin packages that could not be loaded (a grid still runs without them). */
export interface BenchRegistry {
  registry: PluginRegistry;
  /** `package: reason` for every discovered package that failed to load. */
  skipped: string[];
}

/**
 * A registry holding every discovered plugin package plus the extra plugin
 * modules named in a benchmark config (package names, or paths resolved against
 * `baseDir`). Unlike `discoverPlugins`, one broken package does not stop the
 * grid: it is reported, and only the jobs needing it fail.
 */
export async function buildRegistry(extraModules: readonly string[] = [], baseDir = process.cwd()): Promise<PluginRegistry> {
  return (await buildBenchRegistry(extraModules, baseDir)).registry;
}

/** {@link buildRegistry}, also returning the packages skipped. */
export async function buildBenchRegistry(extraModules: readonly string[] = [], baseDir = process.cwd()): Promise<BenchRegistry> {
  const registry = new PluginRegistry();
  const skipped: string[] = [];
  for (const pkg of findPluginPackages()) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pkg.name)) as Record<string, unknown>;
    } catch (e) {
      skipped.push(`${pkg.name}: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    if (Array.isArray(module.plugins)) registry.register(...(module.plugins as PluginManifest[]));
  }
  for (const name of extraModules) {
    const specifier = name.startsWith('.') || isAbsolute(name) ? pathToFileURL(resolve(baseDir, name)).href : name;
    let module: Record<string, unknown>;
    try {
      module = (await import(specifier)) as Record<string, unknown>;
    } catch (e) {
      throw new TributaryError('CONFIG_ERROR', `cannot load plugin module "${name}" named in the benchmark config: ${(e as Error).message}`, { module: name });
    }
    if (!Array.isArray(module.plugins)) {
      throw new TributaryError('CONFIG_ERROR', `plugin module "${name}" does not export "plugins" (an array of plugin manifests)`, { module: name });
    }
    registry.register(...(module.plugins as PluginManifest[]));
  }
  return { registry, skipped };
}
