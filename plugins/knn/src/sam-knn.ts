import { BaseLearner, deepSizeOf, Random, TributaryError, type HyperparametersSchema, type LearnerContext, type LearnerManifest } from '@tributary/core';
import { InstanceSet, OutcomeHistory } from './instance-set.js';
import { kMeans, squaredDistance } from './k-means.js';
import { NeighbourWindow } from './neighbour-window.js';

/** Hyperparameters of SAM-kNN. */
export type SAMKNNParams = {
  /** Number of neighbours. Default 5 (MOA -k). */
  k: number;
  /** Instances kept in STM and LTM together. Default 5000 (MOA -w). */
  limit: number;
  /** Smallest STM size the size adaptation may choose. Default 50 (MOA -m). */
  minSTMSize: number;
  /** Share of `limit` given to the LTM. Default 0.4 (MOA -p). */
  relativeLTMSize: number;
};

/** JSON Schema of SAM-kNN's hyperparameters (defaults: MOA's `lazy.SAMkNN`). */
export const SAM_KNN_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    k: { type: 'integer', default: 5, minimum: 1, maximum: 100, description: 'Number of neighbours (distance-weighted votes).' },
    limit: { type: 'integer', default: 5000, minimum: 10, maximum: 100_000, description: 'Instances kept in short- and long-term memory together; memory of the STM distance rows grows with its square.', 'x-search': { minimum: 500, maximum: 5000, log: true } },
    minSTMSize: { type: 'integer', default: 50, minimum: 1, description: 'Smallest short-term memory the size adaptation may choose.' },
    relativeLTMSize: { type: 'number', default: 0.4, exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'Share of limit reserved for the long-term memory.' },
  },
  additionalProperties: false,
};

const INFO = { id: 'sam-knn', hyperparameters: SAM_KNN_HYPERPARAMETERS };
const EMPTY_ROW = new Float32Array(0);

/**
 * SAM-kNN, the Self-Adjusting Memory kNN (Losing et al. 2016), following MOA's
 * `lazy.SAMkNN` (MOA defaults; River has none). Two memories:
 *
 * - the short-term memory (STM) holds the most recent instances. After each
 *   instance its size is adapted: the interleaved test-then-train error of kNN
 *   is computed on the STM and on its newest halves, quarters, ... (down to
 *   2·minSTMSize), incrementally from stored distance rows, and the STM keeps
 *   the size with the lowest error;
 * - instances leaving the STM because of that adaptation are first cleaned
 *   (removed when they contradict the STM: a different label, closer to an STM
 *   instance than that instance's farthest same-label neighbour among its k
 *   nearest) and then move to the long-term memory (LTM). Each new instance
 *   also cleans the LTM the same way. When both memories exceed `limit`, the
 *   LTM is compressed class by class with k-means++ to half its size (moving
 *   the oldest STM instances there first when the LTM is not the one over
 *   budget).
 *
 * Predictions are distance-weighted (1/d) kNN votes of the STM, the LTM or both
 * combined, whichever has been right most often over the current STM's span.
 * Distances are Euclidean on raw values.
 *
 * Differences from MOA, deliberate: nominal features differ by 0/1 (MOA
 * subtracts value indices); missing values are left out of distances (MOA
 * yields NaN); k-means++ draws from the learner's seed (MOA uses an unseeded
 * `Random`, so its runs are not reproducible) and Lloyd stops after 100
 * iterations at most; STM distance rows are stored as float32, one row per
 * instance (MOA preallocates a (limit+1)² double matrix, 200 MB at the
 * defaults); the exact-recalculation option (-r) is not offered. The memory
 * selection and the STM's error histories are updated when an instance is
 * learned (MOA does it when it is tested; equal in a test-then-train loop), and
 * the instance weight is ignored, as in MOA; when the memory chosen has no
 * votes (an empty LTM), the STM's votes are returned (MOA returns none, i.e. class 0).
 */
