import { BaseLearner, type HyperparametersSchema, type LearnerContext } from '@tributary/core';

/** No hyperparameters (as MOA's `functions.NoChange`). */
export type NoChangeParams = Record<string, never>;

/** Hyperparameter schema of `no-change`: none. */
export const NO_CHANGE_HYPERPARAMETERS: HyperparametersSchema = { type: 'object', properties: {}, additionalProperties: false };

/**
 * Predicts the label of the last instance learned, with probability 1
 * (MOA's `functions.NoChange`; before any instance, class 0 as MOA).
 * Strong on streams with long runs of one label (temporal dependence).
 */
export class NoChange extends BaseLearner<NoChangeParams> {
  private lastLabel = 0;

  constructor(params: Partial<NoChangeParams> | undefined, context: LearnerContext) {
    super({ id: 'no-change', hyperparameters: NO_CHANGE_HYPERPARAMETERS }, params, context);
  }

  learnOne(_x: Float64Array, y: number, weight = 1): void {
    // MOA skips non-positive weights before the learner sees the instance.
    if (weight > 0) this.lastLabel = y;
  }

  protected override normalizeScores(): boolean {
    return false;
  }

  protected predictInto(_x: Float64Array, out: Float64Array, k: number): void {
    if (this.lastLabel < k) out[this.lastLabel] = 1;
  }
}
