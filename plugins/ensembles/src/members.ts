import { TributaryError, type HyperparameterSchema, type Learner, type LearnerContext, type LearnerSpec, type StreamSchema } from '@tributary/core';

/**
 * Schema of an ensemble's base-learner hyperparameter: a nested learner spec
 * (`'id'`, `'id(a=1)'` or `{ id, params }`) resolved through the registry, so
 * any registered learner, a third party's included, can be the base.
 */
export function baseLearnerHyperparameter(defaultSpec: LearnerSpec, description: string): HyperparameterSchema {
  return { type: ['string', 'object'], 'x-learner-spec': true, default: defaultSpec, description };
}

/**
 * Builds one member from the ensemble's base-learner spec with its own seed
 * (and, for subspace members, its own schema).
 */
export function createMember(owner: string, context: LearnerContext, spec: LearnerSpec, seed: number, schema: StreamSchema = context.schema): Learner {
  const create = context.createLearner;
  if (!create) {
    throw new TributaryError(
      'CONFIG_ERROR',
      `"${owner}" needs context.createLearner to build its base learner ${JSON.stringify(spec)}; create the ensemble through a PluginRegistry (registry.createLearner)`,
    );
  }
  return create(spec, { ...context, schema, seed });
}

/** Adds the normalised `vote[0..k)` scaled by `weight` into `out`; returns false (and adds nothing) when the vote is all zeros. */
export function addNormalizedVote(out: Float64Array, vote: Float64Array, k: number, weight: number): boolean {
  let sum = 0;
  for (let c = 0; c < k; c++) sum += vote[c];
  if (!(sum > 0) || !Number.isFinite(sum)) return false;
  const scale = weight / sum;
  for (let c = 0; c < k; c++) out[c] += vote[c] * scale;
  return true;
}

/** A vote buffer of at least `k` entries (at least 2), reallocated only when the class count grows. */
export function ensureCapacity(buffer: Float64Array, k: number): Float64Array {
  return buffer.length >= k ? buffer : new Float64Array(Math.max(2, k, buffer.length * 2));
}