export class SAMKNN extends BaseLearner<SAMKNNParams> {
  private readonly d: number;
  private readonly k: number;
  private readonly maxLTMSize: number;
  private readonly maxSTMSize: number;
  private readonly nominal: Uint8Array;
  private readonly stm: NeighbourWindow;
  /** Distances of each STM instance (by ring slot) to the STM instances before it at insertion, oldest first. */
  private readonly rows: Float32Array[];
  private readonly ltm: InstanceSet;
  private readonly discarded: InstanceSet;
  private readonly stmHistory: OutcomeHistory;
  private readonly ltmHistory: OutcomeHistory;
  private readonly cmHistory: OutcomeHistory;
  /** Interleaved test-then-train outcomes of kNN on the STM suffix starting at the key. */
  private readonly predictionHistories = new Map<number, OutcomeHistory>();
  private readonly random: Random;
  private maxClass = 0;
  private readonly distancesSTM: Float64Array;
  private readonly distancesLTM: Float64Array;
  private readonly distancesOther: Float64Array;
  private readonly neighbours: Int32Array;
  private readonly neighboursOther: Int32Array;
  private votesSTM = new Float64Array(2);
  private votesLTM = new Float64Array(2);
  private votesCM = new Float64Array(2);
  private readonly clusterPoints: Float64Array;
  private readonly clusterCentroids: Float64Array;
  private readonly capacity: number;
  // Cache of the prediction made for the instance about to be learned.
  private readonly lastQuery: Float64Array;
  private lastVersion = -1;
  private version = 0;
  private predictedSTM = 0;
  private predictedLTM = 0;
  private predictedCM = 0;

