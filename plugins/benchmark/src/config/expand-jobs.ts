import { formatSpec, normalizeLearnerSpec, resolveHyperparameters, TributaryError, type LearnerManifest, type PluginRegistry } from '@tributary/core';
import type { BenchConfig, JobBudget, LearnerEntry, StreamEntry } from './bench-config.js';

/** One cell of the grid: a learner on a stream with a seed, and its caps. */
export interface BenchJob {
  /** Identity of the job within its run: `learner|stream|seed`. */
  key: string;
  /** Position in the grid (expansion order). */
  index: number;
  /** Learner name in results. */
  learner: string;
  /** Learner id (bridged ids keep their prefix). */
  learnerId: string;
  /** Hyperparameters as given (defaults are filled by the implementation). */
  params: Record<string, unknown>;
  /** `native`, or the bridge prefix without its colon (`river`, `moa`, ...). */
  implementation: string;
  /** Stream name in results. */
  stream: string;
  /** Stream spec opened by the worker (`{seed}` substituted). */
  streamSpec: string;
  seed: number;
  /** Instance cap (whole stream when absent). */
  maxInstances?: number;
  /** Wall-time budget, in seconds. */
  timeSeconds?: number;
  /** Memory budget, in MiB. */
  memoryMB?: number;
  /** Why the job is capped (from the limit rules), if it is. */
  capReason?: string;
}

/** A scenario of the synthetic suite: its `suite:NAME` spec and the instances a benchmark run uses. */
export interface SuiteMember {
  spec: string;
  instances?: number;
}

/** Lists every scenario of the synthetic suite (for `suite:*` patterns and the scenarios' instance counts). */
export type SuiteLister = () => SuiteMember[] | Promise<SuiteMember[]>;

/**
 * Jobs = learners × streams × seeds. A learner runs once per seed when it is
 * randomised (entry's `randomized`, else its manifest's, else for a bridged
 * learner the flag of the native learner naming it as equivalent, else true),
 * otherwise once with the first seed. Caps: global, then stream, then learner,
 * then the limit rules in order (later wins). A stream spec `suite:NAME` is one
 * scenario of the synthetic suite, a pattern such as `suite:*` every matching
 * one, each with the seed of an optional `(seed=...)` suffix (`{seed}`: the job's);
 * a scenario's own instance count caps it unless the entry sets a cap.
 */
export async function expandJobs(config: BenchConfig, registry: PluginRegistry, listSuite?: SuiteLister, warn?: (message: string) => void): Promise<BenchJob[]> {
  const learners = config.learners.map((entry, i) => resolveLearner(entry, i, registry));
  assertUniqueLabels(learners.map((l) => l.label), 'learner');
  const streams: { label: string; spec: string; maxInstances?: number }[] = [];
  let suite: SuiteMember[] | undefined;
  for (const entry of config.streams) {
    const stream: StreamEntry = typeof entry === 'string' ? { spec: entry } : entry;
    if (stream.spec.startsWith('suite:')) {
      if (!listSuite) throw new TributaryError('CONFIG_ERROR', `stream "${stream.spec}": no stream suite is available (is @tributary/streams installed?)`);
      suite ??= await listSuite();
      // An optional `(seed=N)` or `(seed={seed})` picks the scenario's seed (else 1: one realisation for every job).
      const [, name, seedSuffix = ''] = /^(.*?)(\(\s*seed\s*=\s*(?:-?\d+|\{seed\})\s*\))?$/.exec(stream.spec)!;
      const members = suite.filter((member) => wildcardMatch(name, member.spec));
      if (members.length === 0) {
        const message = `stream "${stream.spec}" matches no scenario of the suite; known: ${suite.map((m) => m.spec).join(', ') || '(none)'}`;
        // A pattern may legitimately match nothing yet (a suite still being filled); a name may not.
        if (!stream.spec.includes('*')) throw new TributaryError('CONFIG_ERROR', message, { stream: stream.spec });
        warn?.(message);
      }
      for (const member of members) {
        const label = members.length === 1 && stream.label ? stream.label : member.spec + seedSuffix;
        streams.push({ label, spec: member.spec + seedSuffix, maxInstances: stream.maxInstances ?? member.instances });
      }
    } else {
      streams.push({ label: stream.label ?? stream.spec, spec: stream.spec, maxInstances: stream.maxInstances });
    }
  }
  if (streams.length === 0) throw new TributaryError('CONFIG_ERROR', 'the grid has no streams');
  assertUniqueLabels(streams.map((s) => s.label), 'stream');

  // Stream-major order: a grid stopped part-way leaves whole streams done (complete blocks for the rank tests).
  const jobs: BenchJob[] = [];
  for (const stream of streams) {
    for (const learner of learners) {
      const seeds = learner.randomized ? config.seeds : config.seeds.slice(0, 1);
      const caps: JobBudget & { maxInstances?: number; capReason?: string } = {
        maxInstances: config.maxInstances,
        timeSeconds: config.budget?.timeSeconds,
        memoryMB: config.budget?.memoryMB,
      };
      if (stream.maxInstances !== undefined) caps.maxInstances = stream.maxInstances;
      if (learner.entry.maxInstances !== undefined) caps.maxInstances = learner.entry.maxInstances;
      if (learner.entry.timeSeconds !== undefined) caps.timeSeconds = learner.entry.timeSeconds;
      if (learner.entry.memoryMB !== undefined) caps.memoryMB = learner.entry.memoryMB;
      for (const rule of config.limits) {
        const learnerMatches = wildcardMatch(rule.learner, learner.label) || wildcardMatch(rule.learner, learner.id);
        const streamMatches = wildcardMatch(rule.stream, stream.label) || wildcardMatch(rule.stream, stream.spec);
        if (!learnerMatches || !streamMatches) continue;
        if (rule.maxInstances !== undefined) caps.maxInstances = rule.maxInstances;
        if (rule.timeSeconds !== undefined) caps.timeSeconds = rule.timeSeconds;
        if (rule.memoryMB !== undefined) caps.memoryMB = rule.memoryMB;
        if (rule.reason !== undefined) caps.capReason = rule.reason;
      }
      for (const seed of seeds) {
        jobs.push({
          key: `${learner.label}|${stream.label}|${seed}`,
          index: jobs.length,
          learner: learner.label,
          learnerId: learner.id,
          params: learner.params,
          implementation: learner.implementation,
          stream: stream.label,
          streamSpec: stream.spec.replaceAll('{seed}', String(seed)),
          seed,
          ...dropUndefined(caps),
        });
      }
    }
  }
  return jobs;
}

