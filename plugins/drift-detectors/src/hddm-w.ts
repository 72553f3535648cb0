import { deepSizeOf, resolveHyperparameters, type HyperparametersSchema } from '@tributary/core';
import type { DetectorManifest, DriftDetector } from './drift-detector.js';

/** Hyperparameters of HDDM_W. */
export interface HDDMWParams {
  /** Confidence (significance) of the drift test. Default 0.001. */
  driftConfidence: number;
  /** Confidence (significance) of the warning test. Default 0.005. */
  warningConfidence: number;
  /** Weight of the newest value in the exponentially weighted means. Default 0.05. */
  lambda: number;
  /** `'two-sided'` also restarts the statistics when the mean drops significantly. Default `'one-sided'` (MOA). */
  typeOfTest: 'one-sided' | 'two-sided';
}

/** JSON Schema of HDDM_W's hyperparameters (defaults: MOA's `HDDM_W_Test` options -d, -w, -m, -t). */
export const HDDM_W_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    driftConfidence: { type: 'number', default: 0.001, exclusiveMinimum: 0, maximum: 1, description: 'Significance of the drift test (McDiarmid bound on weighted means).', 'x-search': { log: true, minimum: 1e-5, maximum: 0.05 } },
    warningConfidence: { type: 'number', default: 0.005, exclusiveMinimum: 0, maximum: 1, description: 'Significance of the warning test.' },
    lambda: { type: 'number', default: 0.05, exclusiveMinimum: 0, maximum: 1, description: 'Weight of the newest value in the exponentially weighted means (larger forgets faster).' },
    typeOfTest: { type: 'string', enum: ['one-sided', 'two-sided'], default: 'one-sided', description: "'two-sided' also restarts on a significant decrease of the mean; only increases signal drift. MOA's default is one-sided." },
  },
  additionalProperties: false,
};

/**
 * HDDM_W (Frías-Blanco et al. 2015), as MOA's `HDDM_W_Test`: the same scheme as
 * HDDM_A with exponentially weighted moving averages (EWMA, weight `lambda`) and
 * McDiarmid's bound, whose width follows Σ of the squared weights. A cut point
 * is kept where the total EWMA plus its bound is lowest; the EWMA of the values
 * after the cut is compared with the EWMA at the cut. Drift restarts the
 * statistics at once. `estimation` is the EWMA of the stream since the last
 * restart (0 before any value).
 *
 * Difference from MOA: MOA declares the five running samples `static`, so every
 * HDDM_W_Test in one JVM shares (and corrupts) the same statistics; here each
 * detector owns its state, which is what the algorithm intends.
 */
export class HDDMW implements DriftDetector {
  readonly params: Readonly<HDDMWParams>;
  private readonly twoSided: boolean;
  // Each sample is an EWMA and the sum of squared weights of its values; EWMA < 0 marks "empty".
  private totalEwma = -1;
  private totalWeights = 0;
  private incrCutEwma = -1;
  private incrCutWeights = 0;
  private incrAfterEwma = -1;
  private incrAfterWeights = 0;
  private decrCutEwma = -1;
  private decrCutWeights = 0;
  private decrAfterEwma = -1;
  private decrAfterWeights = 0;
  private incrCutPoint = Number.MAX_VALUE;
  private decrCutPoint = Number.MIN_VALUE;
  private warning = false;
  private drift = false;

  constructor(params?: Partial<HDDMWParams>) {
    this.params = resolveHyperparameters<HDDMWParams & Record<string, unknown>>(HDDM_W_HYPERPARAMETERS, params, 'hddm-w');
    this.twoSided = this.params.typeOfTest === 'two-sided';
  }