  constructor(params: Partial<SAMKNNParams> | undefined, context: LearnerContext) {
    super(INFO, params, context);
    const { k, limit, minSTMSize, relativeLTMSize } = this.params;
    this.maxLTMSize = Math.floor(relativeLTMSize * limit);
    this.maxSTMSize = limit - this.maxLTMSize;
    if (2 * minSTMSize > this.maxSTMSize) {
      throw new TributaryError('INVALID_HYPERPARAMETER', `invalid value ${minSTMSize} for hyperparameter "minSTMSize" of "sam-knn": must be at most half the STM budget (limit − ⌊relativeLTMSize·limit⌋)/2 = ${Math.floor(this.maxSTMSize / 2)}`, { learner: 'sam-knn' });
    }
    const d = context.schema.numFeatures;
    this.d = d;
    this.k = k;
    this.nominal = new Uint8Array(d);
    for (let j = 0; j < d; j++) this.nominal[j] = context.schema.isNominal(j) ? 1 : 0;
    const capacity = limit + 1;
    this.capacity = capacity;
    this.stm = new NeighbourWindow(d, capacity);
    this.rows = new Array<Float32Array>(capacity).fill(EMPTY_ROW);
    this.ltm = new InstanceSet(d, capacity);
    this.discarded = new InstanceSet(d, capacity);
    this.stmHistory = new OutcomeHistory(capacity);
    this.ltmHistory = new OutcomeHistory(capacity);
    this.cmHistory = new OutcomeHistory(capacity);
    this.random = new Random(context.seed);
    this.distancesSTM = new Float64Array(capacity);
    this.distancesLTM = new Float64Array(capacity);
    this.distancesOther = new Float64Array(2 * capacity);
    this.neighbours = new Int32Array(k);
    this.neighboursOther = new Int32Array(k);
    this.clusterPoints = new Float64Array(capacity * d);
    this.clusterCentroids = new Float64Array(capacity * d);
    this.lastQuery = new Float64Array(d);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0) || y < 0) return;
    // After computeVotes for this very instance, distancesSTM/distancesLTM hold its distances to
    // both memories; they are reused below unless the memories change in between.
    let distancesKnown = false;
    if (this.stm.count > 0) {
      if (!(this.lastVersion === this.version && this.sameAsLastQuery(x))) this.computeVotes(x);
      distancesKnown = true;
    } else {
      this.predictedSTM = this.predictedLTM = this.predictedCM = 0;
    }
    this.stmHistory.push(this.predictedSTM === y);
    this.ltmHistory.push(this.predictedLTM === y);
    this.cmHistory.push(this.predictedCM === y);
    if (y > this.maxClass) this.maxClass = y;

    this.stm.add(x, y);
    this.rows[this.stm.slot(this.stm.count - 1)] = EMPTY_ROW;
    if (this.memorySizeCheck()) distancesKnown = false;
    const n = this.stm.count;
    const newestBase = this.stm.slot(n - 1) * this.d;
    if (!distancesKnown) {
      for (let i = 0; i < n - 1; i++) this.distancesSTM[i] = Math.sqrt(squaredDistance(this.stm.x, newestBase, this.stm.x, this.stm.slot(i) * this.d, this.d, this.nominal));
    }
    if (n > this.k && this.ltm.count > 0) this.cleanSingle(n - 1, this.ltm, true, distancesKnown);
    this.rows[this.stm.slot(n - 1)] = Float32Array.from(this.distancesSTM.subarray(0, n - 1));

    const size = this.newSTMSize();
    if (size < n) this.shrinkSTM(n - size);
    this.version++;
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    if (this.stm.count === 0) return;
    this.computeVotes(x);
    const stm = this.stmHistory.sum;
    const ltm = this.ltmHistory.sum;
    const cm = this.cmHistory.sum;
    let chosen = stm >= ltm && stm >= cm ? this.votesSTM : ltm > stm && ltm >= cm ? this.votesLTM : this.votesCM;
    const m = Math.min(k, this.maxClass + 1);
    // An empty LTM has no votes (MOA then predicts class 0); fall back to the STM's, which always has some.
    let sum = 0;
    for (let c = 0; c < m; c++) sum += chosen[c];
    if (!(sum > 0)) chosen = this.votesSTM;
    for (let c = 0; c < m; c++) out[c] = chosen[c];
  }

  /** Votes of STM, LTM and both for `x`; records the three predicted classes for the learning step. */
  private computeVotes(x: Float64Array): void {
    const classes = this.maxClass + 1;
    if (this.votesSTM.length < classes) {
      this.votesSTM = new Float64Array(classes * 2);
      this.votesLTM = new Float64Array(classes * 2);
      this.votesCM = new Float64Array(classes * 2);
    }
    this.votesSTM.fill(0);
    this.votesLTM.fill(0);
    this.votesCM.fill(0);
    const d = this.d;
    const nS = this.stm.count;
    const nL = this.ltm.count;
    const combined = this.distancesOther;
    for (let i = 0; i < nS; i++) {
      const dist = Math.sqrt(squaredDistance(x, 0, this.stm.x, this.stm.slot(i) * d, d, this.nominal));
      this.distancesSTM[i] = dist;
      combined[i] = dist;
    }
    for (let i = 0; i < nL; i++) {
      const dist = Math.sqrt(squaredDistance(x, 0, this.ltm.x, i * d, d, this.nominal));
      this.distancesLTM[i] = dist;
      combined[nS + i] = dist;
    }
    let count = nArgMin(Math.min(this.k, nS), this.distancesSTM, 0, nS - 1, this.neighbours);
    for (let i = 0; i < count; i++) {
      const j = this.neighbours[i];
      this.votesSTM[this.stm.y[this.stm.slot(j)]] += 1 / Math.max(this.distancesSTM[j], 1e-9);
    }
    count = nArgMin(Math.min(this.k, nL), this.distancesLTM, 0, nL - 1, this.neighbours);
    for (let i = 0; i < count; i++) {
      const j = this.neighbours[i];
      this.votesLTM[this.ltm.y[j]] += 1 / Math.max(this.distancesLTM[j], 1e-9);
    }
    count = nArgMin(Math.min(this.k, nS + nL), combined, 0, nS + nL - 1, this.neighbours);
    for (let i = 0; i < count; i++) {
      const j = this.neighbours[i];
      const label = j < nS ? this.stm.y[this.stm.slot(j)] : this.ltm.y[j - nS];
      this.votesCM[label] += 1 / Math.max(combined[j], 1e-9);
    }
    this.predictedSTM = classFromVotes(this.votesSTM, classes);
    this.predictedLTM = classFromVotes(this.votesLTM, classes);
    this.predictedCM = classFromVotes(this.votesCM, classes);
    this.lastQuery.set(x.subarray(0, d));
    this.lastVersion = this.version;
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

  /** Distance between STM positions a and b (a ≠ b) from the stored rows. */
  private stmDistance(a: number, b: number): number {
    const later = a > b ? a : b;
    const lag = a > b ? a - b : b - a;
    const row = this.rows[this.stm.slot(later)];
    return row[row.length - lag];
  }

  /**
   * Removes from `target` the instances among the k nearest to STM instance `i`
   * whose label differs from it and which are no farther than its farthest
   * same-label neighbour among its k nearest in the STM. With `newest`, the STM
   * distances of `i` are already in `distancesSTM[0..n−1)`; with `targetKnown`, its
   * distances to `target` are already in `distancesLTM`.
   */
  private cleanSingle(i: number, target: InstanceSet, newest: boolean, targetKnown = false): void {
    const n = this.stm.count;
    const d = this.d;
    const label = this.stm.y[this.stm.slot(i)];
    const others = this.distancesOther;
    let o = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      others[o++] = newest ? this.distancesSTM[j] : this.stmDistance(i, j);
    }
    let count = nArgMin(Math.min(this.k, n - 1), others, 0, n - 2, this.neighbours);
    let threshold = 0;
    for (let t = 0; t < count; t++) {
      const o = this.neighbours[t];
      const j = o < i ? o : o + 1;
      if (this.stm.y[this.stm.slot(j)] === label && others[o] > threshold) threshold = others[o];
    }
    const base = this.stm.slot(i) * d;
    if (!targetKnown) {
      for (let j = 0; j < target.count; j++) this.distancesLTM[j] = Math.sqrt(squaredDistance(this.stm.x, base, target.x, j * d, d, this.nominal));
    }
    count = nArgMin(Math.min(this.k, target.count), this.distancesLTM, 0, target.count - 1, this.neighboursOther);
    const remove = this.neighboursOther.subarray(0, count);
    let kept = 0;
    for (let t = 0; t < count; t++) {
      const j = remove[t];
      if (target.y[j] !== label && this.distancesLTM[j] <= threshold) remove[kept++] = j;
    }
    const doomed = remove.subarray(0, kept).sort();
    for (let t = kept - 1; t >= 0; t--) target.removeAt(doomed[t]);
  }

  /** Moves the `diff` oldest STM instances out: cleaned against the rest of the STM, the survivors go to the LTM. */
  private shrinkSTM(diff: number): void {
    this.discarded.clear();
    for (let t = 0; t < diff; t++) {
      const slot = this.stm.slot(t);
      this.discarded.add(this.stm.x, slot * this.d, this.stm.y[slot]);
      this.rows[slot] = EMPTY_ROW;
    }
    this.stm.dropOldest(diff);
    for (let t = 0; t < diff; t++) {
      this.stmHistory.shift();
      this.ltmHistory.shift();
      this.cmHistory.shift();
    }
    if (this.stm.count > this.k) {
      for (let i = 0; i < this.stm.count && this.discarded.count > 0; i++) this.cleanSingle(i, this.discarded, false);
    }
    for (let t = 0; t < this.discarded.count; t++) this.ltm.add(this.discarded.x, t * this.d, this.discarded.y[t]);
    this.memorySizeCheck();
  }

  /**
   * Keeps STM + LTM within `limit`: compresses the LTM, after moving the oldest STM instances
   * there when the STM is the one over budget. Returns whether it changed either memory.
   */
  private memorySizeCheck(): boolean {
    if (this.stm.count + this.ltm.count <= this.maxSTMSize + this.maxLTMSize) return false;
    if (this.ltm.count <= this.maxLTMSize) {
      const shifts = Math.min(this.maxLTMSize - this.ltm.count + 1, this.stm.count - 1);
      for (let t = 0; t < shifts; t++) {
        const slot = this.stm.slot(0);
        this.ltm.add(this.stm.x, slot * this.d, this.stm.y[slot]);
        this.rows[slot] = EMPTY_ROW;
        this.stm.dropOldest(1);
        this.stmHistory.shift();
        this.ltmHistory.shift();
        this.cmHistory.shift();
      }
      this.clusterDown();
      this.predictionHistories.clear();
    } else {
      this.clusterDown();
    }
    return true;
  }

  /** Replaces the LTM instances of each class by ⌊n/2⌋ (at least 1) k-means++ centroids. */
  private clusterDown(): void {
    const d = this.d;
    const original = this.ltm.count;
    // Compact in place class by class: the LTM is rebuilt from the centroids.
    const labels = Int32Array.from(this.ltm.y.subarray(0, original));
    const features = Float64Array.from(this.ltm.x.subarray(0, original * d));
    this.ltm.clear();
    for (let c = 0; c <= this.maxClass; c++) {
      let n = 0;
      for (let i = 0; i < original; i++) {
        if (labels[i] !== c) continue;
        this.clusterPoints.set(features.subarray(i * d, i * d + d), n * d);
        n++;
      }
      if (n === 0) continue;
      const clusters = Math.max(Math.floor(n / 2), 1);
      kMeans(this.clusterPoints, n, d, clusters, this.nominal, this.random, this.clusterCentroids);
      for (let t = 0; t < clusters; t++) this.ltm.add(this.clusterCentroids, t * d, c);
    }
  }

  /** STM size with the lowest interleaved test-then-train error among n, n/2, n/4, … ≥ 2·minSTMSize. */
  private newSTMSize(): number {
    const n = this.stm.count;
    const minSize = this.params.minSTMSize;
    if (n < 2 * minSize) return n;
    const sizes: number[] = [n];
    while (sizes[sizes.length - 1] >= 2 * minSize) sizes.push(Math.floor(sizes[sizes.length - 1] / 2));
    const errors: number[] = [];
    for (const size of sizes) {
      const start = n - size;
      let history = this.predictionHistories.get(start);
      if (history) {
        this.extendHistory(history, start);
      } else if ((history = this.predictionHistories.get(start - 1))) {
        this.predictionHistories.delete(start - 1);
        history.shift();
        this.extendHistory(history, start);
        this.predictionHistories.set(start, history);
      } else {
        history = this.fullHistory(start);
        this.predictionHistories.set(start, history);
      }
      errors.push(history.errorRate());
    }
    let best = indexOfMin(errors);
    if (best > 0) {
      for (let i = 1; i < errors.length; i++) {
        if (errors[i] < errors[0]) {
          const start = n - sizes[i];
          const history = this.fullHistory(start);
          errors[i] = history.errorRate();
          this.predictionHistories.set(start, history);
        }
      }
      best = indexOfMin(errors);
    }
    const size = sizes[best];
    if (size < n) this.rebaseHistories(best);
    return size;
  }

  /** Outcomes of kNN on STM[start..i−1] predicting STM[i], for i from start + k onwards. */
  private fullHistory(start: number): OutcomeHistory {
    const history = new OutcomeHistory(this.capacity);
    this.extendHistory(history, start);
    return history;
  }

  private extendHistory(history: OutcomeHistory, start: number): void {
    const n = this.stm.count;
    for (let i = start + this.k + history.length; i < n; i++) history.push(this.labelFromRow(i, start) === this.stm.y[this.stm.slot(i)]);
  }

  /** Distance-weighted kNN label of STM instance i among STM[start..i−1], from its stored row. */
  private labelFromRow(i: number, start: number): number {
    const row = this.rows[this.stm.slot(i)];
    const offset = row.length - i;
    // Positions start..i−1 sit at row[offset + start .. offset + i − 1].
    const count = nArgMin(this.k, row, offset + start, offset + i - 1, this.neighboursOther);
    const classes = this.maxClass + 1;
    const votes = this.votesCM;
    votes.fill(0, 0, classes);
    for (let t = 0; t < count; t++) {
      const r = this.neighboursOther[t];
      votes[this.stm.y[this.stm.slot(r - offset)]] += 1 / Math.max(row[r], 1e-9);
    }
    return classFromVotes(votes, classes);
  }

  /** After the STM dropped its oldest part: forgets the `removals` smallest start keys and renumbers the rest from 0. */
  private rebaseHistories(removals: number): void {
    for (let t = 0; t < removals && this.predictionHistories.size > 0; t++) {
      const keys = [...this.predictionHistories.keys()].sort((a, b) => a - b);
      this.predictionHistories.delete(keys[0]);
      if (keys.length < 2) break;
      const first = keys[1];
      const entries = keys.slice(1).map((key) => [key - first, this.predictionHistories.get(key)!] as const);
      this.predictionHistories.clear();
      for (const [key, history] of entries) this.predictionHistories.set(key, history);
    }
  }

  override sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.context, this.params] });
  }

  /** Sizes of the two memories. */
  measurements(): Record<string, number> {
    return { stmSize: this.stm.count, ltmSize: this.ltm.count };
  }
}

