import { deepSizeOf, resolveHyperparameters, type HyperparametersSchema } from '@tributary/core';
import type { DetectorManifest, DriftDetector } from './drift-detector.js';

/** Hyperparameters of the Page-Hinkley test. */
export interface PageHinkleyParams {
  /** Values seen before a drift may be signalled. Default 30. */
  minNumInstances: number;
  /** Magnitude of change tolerated (subtracted from each deviation). Default 0.005. */
  delta: number;
  /** Drift when the cumulative deviation exceeds this threshold. Default 50. */
  lambda: number;
  /** Fading factor of the cumulative deviation. Default 1 − 0.0001. */
  alpha: number;
}

/** JSON Schema of Page-Hinkley's hyperparameters (defaults and bounds: MOA's `PageHinkleyDM` -n, -d, -l, -a). */
export const PAGE_HINKLEY_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    minNumInstances: { type: 'integer', default: 30, minimum: 0, description: 'Values seen before a drift may be signalled.' },
    delta: { type: 'number', default: 0.005, minimum: 0, maximum: 1, description: 'Magnitude of change tolerated: subtracted from every deviation from the mean.' },
    lambda: { type: 'number', default: 50, minimum: 0, description: 'Drift when the faded cumulative deviation exceeds this threshold.', 'x-search': { log: true, minimum: 5, maximum: 500 } },
    alpha: { type: 'number', default: 0.9999, minimum: 0, maximum: 1, description: 'Fading factor of the cumulative deviation (1 = no fading).' },
  },
  additionalProperties: false,
};

/**
 * The Page-Hinkley test (Page 1954), as MOA's `PageHinkleyDM`: accumulates the
 * faded deviations of each value from the running mean, minus `delta`, and
 * signals a drift when that sum exceeds `lambda` — an increase of the mean only.
 * No warning zone. After a drift it restarts with the next value. `estimation`
 * is the running mean since the last drift.
 */
export class PageHinkley implements DriftDetector {
  readonly params: Readonly<PageHinkleyParams>;
  private n = 1;
  private mean = 0;
  private sum = 0;
  private restart = true;
  private drift = false;

  constructor(params?: Partial<PageHinkleyParams>) {
    this.params = resolveHyperparameters<PageHinkleyParams & Record<string, unknown>>(PAGE_HINKLEY_HYPERPARAMETERS, params, 'page-hinkley');
  }

  get inWarning(): boolean {
    return false;
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  /** Running mean since the last drift. */
  get estimation(): number {
    return this.mean;
  }

  update(value: number): void {
    if (this.restart) {
      this.n = 1;
      this.mean = 0;
      this.sum = 0;
      this.restart = false;
    }
    this.mean += (value - this.mean) / this.n;
    this.sum = this.params.alpha * this.sum + (value - this.mean - this.params.delta);
    this.n++;
    this.drift = this.n >= this.params.minNumInstances && this.sum > this.params.lambda;
    if (this.drift) this.restart = true;
  }

  reset(): void {
    this.n = 1;
    this.mean = 0;
    this.sum = 0;
    this.restart = true;
    this.drift = false;
  }

  clone(): PageHinkley {
    return new PageHinkley(this.params);
  }

  sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.params] });
  }
}

/** Manifest of the Page-Hinkley test. */
export const pageHinkleyManifest: DetectorManifest = {
  id: 'page-hinkley',
  kind: 'detector',
  version: '0.1.0',
  description: 'Page-Hinkley cumulative test for an increase of the mean (MOA PageHinkleyDM defaults).',
  family: 'drift',
  references: ['page1954ph'],
  hyperparameters: PAGE_HINKLEY_HYPERPARAMETERS,
  create: (params) => new PageHinkley(params as Partial<PageHinkleyParams>),
  equivalents: {
    moa: { id: 'moa:PageHinkleyDM', params: { minNumInstances: 'n', delta: 'd', lambda: 'l', alpha: 'a' } },
    river: { id: 'river:drift.PageHinkley', params: { minNumInstances: 'min_instances', delta: 'delta', lambda: 'threshold', alpha: 'alpha' }, fixed: { mode: 'up' }, notes: "River's default mode is 'both' (decreases too); mode='up' matches MOA." },
    capymoa: { id: 'capymoa:PageHinkley', params: { minNumInstances: 'min_n_instances', delta: 'delta', lambda: 'lambda_', alpha: 'alpha' } },
  },
};
