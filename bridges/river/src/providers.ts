import { MULTICLASS_OPTION, NOMINAL_ENCODING_OPTION, TributaryError, type LearnerSession, type SessionProviderManifest, type StreamSchema } from '@tributary/core';
import { BridgeSession, MULTICLASS_WRAPPERS, NOMINAL_ENCODINGS, type ListLearnersReply, type MulticlassWrapper, type NominalEncoding } from '@tributary/bridge-protocol';
import { startPythonServer, type PythonLibrary, type PythonServerOptions } from './python-server.js';

const PREFIX: Record<PythonLibrary, string> = { river: 'river:', capymoa: 'capymoa:' };
const TITLE: Record<PythonLibrary, string> = { river: 'River', capymoa: 'CapyMOA' };

/** Options of a bridged Python session. */
export interface OpenPythonSessionOptions extends PythonServerOptions {
  /** Largest rows per `prequential` request (see docs/bridge-protocol.md, "Batch size"). */
  maxRowsPerRequest?: number;
}

/** The reserved session options a bridged spec may carry besides the constructor's arguments. */
export interface SessionOptions {
  nominalEncoding?: NominalEncoding;
  multiclass?: MulticlassWrapper;
}

function sessionOption<T extends string>(learnerId: string, params: Record<string, unknown>, name: string, allowed: readonly T[], what: string): T | undefined {
  if (!(name in params)) return undefined;
  const value = params[name];
  if (!allowed.includes(value as T)) {
    throw new TributaryError('INVALID_HYPERPARAMETER', `${learnerId}: ${name} must be one of ${allowed.join(', ')} (${what}), got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/**
 * Splits a bridged spec's parameters into the constructor's keyword arguments and the reserved
 * session options: `nominalEncoding`, `"value"` (the default), `"one-hot"` (River's linear models
 * and kNN take numbers only) or `"one-hot-dense"` (GaussianNB: it models only the keys it is
 * given); and `multiclass`, `"none"` (the default) or `"one-vs-rest"` (River's binary-only
 * learners: one-vs-rest on streams whose schema declares more than two classes).
 * `nominalEncoding` is camelCase, which River's arguments never are; no River estimator takes
 * an argument named `multiclass` (River 0.26.1).
 * @throws TributaryError INVALID_HYPERPARAMETER for an unknown value
 */
export function splitSessionOptions(learnerId: string, params: Record<string, unknown>): { params: Record<string, unknown> } & SessionOptions {
  const nominalEncoding = sessionOption(learnerId, params, NOMINAL_ENCODING_OPTION, NOMINAL_ENCODINGS, 'how nominal features reach the library');
  const multiclass = sessionOption(learnerId, params, MULTICLASS_OPTION, MULTICLASS_WRAPPERS, 'how a binary-only learner meets more than two classes');
  if (nominalEncoding === undefined && multiclass === undefined) return { params };
  const { [NOMINAL_ENCODING_OPTION]: _encoding, [MULTICLASS_OPTION]: _multiclass, ...rest } = params;
  return { params: rest, ...(nominalEncoding === undefined ? {} : { nominalEncoding }), ...(multiclass === undefined ? {} : { multiclass }) };
}

/**
 * Opens a session on a server of its own (parallel runs never share one).
 * @param learnerId `river:<module>.<Class>` or `capymoa:<Class>`
 * @param params constructor keyword arguments, nested objects as `{id, params}`; plus the reserved
 *   `nominalEncoding` and `multiclass` (see {@link splitSessionOptions})
 * @throws TributaryError UNKNOWN_PLUGIN / INVALID_HYPERPARAMETER carrying the library's own error text
 */
export async function openPythonSession(
  library: PythonLibrary,
  request: { learnerId: string; params: Record<string, unknown>; schema: StreamSchema; seed: number },
  options: OpenPythonSessionOptions = {},
): Promise<LearnerSession> {
  const prefix = PREFIX[library];
  if (!request.learnerId.startsWith(prefix) || request.learnerId.length === prefix.length) {
    throw new TributaryError('UNKNOWN_PLUGIN', `learner id "${request.learnerId}" must look like ${prefix}${library === 'river' ? 'tree.HoeffdingTreeClassifier' : 'HoeffdingTree'}`);
  }
  const { params, nominalEncoding, multiclass } = splitSessionOptions(request.learnerId, request.params);
  const supervisor = await startPythonServer(library, { ...options, label: options.label ?? `${TITLE[library]} learner "${request.learnerId}"` });
  return BridgeSession.open({
    supervisor,
    learnerId: request.learnerId,
    implementation: library,
    learner: request.learnerId.slice(prefix.length),
    params,
    schema: request.schema,
    seed: request.seed,
    maxRowsPerRequest: options.maxRowsPerRequest,
    nominalEncoding,
    multiclass,
  });
}

/** Learners a Python library offers, with defaults as the library reports them (starts a short-lived server). */
export async function listPythonLearners(library: PythonLibrary): Promise<{ id: string; description?: string; params?: Record<string, unknown> }[]> {
  const supervisor = await startPythonServer(library, { label: `${TITLE[library]} bridge server (list_learners)` });
  try {
    const { header } = await supervisor.client.request<ListLearnersReply>('list_learners');
    return header.learners.map((l) => ({ id: PREFIX[library] + l.id, description: l.description, params: l.params }));
  } finally {
    await supervisor.dispose();
  }
}

function provider(library: PythonLibrary): SessionProviderManifest {
  return {
    id: `${library}-bridge`,
    kind: 'session-provider',
    version: '0.1.0',
    description:
      library === 'river'
        ? 'River (Python) classifiers over ZeroMQ: river:<module>.<Class> with constructor arguments (nominalEncoding=one-hot for numeric-only learners, multiclass=one-vs-rest for binary-only ones)'
        : 'CapyMOA (MOA through JPype) classifiers over ZeroMQ: capymoa:<Class> with CapyMOA constructor arguments',
    family: 'bridges',
    prefix: PREFIX[library],
    openSession: (request) => openPythonSession(library, request),
    listLearners: () => listPythonLearners(library),
  };
}

/** Session provider for `river:` learner ids. */
export const riverProvider: SessionProviderManifest = provider('river');
/** Session provider for `capymoa:` learner ids. */
export const capymoaProvider: SessionProviderManifest = provider('capymoa');
