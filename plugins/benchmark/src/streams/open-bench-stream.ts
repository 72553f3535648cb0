import { parseSpec, TributaryError, type PluginRegistry, type StreamSource } from '@tributary/core';

/** The part of `@tributary/streams` the benchmark uses. */
interface StreamsModule {
  openStream(spec: string, options?: { maxInstances?: number; seed?: number }): Promise<StreamSource>;
}

const STREAMS_PACKAGE = '@tributary/streams';

/** Imports `@tributary/streams` (absent in minimal installs; the error then says so). */
export async function streamsModule(): Promise<StreamsModule & Record<string, unknown>> {
  try {
    return (await import(STREAMS_PACKAGE)) as StreamsModule & Record<string, unknown>;
  } catch (e) {
    throw new TributaryError('UNSUPPORTED', `streams need the package ${STREAMS_PACKAGE}, which failed to load: ${(e as Error).message}`);
  }
}

/**
 * Opens a stream of a job: a `stream` plugin of the registry whose id is the
 * spec's id (config `plugins` can add some), otherwise `@tributary/streams`
 * (dataset names, file paths, generator specs).
 */
export async function openBenchStream(spec: string, registry: PluginRegistry, options: { maxInstances?: number } = {}): Promise<StreamSource> {
  let id: string | undefined;
  let params: Record<string, unknown> = {};
  try {
    ({ id, params } = parseSpec(spec));
  } catch {
    id = undefined;
  }
  if (id && registry.has(id)) {
    const manifest = registry.get(id);
    if (manifest.kind === 'stream') return (await manifest.create(params)) as StreamSource;
  }
  return (await streamsModule()).openStream(spec, options);
}

/**
 * Every scenario of the synthetic suite of `@tributary/streams`, as `suite:NAME`
 * specs: from its `suiteNames()` / `listSuite()` functions or a `SUITE` /
 * `SUITE_SCENARIOS` table (names, or objects with a `name`).
 */
export async function listStreamSuite(): Promise<string[]> {
  const streams = await streamsModule();
  for (const key of ['suiteNames', 'listSuite', 'suiteScenarios', 'SUITE', 'SUITE_SCENARIOS', 'SCENARIOS']) {
    const value = streams[key];
    const listed = typeof value === 'function' ? await (value as () => unknown)() : value;
    const names = Array.isArray(listed) ? listed : listed && typeof listed === 'object' ? Object.keys(listed) : undefined;
    if (names && names.length > 0) {
      return names.map((n) => (typeof n === 'string' ? n : String((n as { name?: string }).name))).map((n) => (n.startsWith('suite:') ? n : `suite:${n}`));
    }
  }
  throw new TributaryError('UNSUPPORTED', '@tributary/streams lists no suite scenarios');
}
