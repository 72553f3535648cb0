import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { TributaryError } from '../errors.js';
import type { Learner, LearnerContext, LearnerSpec } from '../learning/learner.js';
import type { LearnerSession } from '../learning/session.js';
import { NativeSession } from '../learning/native-session.js';
import type { StreamSchema } from '../data/schema.js';
import type { LearnerManifest, PluginKind, PluginManifest, SessionProviderManifest } from './manifest.js';
import { compileHyperparameters, resolveHyperparameters } from './params.js';
import { normalizeLearnerSpec } from './spec.js';

/** Injection token under which every manifest is registered. */
export const PLUGIN_MANIFEST = Symbol.for('tributary.PluginManifest');

/**
 * The plugin registry. Backed by a tsyringe child container (so tests and
 * embedders can hold several registries); plugin authors only ever see
 * `registry.register(manifest)`.
 */
export class PluginRegistry {
  private readonly container: DependencyContainer;
  private readonly byId = new Map<string, PluginManifest>();
  /** Plugin packages that failed to load during discovery, with the reason. */
  readonly loadFailures: { package: string; error: Error }[] = [];

  constructor(parent: DependencyContainer = rootContainer) {
    this.container = parent.createChildContainer();
  }

  /** Registers plugins; validates each manifest (and its defaults) now, so a broken plugin fails at load time. */
  register(...manifests: PluginManifest[]): this {
    for (const manifest of manifests) {
      checkManifest(manifest);
      const existing = this.byId.get(manifest.id);
      if (existing && existing !== manifest) {
        throw new TributaryError('INVALID_PLUGIN', `two plugins claim the id "${manifest.id}" (versions ${existing.version} and ${manifest.version})`);
      }
      if (existing) continue;
      this.byId.set(manifest.id, manifest);
      this.container.register(PLUGIN_MANIFEST, { useValue: manifest });
    }
    return this;
  }

  /** Every registered manifest, optionally of one kind, sorted by id. */
  list(kind?: PluginKind | PluginKind[]): PluginManifest[] {
    const all = this.container.isRegistered(PLUGIN_MANIFEST) ? this.container.resolveAll<PluginManifest>(PLUGIN_MANIFEST) : [];
    const kinds = kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind];
    return all.filter((m) => !kinds || kinds.includes(m.kind)).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Learner and selector manifests. */
  learners(): LearnerManifest[] {
    return this.list(['learner', 'selector']) as LearnerManifest[];
  }

  /** The manifest of `id`, or an error naming the id and the closest known ones. */
  get(id: string): PluginManifest {
    const manifest = this.byId.get(id);
    if (manifest) return manifest;
    const known = [...this.byId.keys()];
    const near = known.filter((k) => k.includes(id) || id.includes(k) || editDistance(k, id) <= 3).slice(0, 5);
    throw new TributaryError(
      'UNKNOWN_PLUGIN',
      `unknown plugin "${id}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''} (see \`tributary list learners\`)`,
      { id },
    );
  }

  /** Whether `id` names a registered plugin. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The learner manifest of `id` (a selector counts). */
  learnerManifest(id: string): LearnerManifest {
    const manifest = this.get(id);
    if (manifest.kind !== 'learner' && manifest.kind !== 'selector') {
      throw new TributaryError('UNKNOWN_PLUGIN', `"${id}" is a ${manifest.kind}, not a learner`);
    }
    return manifest as LearnerManifest;
  }

  /** The session provider whose prefix starts `learnerId`, if any. */
  providerFor(learnerId: string): SessionProviderManifest | undefined {
    return (this.list('session-provider') as SessionProviderManifest[]).find((p) => learnerId.startsWith(p.prefix));
  }

  /** Builds a native learner from a spec; nested specs resolve through this registry. */
  createLearner(spec: LearnerSpec, context: Pick<LearnerContext, 'schema' | 'seed'> & Partial<LearnerContext>): Learner {
    const { id, params } = normalizeLearnerSpec(spec);
    const manifest = this.learnerManifest(id);
    const resolved = resolveHyperparameters(manifest.hyperparameters, params, id);
    const fullContext: LearnerContext = {
      ...context,
      createLearner: (nested, nestedContext) => this.createLearner(nested, nestedContext),
      describeLearner: (learnerId) => this.learnerManifest(learnerId),
    };
    return manifest.create(resolved as Record<string, unknown>, fullContext);
  }

  /** Opens a session for a native learner or, through its provider, a bridged one. */
  async openSession(spec: LearnerSpec, schema: StreamSchema, seed: number): Promise<LearnerSession> {
    const { id, params } = normalizeLearnerSpec(spec);
    const provider = this.providerFor(id);
    if (provider) return provider.openSession({ learnerId: id, params, schema, seed });
    if (id.includes(':')) {
      const prefix = id.slice(0, id.indexOf(':') + 1);
      throw new TributaryError('UNKNOWN_PLUGIN', `no bridge handles "${prefix}" learners such as "${id}"; installed bridges: ${this.list('session-provider').map((p) => (p as SessionProviderManifest).prefix).join(', ') || 'none'}`);
    }
    return new NativeSession(this.createLearner({ id, params }, { schema, seed }));
  }
}

function checkManifest(manifest: PluginManifest): void {
  const where = `plugin ${JSON.stringify((manifest as { id?: unknown })?.id ?? '(no id)')}`;
  if (!manifest || typeof manifest !== 'object') throw new TributaryError('INVALID_PLUGIN', `a plugin manifest must be an object`);
  if (typeof manifest.id !== 'string' || !/^[a-z0-9][a-z0-9_\-:.]*$/.test(manifest.id)) {
    throw new TributaryError('INVALID_PLUGIN', `${where}: id must be lowercase letters, digits, "_", "-", ":" or "."`);
  }
  if (!manifest.description) throw new TributaryError('INVALID_PLUGIN', `${where}: missing one-line description`);
  if (!manifest.version) throw new TributaryError('INVALID_PLUGIN', `${where}: missing version`);
  if (manifest.kind === 'learner' || manifest.kind === 'selector') {
    if (typeof manifest.create !== 'function') throw new TributaryError('INVALID_PLUGIN', `${where}: missing create()`);
    compileHyperparameters(manifest.hyperparameters, manifest.id);
  }
  if ('hyperparameters' in manifest && manifest.hyperparameters && manifest.kind !== 'learner' && manifest.kind !== 'selector') {
    compileHyperparameters(manifest.hyperparameters, manifest.id);
  }
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
