import { deepSizeOf, Random, resolveHyperparameters, TributaryError, type HyperparametersSchema } from '@tributary/core';
import type { DetectorContext, DetectorManifest, DriftDetector } from './drift-detector.js';

/** Hyperparameters of KSWIN. */
export interface KSWINParams {
  /** Significance of the Kolmogorov-Smirnov test. Default 0.005. */
  alpha: number;
  /** Length of the sliding window. Default 100. */
  windowSize: number;
  /** Length of the newest part of the window compared with a sample of the older part. Default 30. */
  statSize: number;
}

/** JSON Schema of KSWIN's hyperparameters (defaults: River's `drift.KSWIN`; MOA has no KSWIN). */
export const KSWIN_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    alpha: { type: 'number', default: 0.005, exclusiveMinimum: 0, maximum: 1, description: 'Significance of the Kolmogorov-Smirnov test; keep it small (below 0.01), the test runs at every value.', 'x-search': { log: true, minimum: 1e-5, maximum: 0.01 } },
    windowSize: { type: 'integer', default: 100, minimum: 2, description: 'Length of the sliding window.' },
    statSize: { type: 'integer', default: 30, minimum: 1, description: 'Length of the newest part of the window, compared with as many values drawn from the older part; must be at most windowSize / 2.' },
  },
  additionalProperties: false,
};

/**
 * KSWIN (Raab et al. 2020), following River's `drift.KSWIN` (MOA has none):
 * keeps the last `windowSize` values; once full, draws `statSize` values without
 * replacement from the oldest `windowSize − statSize` and runs a two-sample
 * Kolmogorov-Smirnov test against the newest `statSize`. Drift when the exact
 * p-value is ≤ `alpha` and the statistic exceeds 0.1. As in River, the update
 * after a drift empties the window and restarts the random draws from the seed.
 * No warning zone. `estimation` is the mean of the values in the window.
 *
 * Draws come from `Random` seeded with `context.seed` (not Python's generator),
 * so detections match River's statistically, not value for value.
 */
export class KSWIN implements DriftDetector {
  readonly params: Readonly<KSWINParams>;
  readonly seed: number;
  private random: Random;
  private readonly window: Float64Array;
  private readonly older: Float64Array;
  private readonly newer: Float64Array;
  private readonly candidates: Int32Array;
  /** Index of the oldest value in the ring buffer. */
  private start = 0;
  private count = 0;
  private total = 0;
  private drift = false;
  /** p-value of the last test (1 before the window is full). */
  pValue = 1;
  /** Kolmogorov-Smirnov statistic of the last test. */
  statistic = 0;

  constructor(params?: Partial<KSWINParams>, seed = 1) {
    this.params = resolveHyperparameters<KSWINParams & Record<string, unknown>>(KSWIN_HYPERPARAMETERS, params, 'kswin');
    const { windowSize, statSize } = this.params;
    if (2 * statSize > windowSize) {
      throw new TributaryError('INVALID_HYPERPARAMETER', `invalid value ${statSize} for hyperparameter "statSize" of "kswin": must be ≤ windowSize / 2 (${windowSize / 2}) so the older part can supply ${statSize} distinct values`, { learner: 'kswin' });
    }
    this.seed = seed;
    this.random = new Random(seed);
    this.window = new Float64Array(windowSize);
    this.older = new Float64Array(statSize);
    this.newer = new Float64Array(statSize);
    this.candidates = new Int32Array(windowSize - statSize);
  }

  get inWarning(): boolean {
    return false;
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  /** Mean of the values in the window. */
  get estimation(): number {
    return this.count > 0 ? this.total / this.count : 0;
  }

  update(value: number): void {
    if (this.drift) this.restart();
    const { windowSize, statSize, alpha } = this.params;
    if (this.count === windowSize) {
      this.total -= this.window[this.start];
      this.window[this.start] = value;
      this.start = (this.start + 1) % windowSize;
    } else {
      this.window[(this.start + this.count) % windowSize] = value;
      this.count++;
    }
    this.total += value;
    this.drift = false;
    if (this.count < windowSize) return;
    const olderLength = windowSize - statSize;
    const candidates = this.candidates;
    for (let i = 0; i < olderLength; i++) candidates[i] = i;
    for (let i = 0; i < statSize; i++) {
      const j = i + this.random.nextInt(olderLength - i);
      const picked = candidates[j];
      candidates[j] = candidates[i];
      candidates[i] = picked;
      this.older[i] = this.window[(this.start + picked) % windowSize];
    }
    for (let i = 0; i < statSize; i++) this.newer[i] = this.window[(this.start + olderLength + i) % windowSize];
    this.statistic = ksStatistic(this.older, this.newer);
    this.pValue = ksPValueEqualSizes(statSize, this.statistic);
    this.drift = this.pValue <= alpha && this.statistic > 0.1;
  }

  private restart(): void {
    this.start = 0;
    this.count = 0;
    this.total = 0;
    this.random = new Random(this.seed);
    this.pValue = 1;
    this.statistic = 0;
  }

  reset(): void {
    this.restart();
    this.drift = false;
  }

  clone(): KSWIN {
    return new KSWIN(this.params, this.seed);
  }

  sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.params] });
  }
}

/** Two-sample Kolmogorov-Smirnov statistic sup |F_a − F_b| (ties handled); sorts both arrays in place. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  a.sort();
  b.sort();
  let i = 0;
  let j = 0;
  let best = 0;
  while (i < a.length && j < b.length) {
    const v = a[i] <= b[j] ? a[i] : b[j];
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    const gap = Math.abs(i / a.length - j / b.length);
    if (gap > best) best = gap;
  }
  return best;
}

/**
 * Exact two-sided p-value P(D ≥ d) of the two-sample Kolmogorov-Smirnov test for
 * two samples of size n (Gnedenko-Korolyuk):
 * 2 Σ_{j≥1} (−1)^{j−1} C(2n, n−j·h) / C(2n, n), with h = round(d·n).
 * This is the distribution scipy's `ks_2samp` uses in exact mode for equal sizes.
 */
export function ksPValueEqualSizes(n: number, d: number): number {
  const h = Math.round(d * n);
  if (h <= 0) return 1;
  let p = 0;
  for (let j = 1; j * h <= n; j++) {
    const k = j * h;
    let ratio = 1;
    for (let i = 0; i < k; i++) ratio *= (n - i) / (n + 1 + i);
    p += (j % 2 === 1 ? 1 : -1) * ratio;
  }
  return Math.min(1, Math.max(0, 2 * p));
}

/** Manifest of KSWIN. */
export const kswinManifest: DetectorManifest = {
  id: 'kswin',
  kind: 'detector',
  version: '0.1.0',
  description: "KSWIN Kolmogorov-Smirnov windowing drift detector (River's defaults; MOA has no KSWIN), seeded.",
  family: 'drift',
  references: ['raab2020kswin'],
  hyperparameters: KSWIN_HYPERPARAMETERS,
  randomized: true,
  create: (params, context?: DetectorContext) => new KSWIN(params as Partial<KSWINParams>, context?.seed ?? 1),
  equivalents: {
    river: { id: 'river:drift.KSWIN', params: { alpha: 'alpha', windowSize: 'window_size', statSize: 'stat_size' }, notes: "River draws with Python's random module; the same seed gives different samples here." },
  },
};