  get inWarning(): boolean {
    return this.warning;
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  /** EWMA of the values since the last restart. */
  get estimation(): number {
    return this.totalEwma < 0 ? 0 : this.totalEwma;
  }

  update(value: number): void {
    const { lambda, driftConfidence, warningConfidence } = this.params;
    const decay = 1 - lambda;
    if (this.totalEwma < 0) {
      this.totalEwma = value;
      this.totalWeights = 1;
    } else {
      this.totalEwma = lambda * value + decay * this.totalEwma;
      this.totalWeights = lambda * lambda + decay * decay * this.totalWeights;
    }
    const bound = Math.sqrt((this.totalWeights * Math.log(1 / driftConfidence)) / 2);
    if (this.totalEwma + bound < this.incrCutPoint) {
      this.incrCutPoint = this.totalEwma + bound;
      this.incrCutEwma = this.totalEwma;
      this.incrCutWeights = this.totalWeights;
      this.incrAfterEwma = -1;
      this.incrAfterWeights = 0;
    } else if (this.incrAfterEwma < 0) {
      this.incrAfterEwma = value;
      this.incrAfterWeights = 1;
    } else {
      this.incrAfterEwma = lambda * value + decay * this.incrAfterEwma;
      this.incrAfterWeights = lambda * lambda + decay * decay * this.incrAfterWeights;
    }
    if (increased(this.incrCutEwma, this.incrCutWeights, this.incrAfterEwma, this.incrAfterWeights, driftConfidence)) {
      this.restartStatistics();
      this.drift = true;
      this.warning = false;
    } else {
      this.drift = false;
      this.warning = increased(this.incrCutEwma, this.incrCutWeights, this.incrAfterEwma, this.incrAfterWeights, warningConfidence);
    }
    // As in MOA, the decrease statistics are updated even right after a restart (then from the emptied total).
    const decrBound = Math.sqrt((this.totalWeights * Math.log(1 / driftConfidence)) / 2);
    if (this.totalEwma - decrBound > this.decrCutPoint) {
      this.decrCutPoint = this.totalEwma - decrBound;
      this.decrCutEwma = this.totalEwma;
      this.decrCutWeights = this.totalWeights;
      this.decrAfterEwma = -1;
      this.decrAfterWeights = 0;
    } else if (this.decrAfterEwma < 0) {
      this.decrAfterEwma = value;
      this.decrAfterWeights = 1;
    } else {
      this.decrAfterEwma = lambda * value + decay * this.decrAfterEwma;
      this.decrAfterWeights = lambda * lambda + decay * decay * this.decrAfterWeights;
    }
    if (this.twoSided && increased(this.decrAfterEwma, this.decrAfterWeights, this.decrCutEwma, this.decrCutWeights, driftConfidence)) {
      this.restartStatistics();
      this.drift = false;
      this.warning = false;
    }
  }

  private restartStatistics(): void {
    this.totalEwma = -1;
    this.totalWeights = 0;
    this.incrCutEwma = -1;
    this.incrCutWeights = 0;
    this.incrAfterEwma = -1;
    this.incrAfterWeights = 0;
    this.decrCutEwma = -1;
    this.decrCutWeights = 0;
    this.decrAfterEwma = -1;
    this.decrAfterWeights = 0;
    this.incrCutPoint = Number.MAX_VALUE;
    this.decrCutPoint = Number.MIN_VALUE;
  }

  reset(): void {
    this.restartStatistics();
    this.warning = false;
    this.drift = false;
  }

  clone(): HDDMW {
    return new HDDMW(this.params);
  }

  sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.params] });
  }
}

/** Whether the second EWMA exceeds the first by more than McDiarmid's bound (false when either is empty). */
function increased(firstEwma: number, firstWeights: number, secondEwma: number, secondWeights: number, confidence: number): boolean {
  if (firstEwma < 0 || secondEwma < 0) return false;
  const bound = Math.sqrt(((firstWeights + secondWeights) * Math.log(1 / confidence)) / 2);
  return secondEwma - firstEwma > bound;
}

/** Manifest of HDDM_W. */
export const hddmWManifest: DetectorManifest = {
  id: 'hddm-w',
  kind: 'detector',
  version: '0.1.0',
  description: "HDDM_W drift detection by McDiarmid's bound on weighted moving averages (MOA HDDM_W_Test defaults, one-sided).",
  family: 'drift',
  references: ['frias2015hddm'],
  hyperparameters: HDDM_W_HYPERPARAMETERS,
  create: (params) => new HDDMW(params as Partial<HDDMWParams>),
  equivalents: {
    moa: { id: 'moa:HDDM_W_Test', params: { driftConfidence: 'd', warningConfidence: 'w', lambda: 'm', typeOfTest: 't' }, values: { typeOfTest: { 'one-sided': 'One-sided', 'two-sided': 'Two-sided' } }, notes: "MOA's sample statistics are static fields shared by every instance in a JVM; results match only when one HDDM_W_Test runs at a time." },
    river: { id: 'river:drift.binary.HDDM_W', params: { driftConfidence: 'drift_confidence', warningConfidence: 'warning_confidence', lambda: 'lambda_val', typeOfTest: 'two_sided_test' }, values: { typeOfTest: { 'one-sided': false, 'two-sided': true } } },
    capymoa: { id: 'capymoa:HDDMWeighted', params: { driftConfidence: 'drift_confidence', warningConfidence: 'warning_confidence', lambda: 'lambda_', typeOfTest: 'test_type' }, values: { typeOfTest: { 'one-sided': 'One-sided', 'two-sided': 'Two-sided' } }, notes: "CapyMOA's default is two-sided." },
  },
};
