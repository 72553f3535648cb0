import type { MetricAccumulator, MetricDescriptor, Observation } from '../metric.js';

/** Score bins of the whole-stream AUC (per class); pairs in one bin count as ties. */
export const AUC_HISTOGRAM_BINS = 4096;

/**
 * Area under the ROC curve of the scores `scores[i]` for the positives `positive[i]`,
 * by the Mann–Whitney statistic with ties counting 1/2. NaN when one side is empty.
 */
export function exactAuc(scores: Float64Array, positive: Uint8Array, n: number, order: Int32Array = new Int32Array(n)): number {
  for (let i = 0; i < n; i++) order[i] = i;
  const sorted = order.subarray(0, n).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[sorted[j + 1]] === scores[sorted[i]]) j++;
    const averageRank = (i + j + 2) / 2; // ranks are 1-based
    for (let t = i; t <= j; t++) {
      if (positive[sorted[t]]) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Exact AUC over the last `size` instances (Brzezinski & Stefanowski 2017's
 * prequential AUC). The window's scores are kept in arrival order and sorted
 * only when the value is read (at checkpoints), which gives the same number as
 * their incrementally sorted tree at a lower cost per instance. Multiclass:
 * one-vs-rest, unweighted mean over classes present in the window with both
 * positives and negatives.
 */
class WindowedAucAccumulator implements MetricAccumulator {
  private scores = new Float64Array(0); // size × capacityK, row per instance
  private labels: Int32Array;
  private capacityK = 0;
  private start = 0;
  private count = 0;
  private maxK = 0;
  private readonly column: Float64Array;
  private readonly positive: Uint8Array;
  private readonly order: Int32Array;

  constructor(private readonly size: number) {
    this.labels = new Int32Array(size);
    this.column = new Float64Array(size);
    this.positive = new Uint8Array(size);
    this.order = new Int32Array(size);
  }

  private ensureK(k: number): void {
    if (k <= this.capacityK) return;
    const capacity = Math.max(k, 2 * this.capacityK, 2);
    const next = new Float64Array(this.size * capacity);
    for (let r = 0; r < this.size; r++) next.set(this.scores.subarray(r * this.capacityK, r * this.capacityK + this.capacityK), r * capacity);
    this.scores = next;
    this.capacityK = capacity;
  }

  update(o: Observation): void {
    this.ensureK(Math.max(o.k, o.y + 1));
    if (this.count === this.size) {
      this.start = (this.start + 1) % this.size;
      this.count--;
    }
    const slot = (this.start + this.count) % this.size;
    const row = slot * this.capacityK;
    this.scores.fill(0, row, row + this.capacityK);
    for (let c = 0; c < o.k; c++) this.scores[row + c] = o.proba[c];
    this.labels[slot] = o.y;
    this.count++;
    if (o.k > this.maxK) this.maxK = o.k;
    if (o.y + 1 > this.maxK) this.maxK = o.y + 1;
  }

  revert(): void {
    // The window is FIFO and keeps its own ring, so the evaluator's revert is implied by update.
  }

  value(): number {
    let sum = 0;
    let classes = 0;
    const n = this.count;
    for (let c = 0; c < this.maxK; c++) {
      let positives = 0;
      for (let i = 0; i < n; i++) {
        const slot = (this.start + i) % this.size;
        this.column[i] = this.scores[slot * this.capacityK + c];
        const isPositive = this.labels[slot] === c ? 1 : 0;
        this.positive[i] = isPositive;
        positives += isPositive;
      }
      if (positives === 0 || positives === n) continue;
      sum += exactAuc(this.column, this.positive, n, this.order);
      classes++;
    }
    return classes > 0 ? sum / classes : NaN;
  }
}

/**
 * Whole-stream AUC from per-class score histograms (4096 bins): exact for scores
 * in different bins, pairs within a bin count as ties, so memory stays constant
 * however long the stream. Same one-vs-rest averaging as the windowed form.
 */
class CumulativeAucAccumulator implements MetricAccumulator {
  private positives: Float64Array[] = [];
  private negatives: Float64Array[] = [];

  update(o: Observation): void {
    const k = Math.max(o.k, o.y + 1);
    while (this.positives.length < k) {
      this.positives.push(new Float64Array(AUC_HISTOGRAM_BINS));
      this.negatives.push(new Float64Array(AUC_HISTOGRAM_BINS));
    }
    for (let c = 0; c < k; c++) {
      const score = c < o.k ? o.proba[c] : 0;
      const bin = Math.min(AUC_HISTOGRAM_BINS - 1, Math.max(0, Math.floor(score * AUC_HISTOGRAM_BINS)));
      if (c === o.y) this.positives[c][bin] += o.weight;
      else this.negatives[c][bin] += o.weight;
    }
  }

  value(): number {
    let sum = 0;
    let classes = 0;
    for (let c = 0; c < this.positives.length; c++) {
      const pos = this.positives[c];
      const neg = this.negatives[c];
      let negativesBelow = 0;
      let pairs = 0;
      let totalPos = 0;
      for (let b = 0; b < AUC_HISTOGRAM_BINS; b++) {
        pairs += pos[b] * (negativesBelow + 0.5 * neg[b]);
        negativesBelow += neg[b];
        totalPos += pos[b];
      }
      if (totalPos <= 0 || negativesBelow <= 0) continue;
      sum += pairs / (totalPos * negativesBelow);
      classes++;
    }
    return classes > 0 ? sum / classes : NaN;
  }
}

/** AUC-ROC: exact over the sliding window, histogram-based over the whole stream; one-vs-rest mean for multiclass. */
export const auc: MetricDescriptor = {
  id: 'auc',
  description: 'Area under the ROC curve; one-vs-rest mean over classes seen; windowed value exact (Brzezinski & Stefanowski 2017).',
  higherIsBetter: true,
  create: () => new CumulativeAucAccumulator(),
  createWindowed: (size) => new WindowedAucAccumulator(size),
};
