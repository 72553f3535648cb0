import { deepSizeOf, resolveHyperparameters, type HyperparametersSchema } from '@tributary/core';
import type { DetectorManifest, DriftDetector } from './drift-detector.js';

/** Hyperparameters of EDDM. */
export interface EDDMParams {
  /** Values seen before a warning or drift may be signalled. Default 30. */
  minNumInstances: number;
  /** Errors seen before a warning or drift may be signalled. Default 30. */
  minNumErrors: number;
  /** Warning when (mean + 2·std) / its maximum falls below this. Default 0.95. */
  warningLevel: number;
  /** Drift when (mean + 2·std) / its maximum falls below this. Default 0.9. */
  outcontrolLevel: number;
}

/** JSON Schema of EDDM's hyperparameters (defaults: the constants of MOA's `EDDM`, which has no options). */
export const EDDM_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    minNumInstances: { type: 'integer', default: 30, minimum: 0, description: 'Values seen before a warning or drift may be signalled.' },
    minNumErrors: { type: 'integer', default: 30, minimum: 0, description: 'Errors seen before a warning or drift may be signalled.' },
    warningLevel: { type: 'number', default: 0.95, exclusiveMinimum: 0, maximum: 1, description: 'Warning when (mean + 2·std of the distance between errors) / its maximum falls below this.' },
    outcontrolLevel: { type: 'number', default: 0.9, exclusiveMinimum: 0, maximum: 1, description: 'Drift when (mean + 2·std of the distance between errors) / its maximum falls below this.' },
  },
  additionalProperties: false,
};

/**
 * EDDM, the Early Drift Detection Method (Baena-García et al. 2006), as MOA's
 * `EDDM`: monitors the distance (in values) between consecutive errors (1s) of a
 * 0/1 stream. Its mean m and standard deviation s shrink when errors become more
 * frequent; EDDM keeps the maximum of m + 2s and signals a warning (drift) when
 * (m + 2s) / max falls below 0.95 (0.9), once 30 values and 30 errors were seen.
 * Tests run only when an error arrives. After a drift it restarts with the next
 * value. `estimation` is the mean distance between errors (as in MOA), not an
 * error rate.
 */
export class EDDM implements DriftDetector {
  readonly params: Readonly<EDDMParams>;
  private n = 1;
  private numErrors = 0;
  private lastErrorAt = 0;
  private meanDistance = 0;
  private squaredDeviations = 0;
  private maxMeanPlus2Std = 0;
  private restart = true;
  private warning = false;
  private drift = false;

  constructor(params?: Partial<EDDMParams>) {
    this.params = resolveHyperparameters<EDDMParams & Record<string, unknown>>(EDDM_HYPERPARAMETERS, params, 'eddm');
  }

  get inWarning(): boolean {
    return this.warning;
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  /** Mean distance between consecutive errors since the last drift. */
  get estimation(): number {
    return this.meanDistance;
  }

  update(value: number): void {
    if (this.restart) {
      this.restartStatistics();
      this.restart = false;
    }
    this.drift = false;
    this.n++;
    if (value !== 1) return;
    this.warning = false;
    this.numErrors++;
    const errorAt = this.n - 1;
    const distance = errorAt - this.lastErrorAt;
    this.lastErrorAt = errorAt;
    const previousMean = this.meanDistance;
    this.meanDistance += (distance - this.meanDistance) / this.numErrors;
    this.squaredDeviations += (distance - this.meanDistance) * (distance - previousMean);
    const meanPlus2Std = this.meanDistance + 2 * Math.sqrt(this.squaredDeviations / this.numErrors);
    const { minNumInstances, minNumErrors, warningLevel, outcontrolLevel } = this.params;
    if (meanPlus2Std > this.maxMeanPlus2Std) {
      if (this.n > minNumInstances) this.maxMeanPlus2Std = meanPlus2Std;
      return;
    }
    const ratio = meanPlus2Std / this.maxMeanPlus2Std;
    if (this.n > minNumInstances && this.numErrors > minNumErrors) {
      if (ratio < outcontrolLevel) {
        this.drift = true;
        this.restart = true;
      } else if (ratio < warningLevel) {
        this.warning = true;
      }
    }
  }

  private restartStatistics(): void {
    this.n = 1;
    this.numErrors = 0;
    this.lastErrorAt = 0;
    this.meanDistance = 0;
    this.squaredDeviations = 0;
    this.maxMeanPlus2Std = 0;
  }

  reset(): void {
    this.restartStatistics();
    this.restart = true;
    this.warning = false;
    this.drift = false;
  }

  clone(): EDDM {
    return new EDDM(this.params);
  }

  sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.params] });
  }
}

/** Manifest of EDDM. */
export const eddmManifest: DetectorManifest = {
  id: 'eddm',
  kind: 'detector',
  version: '0.1.0',
  description: "EDDM early drift detection on a 0/1 error stream, from the distance between errors (MOA EDDM's fixed constants as defaults).",
  family: 'drift',
  references: ['baena2006eddm'],
  hyperparameters: EDDM_HYPERPARAMETERS,
  create: (params) => new EDDM(params as Partial<EDDMParams>),
  equivalents: {
    moa: { id: 'moa:EDDM', params: {}, notes: 'MOA hard-codes every parameter (30 instances, 30 errors, 0.95, 0.9).' },
    river: { id: 'river:drift.binary.EDDM', params: { minNumInstances: 'warm_start', warningLevel: 'alpha', outcontrolLevel: 'beta' }, notes: 'River has no minimum number of errors.' },
  },
};
