import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import { TributaryError } from '@tributary/core';
import { chiSquareSurvival } from './distributions.js';

/** Options of {@link mcnemarTest}. */
export interface McNemarOptions {
  /** Exact binomial test on the discordant pairs instead of the χ² approximation; default false. */
  exact?: boolean;
  /** Edwards' continuity correction (|b − c| − 1)² in the χ² form; default true. Ignored when exact. */
  correction?: boolean;
}

/** Outcome of McNemar's test. */
export interface McNemarResult {
  /** χ² statistic, or min(b, c) for the exact test (as statsmodels). */
  statistic: number;
  pValue: number;
  /** Instances only classifier A got right (b). */
  onlyA: number;
  /** Instances only classifier B got right (c). */
  onlyB: number;
  exact: boolean;
}

/**
 * McNemar's test for two classifiers evaluated on the same instances (e.g. the same stream, Gama et
 * al. 2013): only the discordant counts matter, b = A right and B wrong, c = A wrong and B right.
 * χ² = (|b − c| − 1)²/(b + c) with 1 d.f. by default; exact = two-sided binomial test
 * min(1, 2·P(Bin(b + c, ½) ≤ min(b, c))). Matches statsmodels' `mcnemar`.
 */
export function mcnemarTest(onlyA: number, onlyB: number, options: McNemarOptions = {}): McNemarResult {
  for (const [name, value] of [['onlyA', onlyA], ['onlyB', onlyB]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new TributaryError('INVALID_DATA', `mcnemarTest: ${name} must be a count (integer >= 0), got ${value}`);
  }
  const exact = options.exact ?? false;
  const discordant = onlyA + onlyB;
  if (exact) {
    const smaller = Math.min(onlyA, onlyB);
    const pValue = discordant === 0 ? 1 : Math.min(1, 2 * binomialCdf(smaller, discordant, 0.5));
    return { statistic: smaller, pValue, onlyA, onlyB, exact };
  }
  if (discordant === 0) return { statistic: 0, pValue: 1, onlyA, onlyB, exact };
  const difference = Math.abs(onlyA - onlyB) - ((options.correction ?? true) ? 1 : 0);
  const statistic = (difference * difference) / discordant;
  return { statistic, pValue: chiSquareSurvival(statistic, 1), onlyA, onlyB, exact };
}

/**
 * Discordant counts of two classifiers' predictions against the true labels (any comparable values).
 */
export function mcnemarCounts<T>(truth: ArrayLike<T>, predictionsA: ArrayLike<T>, predictionsB: ArrayLike<T>): { onlyA: number; onlyB: number } {
  if (truth.length !== predictionsA.length || truth.length !== predictionsB.length) {
    throw new TributaryError('INVALID_DATA', `mcnemarCounts: truth, predictionsA and predictionsB must have equal lengths, got ${truth.length}, ${predictionsA.length}, ${predictionsB.length}`);
  }
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < truth.length; i++) {
    const aRight = predictionsA[i] === truth[i];
    const bRight = predictionsB[i] === truth[i];
    if (aRight && !bRight) onlyA++;
    else if (bRight && !aRight) onlyB++;
  }
  return { onlyA, onlyB };
}
