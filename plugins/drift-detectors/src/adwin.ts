import { deepSizeOf, resolveHyperparameters, type HyperparametersSchema } from '@tributary/core';
import type { DetectorManifest, DriftDetector } from './drift-detector.js';

/** Hyperparameters of ADWIN. */
export interface ADWINParams {
  /** Confidence of the cut test (smaller: fewer false alarms, later detections). Default 0.002. */
  delta: number;
  /** Cut points are checked every `clock` updates. Default 32. */
  clock: number;
  /** Buckets kept per row of the exponential histogram (M). Default 5. */
  maxBuckets: number;
  /** Both sub-windows of a cut must hold more than `minWindowLength + 1` items. Default 5. */
  minWindowLength: number;
  /** No cut is checked until the window holds more than this many items. Default 10. */
  gracePeriod: number;
}

/** JSON Schema of ADWIN's hyperparameters (defaults: MOA's `ADWIN` constants). */
export const ADWIN_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    delta: { type: 'number', default: 0.002, exclusiveMinimum: 0, maximum: 1, description: 'Confidence of the cut test; smaller means fewer false alarms and later detections.', 'x-search': { log: true, minimum: 1e-5, maximum: 0.1 } },
    clock: { type: 'integer', default: 32, minimum: 1, description: 'Cut points are checked once every this many updates.' },
    maxBuckets: { type: 'integer', default: 5, minimum: 2, maximum: 64, description: 'Buckets per row of the exponential histogram (M); more is finer and slower.' },
    minWindowLength: { type: 'integer', default: 5, minimum: 1, description: 'A cut needs more than minWindowLength + 1 items on each side.' },
    gracePeriod: { type: 'integer', default: 10, minimum: 0, description: 'No cut is checked until the window holds more than this many items.' },
  },
  additionalProperties: false,
};

const INITIAL_ROWS = 8;

/**
 * ADWIN (ADaptive WINdowing, Bifet & Gavaldà 2007): keeps the longest recent
 * window whose mean shows no statistically significant change, summarised by
 * an exponential histogram (rows of buckets of 2^row items, at most M+1 per row
 * before the two oldest merge). Every `clock` updates it tries each bucket
 * boundary as a cut between an older and a newer sub-window and drops the
 * oldest bucket while the means differ by more than
 * ε = √(2·m·σ²·δ') + (2/3)·δ'·m, with δ' = ln(2·ln(n)/δ) and
 * m = 1/(n0 − minLen + 1) + 1/(n1 − minLen + 1), σ² the window's variance — the
 * test of MOA's `ADWIN` (sub-window sizes and exit rule included).
 *
 * `driftDetected` is true when the last update shrank the window, whichever
 * way the mean moved (MOA's `ADWIN.setInput`); `ADWINChangeDetector` only
 * signals increases. `estimation` is the mean of the kept window.
 *
 * Storage: row `r` occupies slots `[r·(M+1), (r+1)·(M+1))` of two typed arrays
 * (totals and variances), oldest bucket first; rows grow by doubling.
 */
export class ADWIN implements DriftDetector {
  readonly params: Readonly<ADWINParams>;
  private readonly delta: number;
  private readonly clock: number;
  private readonly maxBuckets: number;
  private readonly minWindowLength: number;
  private readonly gracePeriod: number;
  private readonly rowStride: number;
  private rowCapacity = 0;
  private rowSize!: Int32Array;
  private bucketTotal!: Float64Array;
  private bucketVariance!: Float64Array;
  /** Index of the oldest (largest) row in use. */
  private lastRow = 0;
  private total = 0;
  private varianceSum = 0;
  private widthCount = 0;
  private time = 0;
  private detections = 0;
  private changed = false;

  constructor(params?: Partial<ADWINParams>) {
    this.params = resolveHyperparameters<ADWINParams & Record<string, unknown>>(ADWIN_HYPERPARAMETERS, params, 'adwin');
    this.delta = this.params.delta;
    this.clock = this.params.clock;
    this.maxBuckets = this.params.maxBuckets;
    this.minWindowLength = this.params.minWindowLength;
    this.gracePeriod = this.params.gracePeriod;
    this.rowStride = this.maxBuckets + 1;
    this.reset();
  }

  /** Number of items in the kept window. */
  get width(): number {
    return this.widthCount;
  }

  /** Variance of the values in the kept window (population variance). */
  get variance(): number {
    return this.widthCount > 0 ? this.varianceSum / this.widthCount : 0;
  }

  /** Sum of the values in the kept window. */
  get sum(): number {
    return this.total;
  }

  /** Mean of the kept window (0 when empty). */
  get estimation(): number {
    return this.widthCount > 0 ? this.total / this.widthCount : 0;
  }

  /** Whether the last update shrank the window. */
  get driftDetected(): boolean {
    return this.changed;
  }

  /** ADWIN has no warning zone. */
  get inWarning(): boolean {
    return false;
  }