/**
 * Indices of the `n` smallest of values[start..end] into `out` (first index wins ties),
 * by repeated scans as MOA does (n is k, small); returns how many were found.
 */
function nArgMin(n: number, values: ArrayLike<number>, start: number, end: number, out: Int32Array): number {
  let found = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestValue = Number.MAX_VALUE;
    for (let j = start; j <= end; j++) {
      const v = values[j];
      if (v < bestValue) {
        let used = false;
        for (let t = 0; t < found; t++) if (out[t] === j) used = true;
        if (!used) {
          best = j;
          bestValue = v;
        }
      }
    }
    if (best < 0) break;
    out[found++] = best;
  }
  return found;
}

/** First class with the highest vote (0 when all are 0). */
function classFromVotes(votes: Float64Array, classes: number): number {
  let best = -1;
  let bestVote = -1;
  for (let c = 0; c < classes; c++) {
    if (votes[c] > bestVote) {
      bestVote = votes[c];
      best = c;
    }
  }
  return best;
}

function indexOfMin(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
  return best;
}

/** Manifest of SAM-kNN. */
export const samKnnManifest: LearnerManifest<SAMKNNParams> = {
  id: 'sam-knn',
  kind: 'learner',
  version: '0.1.0',
  description: 'Self-Adjusting Memory kNN: an adaptive short-term memory plus a cleaned, k-means-compressed long-term memory (MOA lazy.SAMkNN defaults: k 5, limit 5000).',
  family: 'lazy',
  references: ['losing2016samknn'],
  hyperparameters: SAM_KNN_HYPERPARAMETERS,
  randomized: true,
  create: (params, context) => new SAMKNN(params, context),
  equivalents: {
    moa: { id: 'moa:lazy.SAMkNN', params: { k: 'k', limit: 'w', minSTMSize: 'm', relativeLTMSize: 'p' }, notes: "MOA's k-means++ is unseeded (runs differ) and nominal values are subtracted as indices; expect small differences." },
    capymoa: { id: 'capymoa:SAMkNN', params: { k: 'k', limit: 'limit', minSTMSize: 'min_stm_size', relativeLTMSize: 'relative_ltm_size' } },
  },
};
