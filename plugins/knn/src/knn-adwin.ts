import { argMax, Random, type HyperparametersSchema, type LearnerContext, type LearnerManifest } from '@tributary/core';
import { ADWIN } from '@tributary/drift-detectors';
import { KNN, KNN_HYPERPARAMETERS } from './knn.js';

/** How the window of `knn-adwin` forgets besides ADWIN's cuts. */
export type KNNADWINWindow = 'paw' | 'sliding';

/** Hyperparameters of kNN with ADWIN. */
export type KNNADWINParams = {
  /** Number of neighbours that vote. Default 10. */
  k: number;
  /** PAW: the half-life of a stored instance, in instances; sliding: the window length. Default 1000. */
  limit: number;
  /** Confidence of ADWIN on the 0/1 errors. Default 0.002. */
  delta: number;
  /** `'paw'` (MOA's probabilistic approximate window) or `'sliding'` (the last `limit` instances). Default `'paw'`. */
  window: KNNADWINWindow;
};

/** JSON Schema of kNN-ADWIN's hyperparameters (defaults: MOA's `kNNwithPAWandADWIN`, kNN and ADWIN). */
export const KNN_ADWIN_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    k: KNN_HYPERPARAMETERS.properties.k,
    limit: { ...KNN_HYPERPARAMETERS.properties.limit, description: "With window 'paw': half-life of a stored instance (each survives a step with probability 2^(−1/limit); about 1.44·limit kept). With 'sliding': the window length." },
    delta: { type: 'number', default: 0.002, exclusiveMinimum: 0, maximum: 1, description: 'Confidence of ADWIN on the 0/1 errors; smaller cuts the window less readily.', 'x-search': { log: true, minimum: 1e-5, maximum: 0.1 } },
    window: { type: 'string', enum: ['paw', 'sliding'], default: 'paw', description: "'paw': MOA's probabilistic approximate window; 'sliding': a hard window of the last limit instances (the error then measured before the instance joins)." },
  },
  additionalProperties: false,
};

const INFO = { id: 'knn-adwin', hyperparameters: KNN_ADWIN_HYPERPARAMETERS };

/**
 * kNN whose window is cut by ADWIN, as MOA's `lazy.kNNwithPAWandADWIN`
 * (Bifet et al. 2013). Each training step, with the default `'paw'` window:
 *
 * 1. probabilistic approximate window: every stored instance survives with
 *    probability 2^(−1/limit), drawn from the seed (so the window keeps about
 *    1.44·limit instances, with an exponentially fading age distribution);
 * 2. the instance is stored, and the window (now including it, so its own
 *    copy is among its neighbours, as in MOA) classifies it; the 0/1 error goes
 *    to an ADWIN;
 * 3. when ADWIN shrinks its window, the stored instances older than ADWIN's
 *    width are forgotten.
 *
 * The two removal passes reproduce MOA's loops exactly, including the
 * instance after each removed one being skipped for that pass, so that with
 * the same seed the window — and every prediction — equals MOA's.
 *
 * With `'sliding'` the window is the last `limit` instances (no PAW), and the
 * error is measured before the instance joins it (scikit-multiflow's
 * KNNADWINClassifier scheme); the prediction made just before learning the same
 * instance is then reused, so the test-then-train loop pays for one search.
 */
export class KNNADWIN extends KNN {
  private readonly adwin: ADWIN;
  private readonly paw: boolean;
  private readonly survival: number;
  private readonly random: Random;
  /** Arrival time of the instance at each position of the (oldest-first) PAW window. */
  private readonly arrival: Float64Array;
  private time = 0;
  private readonly lastQuery: Float64Array;
  private lastPredicted = -1;
  private lastVersion = -1;
  private version = 0;
  private votes = new Float64Array(2);

  constructor(params: Partial<KNNADWINParams> | undefined, context: LearnerContext) {
    const resolvedLimit = params?.limit ?? 1000;
    const paw = (params?.window ?? 'paw') === 'paw';
    // The PAW window has no hard bound; 4·limit holds it with overwhelming probability (≈1.44·limit expected).
    super(params as Partial<KNNADWINParams>, context, INFO, paw ? 4 * resolvedLimit + 1 : undefined);
    const p = this.params as unknown as KNNADWINParams;
    this.paw = p.window === 'paw';
    this.survival = Math.pow(2, -1 / p.limit);
    this.adwin = new ADWIN({ delta: p.delta });
    this.random = new Random(context.seed);
    this.arrival = new Float64Array(this.paw ? this.window.capacity : 0);
    this.lastQuery = new Float64Array(context.schema.numFeatures);
  }

  override learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0) || y < 0) return;
    if (this.paw) this.learnPAW(x, y);
    else this.learnSliding(x, y);
    this.version++;
  }

  private learnPAW(x: Float64Array, y: number): void {
    const window = this.window;
    // MOA's loop: after a removal the next instance moves into position i and is skipped.
    for (let i = 0; i < window.count; i++) {
      if (this.random.nextDouble() > this.survival) this.removeAt(i);
    }
    if (window.count === window.capacity) this.removeAt(0);
    this.arrival[window.count] = this.time;
    window.add(x, y);
    this.time++;
    // As in MOA, the instance is classified after it was stored: its own copy is among its neighbours.
    const correct = this.classify(x) === y;
    if (this.adwin.update(correct ? 0 : 1)) {
      const width = this.adwin.width;
      for (let i = 0; i < window.count; i++) {
        if (this.arrival[i] < this.time - width) this.removeAt(i);
      }
    }
  }

  private learnSliding(x: Float64Array, y: number): void {
    if (this.window.count > 0) {
      const predicted = this.lastVersion === this.version && this.sameAsLastQuery(x) ? this.lastPredicted : this.classify(x);
      this.adwin.update(predicted === y ? 0 : 1);
      if (this.adwin.driftDetected && this.adwin.width < this.window.count) this.window.dropOldest(this.window.count - this.adwin.width);
    }
    this.window.add(x, y);
  }

  /** Removes the instance at position `i` of the PAW window (oldest first), with its arrival time. */
  private removeAt(i: number): void {
    this.window.removeAt(i);
    this.arrival.copyWithin(i, i + 1, this.window.count + 1);
  }

  protected override predictInto(x: Float64Array, out: Float64Array, k: number): void {
    super.predictInto(x, out, k);
    if (this.paw) return;
    this.lastQuery.set(x.subarray(0, this.lastQuery.length));
    this.lastPredicted = argMax(out, k);
    this.lastVersion = this.version;
  }

  /** The class the current window predicts for `x` (first of the largest votes). */
  private classify(x: Float64Array): number {
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
  description: "kNN with MOA's probabilistic approximate window, cut to ADWIN's width when ADWIN detects a change in its 0/1 errors (MOA kNNwithPAWandADWIN defaults).",
  family: 'lazy',
  references: ['bifet2013pawknn', 'bifet2007adwin'],
  hyperparameters: KNN_ADWIN_HYPERPARAMETERS,
  randomized: true,
  create: (params, context) => new KNNADWIN(params, context),
  equivalents: {
    moa: { id: 'moa:lazy.kNNwithPAWandADWIN', params: { k: 'k', limit: 'w' }, notes: "ADWIN's delta is fixed at 0.002 in MOA; window='sliding' has no MOA counterpart." },
  },
};
