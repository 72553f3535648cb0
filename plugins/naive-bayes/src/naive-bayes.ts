import { BaseLearner, type HyperparametersSchema, type LearnerContext } from '@tributary/core';
import { ClassConditionalStatistics } from './class-conditional-statistics.js';
import { votesToProbabilities } from './votes.js';

/** Naive Bayes has no hyperparameters (as MOA's `bayes.NaiveBayes`). */
export type NaiveBayesParams = Record<string, never>;

/** Hyperparameter schema of naive Bayes: none. */
export const NAIVE_BAYES_HYPERPARAMETERS: HyperparametersSchema = { type: 'object', properties: {}, additionalProperties: false };

/** 1 where feature i of the schema is nominal. */
export function nominalMask(context: LearnerContext): Uint8Array {
  const features = context.schema.features;
  const mask = new Uint8Array(features.length);
  for (let i = 0; i < features.length; i++) mask[i] = features[i].kind === 'nominal' ? 1 : 0;
  return mask;
}

/**
 * Naive Bayes as MOA's `bayes.NaiveBayes`: class priors from observed weights,
 * one Gaussian per (class, numeric attribute), Laplace-corrected counts per
 * (class, nominal attribute); missing values are skipped in learning and
 * prediction. Votes are MOA's (prior × likelihoods) normalised to probabilities.
 */
export class NaiveBayes extends BaseLearner<NaiveBayesParams> {
  private readonly statistics: ClassConditionalStatistics;
  private classDist: Float64Array;
  /** MOA's class-vector length: highest class index learned + 1. */
  private classLength = 0;

  constructor(params: Partial<NaiveBayesParams> | undefined, context: LearnerContext) {
    super({ id: 'naive-bayes', hyperparameters: NAIVE_BAYES_HYPERPARAMETERS }, params, context);
    const k = Math.max(2, context.schema.numClasses);
    this.statistics = new ClassConditionalStatistics(nominalMask(context), k);
    this.classDist = new Float64Array(k);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    // MOA trains only on positive weights (AbstractClassifier.trainOnInstance).
    if (!(weight > 0)) return;
    if (y >= this.classDist.length) {
      const grown = new Float64Array(Math.max(y + 1, this.classDist.length * 2));
      grown.set(this.classDist);
      this.classDist = grown;
    }
    this.classDist[y] += weight;
    if (y >= this.classLength) this.classLength = y + 1;
    this.statistics.observe(x, y, weight, null);
  }

  protected override normalizeScores(): boolean {
    return false;
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    const n = Math.min(this.classLength, k);
    if (n === 0) return;
    this.statistics.naiveBayesVotes(x, this.classDist, n, out);
    votesToProbabilities(out, k, true);
  }

  /** Weight observed per class (copy). */
  classWeights(): Float64Array {
    return this.classDist.slice(0, this.classLength);
  }

  measurements(): Record<string, number> {
    let total = 0;
    for (let c = 0; c < this.classLength; c++) total += this.classDist[c];
    return { trainingWeight: total, classes: this.classLength };
  }
}
