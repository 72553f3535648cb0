import { TributaryError, type LearnerSession, type SessionProviderManifest, type StreamSchema } from '@tributary/core';
import { BridgeSession, type ListLearnersReply, type ReportedLearner } from '@tributary/bridge-protocol';
import { startMoaServer, type MoaServerOptions } from './moa-server.js';

/** Id prefix of MOA learners. */
export const MOA_PREFIX = 'moa:';

/**
 * Rows per testThenTrain call a MOA session asks the evaluator for (core's
 * `LearnerSession.preferredBatchSize`; an explicit batch size wins), and the largest rows per
 * `prequential` request. Every request costs the JVM, ZeroMQ and Node about a millisecond of CPU
 * on a loaded 2-core machine whatever its size, as much as a thousand rows of MOA's Hoeffding tree,
 * so a MOA session takes large batches whole; 10,000 is also the evaluator's default checkpoint
 * interval, which caps a batch anyway. Measured with `bench/bridge-efficiency.ts`
 * (docs/bridge-protocol.md, "Measured efficiency").
 */
export const DEFAULT_MOA_BATCH_SIZE = 10_000;
export const DEFAULT_MOA_ROWS_PER_REQUEST = DEFAULT_MOA_BATCH_SIZE;

/** Options of a bridged MOA session. */
export interface OpenMoaSessionOptions extends MoaServerOptions {
  /** Largest rows per `prequential` request (default {@link DEFAULT_MOA_ROWS_PER_REQUEST}). */
  maxRowsPerRequest?: number;
  /** Rows per testThenTrain call the session asks the evaluator for (default {@link DEFAULT_MOA_BATCH_SIZE}). */
  preferredBatchSize?: number;
}

/**
 * MOA's option string from a learner's params: `{}` (MOA's defaults) or `{ options: "-g 100 -c 0.01" }`.
 * @throws TributaryError INVALID_HYPERPARAMETER for any other parameter or a non-string value
 */
export function moaOptions(learnerId: string, params: Record<string, unknown>): string {
  for (const name of Object.keys(params)) {
    if (name !== 'options') {
      throw new TributaryError('INVALID_HYPERPARAMETER', `${learnerId}: MOA learners take one parameter, options (MOA's option string, e.g. options="-g 100 -c 0.01"); got "${name}"`);
    }
  }
  const options = params.options ?? '';
  if (typeof options !== 'string') {
    throw new TributaryError('INVALID_HYPERPARAMETER', `${learnerId}: options must be MOA's option string such as "-g 100 -c 0.01", got ${JSON.stringify(options)}`);
  }
  return options;
}

/** The learner name inside MOA (`trees.HoeffdingTree`) of a Tributary id (`moa:trees.HoeffdingTree`). */
export function moaLearnerName(learnerId: string): string {
  if (!learnerId.startsWith(MOA_PREFIX) || learnerId.length === MOA_PREFIX.length) {
    throw new TributaryError('UNKNOWN_PLUGIN', `learner id "${learnerId}" must look like moa:<package>.<Class> relative to moa.classifiers, e.g. moa:trees.HoeffdingTree`);
  }
  return learnerId.slice(MOA_PREFIX.length);
}

/**
 * Opens a MOA learner on a JVM of its own (parallel runs never share one).
 * @param request.learnerId `moa:<package>.<Class>`, e.g. `moa:meta.AdaptiveRandomForest`
 * @param request.params `{}` or `{ options: "<MOA option string>" }`, nested learners as MOA writes them: `-l (trees.HoeffdingTree -g 50)`
 * @throws TributaryError UNKNOWN_PLUGIN / INVALID_HYPERPARAMETER carrying MOA's own error text
 */
export async function openMoaSession(
  request: { learnerId: string; params: Record<string, unknown>; schema: StreamSchema; seed: number },
  options: OpenMoaSessionOptions = {},
): Promise<BridgeSession> {
  const learner = moaLearnerName(request.learnerId);
  const moaOptionString = moaOptions(request.learnerId, request.params);
  const supervisor = await startMoaServer({ ...options, label: options.label ?? `MOA learner "${request.learnerId}"` });
  return BridgeSession.open({
    supervisor,
    learnerId: request.learnerId,
    implementation: 'moa',
    learner,
    params: { options: moaOptionString },
    schema: request.schema,
    seed: request.seed,
    maxRowsPerRequest: options.maxRowsPerRequest ?? DEFAULT_MOA_ROWS_PER_REQUEST,
    preferredBatchSize: options.preferredBatchSize ?? DEFAULT_MOA_BATCH_SIZE,
  });
}

/** MOA's classifiers with each option as MOA reports it (CLI letter, default, bounds, purpose); starts a short-lived JVM. */
export async function listMoaLearners(): Promise<ReportedLearner[]> {
  const supervisor = await startMoaServer({ label: 'MOA bridge server (list_learners)' });
  try {
    const { header } = await supervisor.client.request<ListLearnersReply>('list_learners');
    return header.learners;
  } finally {
    await supervisor.dispose();
  }
}

/** Session provider for `moa:` learner ids. */
export const moaProvider: SessionProviderManifest = {
  id: 'moa-bridge',
  kind: 'session-provider',
  version: '0.1.0',
  description: 'MOA (Java) classifiers over ZeroMQ: moa:<package>.<Class> with MOA option strings (options="-g 100 -c 0.01")',
  family: 'bridges',
  prefix: MOA_PREFIX,
  openSession: (request): Promise<LearnerSession> => openMoaSession(request),
  listLearners: async () =>
    (await listMoaLearners()).map((l) => ({ id: MOA_PREFIX + l.id, description: l.description, params: l.params })),
};