  /** Number of updates that shrank the window since the last reset. */
  get numberOfDetections(): number {
    return this.detections;
  }

  reset(): void {
    this.rowCapacity = INITIAL_ROWS;
    this.rowSize = new Int32Array(INITIAL_ROWS);
    this.bucketTotal = new Float64Array(INITIAL_ROWS * this.rowStride);
    this.bucketVariance = new Float64Array(INITIAL_ROWS * this.rowStride);
    this.lastRow = 0;
    this.total = 0;
    this.varianceSum = 0;
    this.widthCount = 0;
    this.time = 0;
    this.detections = 0;
    this.changed = false;
  }

  clone(): ADWIN {
    return new ADWIN(this.params);
  }

  sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.params] });
  }

  /** Adds `value`; returns whether the window shrank (same as `driftDetected` afterwards). */
  update(value: number): boolean {
    this.time++;
    this.insert(value);
    this.changed = false;
    if (this.time % this.clock === 0 && this.widthCount > this.gracePeriod) this.changed = this.shrinkWhileCut();
    if (this.changed) this.detections++;
    return this.changed;
  }

  private insert(value: number): void {
    this.widthCount++;
    const w = this.widthCount;
    if (w > 1) {
      const diff = value - this.total / (w - 1);
      this.varianceSum += ((w - 1) * diff * diff) / w;
    }
    this.total += value;
    const size = this.rowSize[0];
    this.bucketTotal[size] = value;
    this.bucketVariance[size] = 0;
    this.rowSize[0] = size + 1;
    this.compress();
  }

  /** Merges the two oldest buckets of each overfull row into the next row, cascading. */
  private compress(): void {
    const stride = this.rowStride;
    for (let row = 0; row <= this.lastRow; row++) {
      if (this.rowSize[row] !== this.maxBuckets + 1) return;
      if (row === this.lastRow) {
        if (this.lastRow + 1 === this.rowCapacity) this.growRows();
        this.lastRow++;
        this.rowSize[this.lastRow] = 0;
      }
      const base = row * stride;
      const n = 2 ** row;
      const mean0 = this.bucketTotal[base] / n;
      const mean1 = this.bucketTotal[base + 1] / n;
      const mergedVariance = this.bucketVariance[base] + this.bucketVariance[base + 1] + (n * n * (mean0 - mean1) * (mean0 - mean1)) / (2 * n);
      const next = row + 1;
      const slot = next * stride + this.rowSize[next];
      this.bucketTotal[slot] = this.bucketTotal[base] + this.bucketTotal[base + 1];
      this.bucketVariance[slot] = mergedVariance;
      this.rowSize[next]++;
      this.dropOldest(row, 2);
      if (this.rowSize[next] <= this.maxBuckets) return;
    }
  }

  private dropOldest(row: number, count: number): void {
    const base = row * this.rowStride;
    const size = this.rowSize[row];
    this.bucketTotal.copyWithin(base, base + count, base + size);
    this.bucketVariance.copyWithin(base, base + count, base + size);
    this.rowSize[row] = size - count;
  }

  private growRows(): void {
    const capacity = this.rowCapacity * 2;
    const sizes = new Int32Array(capacity);
    sizes.set(this.rowSize);
    const totals = new Float64Array(capacity * this.rowStride);
    totals.set(this.bucketTotal);
    const variances = new Float64Array(capacity * this.rowStride);
    variances.set(this.bucketVariance);
    this.rowSize = sizes;
    this.bucketTotal = totals;
    this.bucketVariance = variances;
    this.rowCapacity = capacity;
  }

  /** Removes the oldest bucket; returns how many items it held. */
  private deleteOldestBucket(): number {
    const row = this.lastRow;
    const base = row * this.rowStride;
    const n = 2 ** row;
    const bucketSum = this.bucketTotal[base];
    this.widthCount -= n;
    this.total -= bucketSum;
    const diff = bucketSum / n - this.total / this.widthCount;
    this.varianceSum -= this.bucketVariance[base] + (n * this.widthCount * diff * diff) / (n + this.widthCount);
    this.dropOldest(row, 1);
    if (this.rowSize[row] === 0 && this.lastRow > 0) this.lastRow--;
    return n;
  }

  /** Checks every cut from the oldest bucket forward, dropping the oldest bucket while a cut holds. */
  private shrinkWhileCut(): boolean {
    let changed = false;
    let again = true;
    const minLength = this.minWindowLength;
    while (again) {
      again = false;
      // Both depend on the window only, which changes only when a bucket is dropped (then the pass restarts).
      const width = this.widthCount;
      const deltaPrime = Math.log((2 * Math.log(width)) / this.delta);
      const variance = this.varianceSum / width;
      let n0 = 0;
      let n1 = width;
      let u0 = 0;
      let u1 = this.total;
      let done = false;
      let n = 2 ** this.lastRow;
      for (let row = this.lastRow; row >= 0 && !done; row--, n /= 2) {
        const base = row * this.rowStride;
        const size = this.rowSize[row];
        for (let k = 0; k < size; k++) {
          const bucketSum = this.bucketTotal[base + k];
          n0 += n;
          n1 -= n;
          u0 += bucketSum;
          u1 -= bucketSum;
          if (row === 0 && k === size - 1) {
            done = true;
            break;
          }
          if (n1 > minLength + 1 && n0 > minLength + 1) {
            const m = 1 / (n0 - minLength + 1) + 1 / (n1 - minLength + 1);
            const epsilon = Math.sqrt(2 * m * variance * deltaPrime) + (2 / 3) * deltaPrime * m;
            if (Math.abs(u0 / n0 - u1 / n1) > epsilon) {
              changed = true;
              again = true;
              this.deleteOldestBucket();
              done = true;
              break;
            }
          }
        }
      }
    }
    return changed;
  }
}

