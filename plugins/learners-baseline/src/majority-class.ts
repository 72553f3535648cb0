import { BaseLearner, type HyperparametersSchema, type LearnerContext } from '@tributary/core';

/** No hyperparameters (as MOA's `functions.MajorityClass`). */
export type MajorityClassParams = Record<string, never>;

/** Hyperparameter schema of `majority-class`: none. */
export const MAJORITY_CLASS_HYPERPARAMETERS: HyperparametersSchema = { type: 'object', properties: {}, additionalProperties: false };

/**
 * Class frequencies as probabilities (MOA's `functions.MajorityClass`, whose
 * votes are the observed class weights; River's `dummy.PriorClassifier`). Its
 * argmax is the majority class, first class on ties. No opinion before any instance.
 */
export class MajorityClass extends BaseLearner<MajorityClassParams> {
  private weights: Float64Array;

  constructor(params: Partial<MajorityClassParams> | undefined, context: LearnerContext) {
    super({ id: 'majority-class', hyperparameters: MAJORITY_CLASS_HYPERPARAMETERS }, params, context);
    this.weights = new Float64Array(Math.max(2, context.schema.numClasses));
  }

  learnOne(_x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0)) return;
    if (y >= this.weights.length) {
      const grown = new Float64Array(Math.max(y + 1, this.weights.length * 2));
      grown.set(this.weights);
      this.weights = grown;
    }
    this.weights[y] += weight;
  }

  protected predictInto(_x: Float64Array, out: Float64Array, k: number): void {
    const n = Math.min(k, this.weights.length);
    for (let c = 0; c < n; c++) out[c] = this.weights[c];
  }
}
