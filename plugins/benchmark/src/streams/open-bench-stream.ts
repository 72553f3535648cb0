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
 * Expands `suite:NAME` through `@tributary/streams`: its `suiteSpecs(name)`,
 * `expandSuite(name)`, or a `SUITES`/`suites` record of spec lists.
 */
export async function expandStreamSuite(name: string): Promise<string[]> {
  const streams = await streamsModule();
  for (const fn of ['suiteSpecs', 'expandSuite', 'suite']) {
    const f = streams[fn];
    if (typeof f === 'function') {
      const result = (await (f as (n: string) => unknown)(name)) as unknown;
      const specs = toSpecs(result);
      if (specs) return specs;
    }
  }
  for (const record of ['SUITES', 'suites', 'STREAM_SUITES']) {
    const table = streams[record] as Record<string, unknown> | undefined;
    if (table && typeof table === 'object' && name in table) {
      const specs = toSpecs(table[name]);
      if (specs) return specs;
    }
  }
  throw new TributaryError('CONFIG_ERROR', `unknown stream suite "suite:${name}"`, { suite: name });
}

function toSpecs(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((v) => (typeof v === 'string' ? v : String((v as { spec?: string; id?: string }).spec ?? (v as { id?: string }).id)));
}