/**
 * ADWIN as MOA's `ADWINChangeDetector` uses it: a drift is signalled only when
 * the window shrank *and* its mean rose (an error rate got worse); a drop in
 * the mean shrinks the window silently. This is what ensembles (ARF, SRP,
 * Leveraging Bagging) feed their 0/1 errors to.
 */
export class ADWINChangeDetector implements DriftDetector {
  /** The underlying ADWIN (exposes `width`, `variance`). */
  readonly adwin: ADWIN;
  private detected = false;

  constructor(params?: Partial<ADWINParams>) {
    this.adwin = new ADWIN(params);
  }

  /** Hyperparameters of the underlying ADWIN. */
  get params(): Readonly<ADWINParams> {
    return this.adwin.params;
  }

  /** Number of items in the kept window. */
  get width(): number {
    return this.adwin.width;
  }

  /** Variance of the kept window. */
  get variance(): number {
    return this.adwin.variance;
  }

  /** Mean of the kept window. */
  get estimation(): number {
    return this.adwin.estimation;
  }

  /** Whether the last update shrank the window with a rise of the mean. */
  get driftDetected(): boolean {
    return this.detected;
  }

  /** No warning zone (MOA's wrapper never sets one). */
  get inWarning(): boolean {
    return false;
  }

  update(value: number): boolean {
    const before = this.adwin.estimation;
    this.detected = this.adwin.update(value) && this.adwin.estimation > before;
    return this.detected;
  }

  reset(): void {
    this.adwin.reset();
    this.detected = false;
  }

  clone(): ADWINChangeDetector {
    return new ADWINChangeDetector(this.adwin.params);
  }

  sizeInBytes(): number {
    return this.adwin.sizeInBytes() + 32;
  }
}

const ADWIN_EQUIVALENT_NOTES =
  "River's ADWIN tests cuts slightly differently (it skips each row's newest bucket and needs n ≥ min_window_length instead of n > min_window_length + 1), so change points may differ by a clock tick or so (river#1614).";

/** Manifest of raw ADWIN (drift = any window shrink). */
export const adwinManifest: DetectorManifest = {
  id: 'adwin',
  kind: 'detector',
  version: '0.1.0',
  description: 'ADWIN adaptive sliding window (MOA ADWIN defaults): drift whenever the window shrinks, in either direction.',
  family: 'drift',
  references: ['bifet2007adwin'],
  hyperparameters: ADWIN_HYPERPARAMETERS,
  create: (params) => new ADWIN(params as Partial<ADWINParams>),
  equivalents: {
    moa: { id: 'moa:ADWIN', params: { delta: 'a' }, notes: 'MOA constructs `new ADWIN(delta)`; clock 32, M=5, min length 5 and the 10-item grace are constants there.' },
    river: { id: 'river:drift.ADWIN', params: { delta: 'delta', clock: 'clock', maxBuckets: 'max_buckets', minWindowLength: 'min_window_length', gracePeriod: 'grace_period' }, notes: ADWIN_EQUIVALENT_NOTES },
    capymoa: { id: 'capymoa:ADWIN', params: { delta: 'delta' } },
  },
};

/** Manifest of MOA's `ADWINChangeDetector` (drift = window shrink with a rising mean). */
export const adwinChangeDetectorManifest: DetectorManifest = {
  id: 'adwin-change-detector',
  kind: 'detector',
  version: '0.1.0',
  description: "ADWIN as MOA's ADWINChangeDetector: signals drift only when the window shrinks and its mean rises (error got worse).",
  family: 'drift',
  references: ['bifet2007adwin'],
  hyperparameters: ADWIN_HYPERPARAMETERS,
  create: (params) => new ADWINChangeDetector(params as Partial<ADWINParams>),
  equivalents: {
    moa: { id: 'moa:ADWINChangeDetector', params: { delta: 'a' } },
    river: { id: 'river:drift.ADWIN', params: { delta: 'delta', clock: 'clock', maxBuckets: 'max_buckets', minWindowLength: 'min_window_length', gracePeriod: 'grace_period' }, notes: `River's ADWIN signals decreases too. ${ADWIN_EQUIVALENT_NOTES}` },
  },
};
