import { deepSizeOf, resolveHyperparameters, type HyperparametersSchema } from '@tributary/core';
import type { DetectorManifest, DriftDetector } from './drift-detector.js';

/** Hyperparameters of HDDM_A. */
export interface HDDMAParams {
  /** Confidence (significance) of the drift test. Default 0.001. */
  driftConfidence: number;
  /** Confidence (significance) of the warning test. Default 0.005. */
  warningConfidence: number;
  /** `'two-sided'` also restarts the statistics when the mean drops significantly (no drift signalled). Default `'two-sided'` (MOA). */
  typeOfTest: 'one-sided' | 'two-sided';
}

/** JSON Schema of HDDM_A's hyperparameters (defaults: MOA's `HDDM_A_Test` options -d, -w, -t). */
export const HDDM_A_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    driftConfidence: { type: 'number', default: 0.001, exclusiveMinimum: 0, maximum: 1, description: 'Significance of the drift test (Hoeffding bound on the difference of means).', 'x-search': { log: true, minimum: 1e-5, maximum: 0.05 } },
    warningConfidence: { type: 'number', default: 0.005, exclusiveMinimum: 0, maximum: 1, description: 'Significance of the warning test.' },
    typeOfTest: { type: 'string', enum: ['one-sided', 'two-sided'], default: 'two-sided', description: "'two-sided' also restarts on a significant decrease of the mean (MOA's default); only increases signal drift." },
  },
  additionalProperties: false,
};

/**
 * HDDM_A (Frías-Blanco et al. 2015), as MOA's `HDDM_A_Test`: a Hoeffding-bound
 * test between the mean of the stream up to a cut point and the mean of the
 * whole stream since the last reset. The cut point is the prefix whose mean
 * plus its Hoeffding bound is smallest; drift (warning) when the overall mean
 * exceeds the cut's mean by more than the bound at `driftConfidence`
 * (`warningConfidence`). On drift the statistics restart at once; the estimate
 * is then the mean of the values after the cut until as many values arrived.
 * `estimation` is that mean.
 */
export class HDDMA implements DriftDetector {
  readonly params: Readonly<HDDMAParams>;
  private readonly twoSided: boolean;
  private nMin = 0;
  private cMin = 0;
  private totalN = 0;
  private totalC = 0;
  private nMax = 0;
  private cMax = 0;
  private nEstimation = 0;
  private cEstimation = 0;
  private mean = 0;
  private warning = false;
  private drift = false;

  constructor(params?: Partial<HDDMAParams>) {
    this.params = resolveHyperparameters<HDDMAParams & Record<string, unknown>>(HDDM_A_HYPERPARAMETERS, params, 'hddm-a');
    this.twoSided = this.params.typeOfTest === 'two-sided';
  }