/** `*` matches any run of characters; everything else is literal; the whole text must match. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
  return regex.test(text);
}

interface ResolvedLearner {
  entry: LearnerEntry;
  label: string;
  id: string;
  params: Record<string, unknown>;
  implementation: string;
  randomized: boolean;
}

function resolveLearner(raw: string | LearnerEntry, position: number, registry: PluginRegistry): ResolvedLearner {
  const entry: LearnerEntry = typeof raw === 'string' ? { id: raw } : raw;
  let parsed: { id: string; params: Record<string, unknown> };
  try {
    parsed = normalizeLearnerSpec(entry.id);
  } catch (e) {
    throw new TributaryError('CONFIG_ERROR', `learners[${position}]: ${(e as Error).message}`, { learner: entry.id });
  }
  const params = { ...parsed.params, ...(entry.params ?? {}) };
  const colon = parsed.id.indexOf(':');
  const implementation = colon > 0 ? parsed.id.slice(0, colon) : 'native';
  let manifest: LearnerManifest | undefined;
  if (implementation === 'native') {
    try {
      manifest = registry.learnerManifest(parsed.id);
      resolveHyperparameters(manifest.hyperparameters, params, parsed.id);
    } catch (e) {
      throw new TributaryError('CONFIG_ERROR', `learners[${position}] ("${entry.id}"): ${(e as Error).message}`, { learner: entry.id });
    }
  } else if (!registry.providerFor(parsed.id)) {
    const prefixes = registry.list('session-provider').map((p) => (p as { prefix: string }).prefix);
    throw new TributaryError('CONFIG_ERROR', `learners[${position}] ("${entry.id}"): no bridge handles "${implementation}:" learners; installed bridges: ${prefixes.join(', ') || 'none'}`, { learner: entry.id });
  } else {
    manifest = registry.learners().find((m) => Object.values(m.equivalents ?? {}).some((eq) => eq?.id === parsed.id));
  }
  const randomized = entry.randomized ?? (manifest ? manifest.randomized === true : true);
  const label = entry.label ?? (typeof raw === 'string' ? raw : formatSpec({ id: parsed.id, params }));
  return { entry, label, id: parsed.id, params, implementation, randomized };
}

function assertUniqueLabels(labels: string[], what: string): void {
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) throw new TributaryError('CONFIG_ERROR', `two ${what}s are named "${label}"; give one a distinct "label"`, { label });
    seen.add(label);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
