import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import fCdf from '@stdlib/stats-base-dists-f-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

// Survival functions (upper tail probabilities) on top of @stdlib's CDFs. The upper tail
// of the χ² and F laws is 1 − CDF, so p-values below ~1e-15 come out as 0.

/** P(X ≥ x) for X ~ χ²(df). */
export function chiSquareSurvival(x: number, df: number): number {
  return Math.max(0, 1 - chisquareCdf(x, df));
}

/** P(X ≥ x) for X ~ F(d1, d2). */
export function fSurvival(x: number, d1: number, d2: number): number {
  return Math.max(0, 1 - fCdf(x, d1, d2));
}

/** Φ(z), the standard normal CDF. */
export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

/** Two-sided normal p-value 2·P(Z ≥ |z|), computed from the lower tail to keep precision. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}