  get inWarning(): boolean {
    return this.warning;
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  /** Mean since the last drift (or of the values after the cut, right after a drift). */
  get estimation(): number {
    return this.mean;
  }

  update(value: number): void {
    const { driftConfidence, warningConfidence } = this.params;
    this.totalN++;
    this.totalC += value;
    if (this.nMin === 0) {
      this.nMin = this.totalN;
      this.cMin = this.totalC;
    }
    if (this.nMax === 0) {
      this.nMax = this.totalN;
      this.cMax = this.totalC;
    }
    const logInverse = Math.log(1 / driftConfidence);
    const totalBound = Math.sqrt((1 / (2 * this.totalN)) * logInverse);
    const totalMean = this.totalC / this.totalN;
    if (this.cMin / this.nMin + Math.sqrt((1 / (2 * this.nMin)) * logInverse) >= totalMean + totalBound) {
      this.cMin = this.totalC;
      this.nMin = this.totalN;
    }
    if (this.cMax / this.nMax - Math.sqrt((1 / (2 * this.nMax)) * logInverse) <= totalMean - totalBound) {
      this.cMax = this.totalC;
      this.nMax = this.totalN;
    }
    if (meanIncreased(this.cMin, this.nMin, this.totalC, this.totalN, driftConfidence)) {
      this.nEstimation = this.totalN - this.nMin;
      this.cEstimation = this.totalC - this.cMin;
      this.restartStatistics();
      this.drift = true;
      this.warning = false;
    } else {
      this.drift = false;
      this.warning = meanIncreased(this.cMin, this.nMin, this.totalC, this.totalN, warningConfidence);
    }
    if (this.twoSided && meanDecreased(this.cMax, this.nMax, this.totalC, this.totalN, driftConfidence)) {
      this.nEstimation = this.totalN - this.nMax;
      this.cEstimation = this.totalC - this.cMax;
      this.restartStatistics();
    }
    if (this.totalN >= this.nEstimation) {
      this.nEstimation = 0;
      this.cEstimation = 0;
      this.mean = this.totalN > 0 ? this.totalC / this.totalN : 0;
    } else {
      this.mean = this.cEstimation / this.nEstimation;
    }
  }

  private restartStatistics(): void {
    this.nMin = 0;
    this.nMax = 0;
    this.totalN = 0;
    this.cMin = 0;
    this.cMax = 0;
    this.totalC = 0;
  }

  reset(): void {
    this.restartStatistics();
    this.nEstimation = 0;
    this.cEstimation = 0;
    this.mean = 0;
    this.warning = false;
    this.drift = false;
  }

  clone(): HDDMA {
    return new HDDMA(this.params);
  }

  sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.params] });
  }
}

/** Whether the mean since the reset exceeds the mean up to the cut by more than the Hoeffding bound for both sample sizes. */
function meanIncreased(cutC: number, cutN: number, totalC: number, totalN: number, confidence: number): boolean {
  if (cutN === totalN) return false;
  const m = ((totalN - cutN) / cutN) * (1 / totalN);
  return totalC / totalN - cutC / cutN >= Math.sqrt((m / 2) * Math.log(2 / confidence));
}

/** Whether the mean since the reset is below the mean up to the cut by more than the Hoeffding bound. */
function meanDecreased(cutC: number, cutN: number, totalC: number, totalN: number, confidence: number): boolean {
  if (cutN === totalN) return false;
  const m = ((totalN - cutN) / cutN) * (1 / totalN);
  return cutC / cutN - totalC / totalN >= Math.sqrt((m / 2) * Math.log(2 / confidence));
}

/** Manifest of HDDM_A. */
export const hddmAManifest: DetectorManifest = {
  id: 'hddm-a',
  kind: 'detector',
  version: '0.1.0',
  description: "HDDM_A drift detection by Hoeffding's bound on moving averages (MOA HDDM_A_Test defaults, two-sided).",
  family: 'drift',
  references: ['frias2015hddm'],
  hyperparameters: HDDM_A_HYPERPARAMETERS,
  create: (params) => new HDDMA(params as Partial<HDDMAParams>),
  equivalents: {
    moa: { id: 'moa:HDDM_A_Test', params: { driftConfidence: 'd', warningConfidence: 'w', typeOfTest: 't' }, values: { typeOfTest: { 'one-sided': 'One-sided', 'two-sided': 'Two-sided' } } },
    river: { id: 'river:drift.binary.HDDM_A', params: { driftConfidence: 'drift_confidence', warningConfidence: 'warning_confidence', typeOfTest: 'two_sided_test' }, values: { typeOfTest: { 'one-sided': false, 'two-sided': true } }, notes: "River's default is one-sided (two_sided_test=False)." },
    capymoa: { id: 'capymoa:HDDMAverage', params: { driftConfidence: 'drift_confidence', warningConfidence: 'warning_confidence', typeOfTest: 'test_type' }, values: { typeOfTest: { 'one-sided': 'One-sided', 'two-sided': 'Two-sided' } } },
  },
};
