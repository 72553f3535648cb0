import { argMax, type HyperparametersSchema, type LearnerContext, type LearnerManifest } from '@tributary/core';
import { ADWIN } from '@tributary/drift-detectors';
import { KNN, KNN_HYPERPARAMETERS } from './knn.js';

/** Hyperparameters of kNN with an ADWIN-sized window. */
export type KNNADWINParams = {
  /** Number of neighbours that vote. Default 10. */
  k: number;
  /** Largest window. Default 1000. */
  limit: number;
  /** Confidence of ADWIN on the 0/1 errors. Default 0.002. */
  delta: number;
};

/** JSON Schema of kNN-ADWIN's hyperparameters (defaults: MOA's kNN and ADWIN). */
export const KNN_ADWIN_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    ...KNN_HYPERPARAMETERS.properties,
    delta: { type: 'number', default: 0.002, exclusiveMinimum: 0, maximum: 1, description: "Confidence of ADWIN on the 0/1 errors; smaller forgets less readily.", 'x-search': { log: true, minimum: 1e-5, maximum: 0.1 } },
  },
  additionalProperties: false,
};

const INFO = { id: 'knn-adwin', hyperparameters: KNN_ADWIN_HYPERPARAMETERS };

/**
 * kNN whose window follows ADWIN: each training instance is first classified
 * by the current window, the 0/1 error goes to an ADWIN, and whenever ADWIN
 * shrinks its window the kNN window keeps only its newest ADWIN-width
 * instances; otherwise the window slides at `limit` as in `knn`.
 *
 * This is the ADWIN part of MOA's `lazy.kNNwithPAWandADWIN` without the
 * probabilistic approximate window (PAW), i.e. scikit-multiflow's
 * KNNADWINClassifier scheme. Differences from MOA's learner: no PAW (a hard
 * window of `limit` instead), and the error is measured before the instance
 * joins the window (MOA classifies it after adding it, so its own copy is
 * among the neighbours).
 *
 * The prediction made just before learning the same instance (the
 * test-then-train loop) is reused, so the error costs no second search.
 */
export class KNNADWIN extends KNN {
  private readonly adwin: ADWIN;
  private readonly lastQuery: Float64Array;
  private lastPredicted = -1;
  private lastVersion = -1;
  private version = 0;
  private votes = new Float64Array(2);

  constructor(params: Partial<KNNADWINParams> | undefined, context: LearnerContext) {
    super(params as Partial<KNNADWINParams>, context, INFO);
    this.adwin = new ADWIN({ delta: (this.params as unknown as KNNADWINParams).delta });
    this.lastQuery = new Float64Array(context.schema.numFeatures);
  }

  override learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0) || y < 0) return;
    if (this.window.count > 0) {
      const predicted = this.cachedPrediction(x);
      this.adwin.update(predicted === y ? 0 : 1);
      if (this.adwin.driftDetected && this.adwin.width < this.window.count) this.window.dropOldest(this.window.count - this.adwin.width);
    }
    this.window.add(x, y);
    this.version++;
  }

  protected override predictInto(x: Float64Array, out: Float64Array, k: number): void {
    super.predictInto(x, out, k);
    this.lastQuery.set(x.subarray(0, this.lastQuery.length));
    this.lastPredicted = argMax(out, k);
    this.lastVersion = this.version;
  }

  /** The class the current window predicts for `x`, reusing the last prediction when it was for the same values. */
  private cachedPrediction(x: Float64Array): number {
    if (this.lastVersion === this.version && this.sameAsLastQuery(x)) return this.lastPredicted;
    const k = this.numClasses;
    if (this.votes.length < k) this.votes = new Float64Array(k);
    this.votes.fill(0, 0, k);
    this.finder.vote(this.window, x, this.params.k, this.votes);
    return argMax(this.votes, k);
  }

  private sameAsLastQuery(x: Float64Array): boolean {
    const q = this.lastQuery;
    for (let j = 0; j < q.length; j++) {
      const a = q[j];
      const b = x[j];
      if (a !== b && !(a !== a && b !== b)) return false;
    }
    return true;
  }

  /** Instances in the window and ADWIN's width. */
  override measurements(): Record<string, number> {
    return { windowSize: this.window.count, adwinWidth: this.adwin.width };
  }
}

/** Manifest of kNN-ADWIN. */
export const knnAdwinManifest: LearnerManifest<KNNADWINParams> = {
  id: 'knn-adwin',
  kind: 'learner',
  version: '0.1.0',
  description: "kNN whose window shrinks to ADWIN's width when ADWIN detects a change in its 0/1 errors (MOA kNN and ADWIN defaults; kNNwithPAWandADWIN without PAW).",
  family: 'lazy',
  references: ['bifet2013pawknn', 'bifet2007adwin'],
  hyperparameters: KNN_ADWIN_HYPERPARAMETERS,
  create: (params, context) => new KNNADWIN(params, context),
  equivalents: {
    moa: { id: 'moa:lazy.kNNwithPAWandADWIN', params: { k: 'k', limit: 'w' }, notes: 'MOA adds a probabilistic approximate window (each stored instance survives a step with probability 2^(−1/w)) and measures the error after adding the instance; expect different accuracy.' },
  },
};
