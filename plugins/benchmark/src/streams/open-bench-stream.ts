import { parseSpec, TributaryError, type PluginRegistry, type StreamSource } from '@tributary/core';
import type { SuiteMember } from '../config/expand-jobs.js';

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
 * Every scenario of the synthetic suite of `@tributary/streams` (its `SUITE`
 * table), as `suite:NAME` specs with the instances a benchmark run uses.
 */
export async function listStreamSuite(): Promise<SuiteMember[]> {
  const streams = await streamsModule();
  const suite = streams.SUITE as { name: string; instances?: number }[] | undefined;
  if (!Array.isArray(suite)) throw new TributaryError('UNSUPPORTED', '@tributary/streams exports no SUITE of scenarios');
  return suite.map((scenario) => ({ spec: `suite:${scenario.name}`, instances: scenario.instances }));
}
