import { deepSizeOf, resolveHyperparameters, type HyperparametersSchema } from '@tributary/core';
import type { DetectorManifest, DriftDetector } from './drift-detector.js';

/** Hyperparameters of DDM. */
export interface DDMParams {
  /** Values seen before a warning or drift may be signalled. Default 30. */
  minNumInstances: number;
  /** Warning when p + s exceeds p_min + warningLevel · s_min. Default 2.0. */
  warningLevel: number;
  /** Drift when p + s exceeds p_min + outcontrolLevel · s_min. Default 3.0. */
  outcontrolLevel: number;
}

/** JSON Schema of DDM's hyperparameters (defaults and bounds: MOA's `DDM` options -n, -w, -o). */
export const DDM_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    minNumInstances: { type: 'integer', default: 30, minimum: 0, description: 'Values seen before a warning or drift may be signalled.' },
    warningLevel: { type: 'number', default: 2.0, minimum: 1, maximum: 4, description: 'Warning when p + s > p_min + warningLevel · s_min (standard deviations).' },
    outcontrolLevel: { type: 'number', default: 3.0, minimum: 1, maximum: 5, description: 'Drift when p + s > p_min + outcontrolLevel · s_min (standard deviations).' },
  },
  additionalProperties: false,
};

/**
 * DDM, the Drift Detection Method (Gama et al. 2004), as MOA's `DDM`: tracks the
 * error rate p of a 0/1 stream (1 = error) and its binomial standard deviation
 * s = √(p(1−p)/n), remembers the point where p + s was smallest, and signals a
 * warning (drift) when p + s rises above p_min + 2·s_min (3·s_min). After a drift
 * the statistics restart with the next value. `estimation` is p.
 */
export class DDM implements DriftDetector {
  readonly params: Readonly<DDMParams>;
  private n = 1;
  private p = 1;
  private s = 0;
  private psMin = Number.MAX_VALUE;
  private pMin = Number.MAX_VALUE;
  private sMin = Number.MAX_VALUE;
  private restart = true;
  private warning = false;
  private drift = false;
  private mean = 0;

  constructor(params?: Partial<DDMParams>) {
    this.params = resolveHyperparameters<DDMParams & Record<string, unknown>>(DDM_HYPERPARAMETERS, params, 'ddm');
  }

  get inWarning(): boolean {
    return this.warning;
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  /** Error rate since the last drift. */
  get estimation(): number {
    return this.mean;
  }

  update(value: number): void {
    if (this.restart) {
      this.restartStatistics();
      this.restart = false;
    }
    this.p += (value - this.p) / this.n;
    this.s = Math.sqrt((this.p * (1 - this.p)) / this.n);
    this.n++;
    this.mean = this.p;
    this.drift = false;
    this.warning = false;
    const { minNumInstances, warningLevel, outcontrolLevel } = this.params;
    if (this.n < minNumInstances) return;
    if (this.p + this.s <= this.psMin) {
      this.pMin = this.p;
      this.sMin = this.s;
      this.psMin = this.p + this.s;
    }
    if (this.n > minNumInstances && this.p + this.s > this.pMin + outcontrolLevel * this.sMin) {
      this.drift = true;
      this.restart = true;
    } else if (this.p + this.s > this.pMin + warningLevel * this.sMin) {
      this.warning = true;
    }
  }

  private restartStatistics(): void {
    this.n = 1;
    this.p = 1;
    this.s = 0;
    this.psMin = Number.MAX_VALUE;
    this.pMin = Number.MAX_VALUE;
    this.sMin = Number.MAX_VALUE;
  }

  reset(): void {
    this.restartStatistics();
    this.restart = true;
    this.warning = false;
    this.drift = false;
    this.mean = 0;
  }

  clone(): DDM {
    return new DDM(this.params);
  }

  sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.params] });
  }
}

/** Manifest of DDM. */
export const ddmManifest: DetectorManifest = {
  id: 'ddm',
  kind: 'detector',
  version: '0.1.0',
  description: 'DDM drift detection method on a 0/1 error stream (MOA DDM defaults): warning at 2, drift at 3 standard deviations above the best error rate.',
  family: 'drift',
  references: ['gama2004ddm'],
  hyperparameters: DDM_HYPERPARAMETERS,
  create: (params) => new DDM(params as Partial<DDMParams>),
  equivalents: {
    moa: { id: 'moa:DDM', params: { minNumInstances: 'n', warningLevel: 'w', outcontrolLevel: 'o' } },
    river: { id: 'river:drift.binary.DDM', params: { minNumInstances: 'warm_start', warningLevel: 'warning_threshold', outcontrolLevel: 'drift_threshold' } },
    capymoa: { id: 'capymoa:DDM', params: { minNumInstances: 'min_n_instances', warningLevel: 'warning_level', outcontrolLevel: 'out_control_level' } },
  },
};
