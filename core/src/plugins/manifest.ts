import type { Learner, LearnerContext } from '../learning/learner.js';
import type { LearnerSession } from '../learning/session.js';
import type { StreamSchema } from '../data/schema.js';
import type { MetricDescriptor } from '../evaluation/metric.js';

/** Kinds of plugin the registry knows. */
export type PluginKind = 'learner' | 'selector' | 'evaluator' | 'metric' | 'stream' | 'detector' | 'session-provider';

/**
 * JSON Schema of one hyperparameter. Every property must carry a `default` and a
 * `description` (one line); numeric ones carry their bounds. `x-search` is an
 * optional annotation for model search (log scale, narrower range worth searching).
 */
export interface HyperparameterSchema {
  type?: 'number' | 'integer' | 'string' | 'boolean' | 'object' | 'array' | ('number' | 'integer' | 'string' | 'boolean' | 'object' | 'array' | 'null')[];
  description: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: readonly unknown[];
  /** Marks a parameter holding a nested learner spec (an ensemble's base learner). */
  'x-learner-spec'?: boolean;
  /** Search annotations for AutoML spaces. */
  'x-search'?: { log?: boolean; minimum?: number; maximum?: number; values?: readonly unknown[]; when?: Record<string, unknown> };
  [keyword: string]: unknown;
}

/** Hyperparameters of a plugin: a closed JSON Schema object. */
export interface HyperparametersSchema {
  type: 'object';
  properties: Record<string, HyperparameterSchema>;
  additionalProperties: false;
  required?: string[];
}

/** How a native hyperparameter maps onto a reference implementation. */
export interface Equivalent {
  /** Learner id in the reference, e.g. `moa:trees.HoeffdingTree` or `river:tree.HoeffdingTreeClassifier`. */
  id: string;
  /** Native parameter name → the reference's name (MOA: the option letter, e.g. `g`; River: the constructor argument). */
  params: Record<string, string>;
  /** Fixed parameters the reference needs to match the native defaults (e.g. pinned seeds or pinned defaults that differ). */
  fixed?: Record<string, unknown>;
  /** Native parameter value → reference value translations (e.g. enum spellings). */
  values?: Record<string, Record<string, unknown>>;
  /** Known differences worth stating next to comparison results. */
  notes?: string;
  /**
   * For a River reference that is binary only: `one-vs-rest` runs it in River's
   * `multiclass.OneVsRestClassifier` on streams whose schema declares more than two classes, and
   * unwrapped on binary streams (the bridge decides per session). Without it a binary learner
   * silently predicts only the first two classes of a multi-class stream. Emitted as the reserved
   * spec option `multiclass` (`MULTICLASS_OPTION`).
   */
  multiclass?: 'one-vs-rest';
  /**
   * For a River reference that takes numbers only: nominal features reach it one-hot encoded
   * rather than as value strings, on which it fails. `one-hot` (`name=value` → 1.0) suits linear
   * models and kNN; `one-hot-dense` (the feature's other known values → 0.0 too) suits GaussianNB,
   * which models only the keys it is given. Emitted as the reserved spec option `nominalEncoding`
   * (`NOMINAL_ENCODING_OPTION`).
   */
  nominalEncoding?: 'one-hot' | 'one-hot-dense';
}

/** Fields common to every manifest. */
interface ManifestBase {
  /** Stable lowercase id, e.g. `hoeffding-tree`. */
  id: string;
  kind: PluginKind;
  /** Semver of the plugin. */
  version: string;
  /** One line saying what it is. */
  description: string;
  /** Family for grouping (trees, bayes, lazy, linear, ensembles, ...). */
  family?: string;
  /** Bibliography keys (see docs/bibliography.md). */
  references?: string[];
}

/** A learner plugin (selectors are learners too). */
export interface LearnerManifest<P extends Record<string, unknown> = Record<string, unknown>> extends ManifestBase {
  kind: 'learner' | 'selector';
  hyperparameters: HyperparametersSchema;
  /** Builds a learner from validated parameters (defaults filled in). */
  create(params: P, context: LearnerContext): Learner;
  /** Equivalents in reference libraries, keyed by library (`moa`, `river`, `capymoa`). */
  equivalents?: Partial<Record<'moa' | 'river' | 'capymoa', Equivalent>>;
  /** Whether predictions depend on the seed. */
  randomized?: boolean;
}

/** Opens learner sessions for ids with a prefix (bridges: `river:`, `moa:`, `capymoa:`). */
export interface SessionProviderManifest extends ManifestBase {
  kind: 'session-provider';
  /** Id prefix handled, including the colon, e.g. `river:`. */
  prefix: string;
  openSession(request: { learnerId: string; params: Record<string, unknown>; schema: StreamSchema; seed: number }): Promise<LearnerSession>;
  /** Learners the provider offers, when it can list them without starting a server. */
  listLearners?(): Promise<{ id: string; description?: string; params?: Record<string, unknown> }[]>;
}

/** A metric plugin. */
export interface MetricManifest extends ManifestBase {
  kind: 'metric';
  metric: MetricDescriptor;
}

/** Any other plugin kind (stream, detector, evaluator): an id, docs and a factory. */
export interface GenericManifest extends ManifestBase {
  kind: 'stream' | 'detector' | 'evaluator';
  hyperparameters?: HyperparametersSchema;
  create(params: Record<string, unknown>, context?: unknown): unknown;
}

export type PluginManifest = LearnerManifest<any> | SessionProviderManifest | MetricManifest | GenericManifest;
