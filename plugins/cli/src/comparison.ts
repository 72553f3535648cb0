import {
  compareImplementations,
  recordStream,
  translateToReference,
  TributaryError,
  type ComparisonResult,
  type PluginRegistry,
  type ReferenceLibrary,
} from '@tributary/core';
import { openStream } from '@tributary/streams';

/** Implementations `compare` knows how to run. */
export const IMPLEMENTATIONS = ['native', 'moa', 'river', 'capymoa'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

/** What one implementation will run, in its own terms (shown so differing defaults are visible). */
export interface PlannedRun {
  implementation: Implementation;
  id: string;
  params: Record<string, unknown>;
  unmapped: string[];
  notes?: string;
}

/** Resolves the learner id and parameters each implementation receives. */
export function planComparison(registry: PluginRegistry, learner: string, params: Record<string, unknown>, implementations: Implementation[]): PlannedRun[] {
  return implementations.map((implementation) => {
    if (implementation === 'native') return { implementation, id: learner, params, unmapped: [] };
    const translated = translateToReference(registry, { id: learner, params }, implementation as ReferenceLibrary);
    return { implementation, ...translated };
  });
}

/** Runs a planned comparison on the first `maxInstances` of a stream, read once and replayed to each. */
export async function runComparison(
  registry: PluginRegistry,
  plan: PlannedRun[],
  streamSpec: string,
  options: { maxInstances?: number; seed: number; windowSize?: number; checkpointEvery?: number },
): Promise<ComparisonResult> {
  if (plan.length === 0) throw new TributaryError('CONFIG_ERROR', 'nothing to compare: give --impl');
  const source = await openStream(streamSpec, { maxInstances: options.maxInstances });
  let recorded;
  try {
    recorded = await recordStream(source, options.maxInstances ?? Infinity);
  } finally {
    await source.close();
  }
  return compareImplementations(
    recorded,
    plan.map((run) => ({
      label: run.implementation,
      open: (schema) => registry.openSession({ id: run.id, params: run.params }, schema, options.seed),
    })),
    { seed: options.seed, windowSize: options.windowSize, checkpointEvery: options.checkpointEvery ?? Math.max(1000, recorded.n) },
  );
}
