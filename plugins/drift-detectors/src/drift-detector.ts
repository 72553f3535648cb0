import type { Equivalent, GenericManifest, HyperparametersSchema } from '@tributary/core';

/**
 * A change detector over a stream of numbers (usually 0/1 errors: 1 = the
 * learner was wrong). Feed values with `update`; after each call the flags say
 * what that value triggered. Flags hold for one update only: the next `update`
 * clears them (a detector that signalled drift restarts its statistics on the
 * next value, as MOA's detectors do).
 */
export interface DriftDetector {
  /** Adds one observation. */
  update(value: number): void;
  /** Whether the last update put the detector in its warning zone. */
  readonly inWarning: boolean;
  /** Whether the last update signalled a drift. */
  readonly driftDetected: boolean;
  /** Estimation of the monitored mean (what each detector estimates is stated on its class). */
  readonly estimation: number;
  /** Forgets everything seen (back to the state after construction, same hyperparameters). */
  reset(): void;
  /** A fresh detector with the same hyperparameters and seed, nothing seen. */
  clone(): DriftDetector;
  /** Size of the detector's state in bytes (same model as learners' `sizeInBytes`). */
  sizeInBytes(): number;
}

/** What a detector's factory receives besides its hyperparameters. */
export interface DetectorContext {
  /** Seed of the detector's random choices (only KSWIN draws). Default 1. */
  readonly seed?: number;
}

/** Manifest of a drift detector plugin (`kind: 'detector'`). */
export interface DetectorManifest extends GenericManifest {
  kind: 'detector';
  hyperparameters: HyperparametersSchema;
  /** Builds a detector; parameters are validated and completed with defaults. */
  create(params?: Record<string, unknown>, context?: DetectorContext): DriftDetector;
  /** Equivalents in the reference libraries (same shape as learners' equivalents). */
  equivalents?: Partial<Record<'moa' | 'river' | 'capymoa', Equivalent>>;
  /** Whether the detector's output depends on the seed. */
  randomized?: boolean;
}
