import { TributaryError } from '@tributary/core';
import { chiSquareSurvival, fSurvival } from './distributions.js';
import { rankScores, tieGroupSizes } from './ranks.js';
import { assertScoreMatrix } from './validate.js';

/** Result of the Friedman test with the Iman–Davenport correction (Demšar 2006, section 3.2.2). */
export interface FriedmanResult {
  /** Number of data sets (blocks), N. */
  n: number;
  /** Number of algorithms, k. */
  k: number;
  /** Mean rank of each algorithm (1 = best). */
  meanRanks: number[];
  /** χ²_F = 12N/(k(k+1))·[Σ R_j² − k(k+1)²/4], Demšar's form, without tie correction. */
  chiSquare: number;
  /** Degrees of freedom of χ²_F: k − 1. */
  chiSquareDf: number;
  /** P(χ²(k−1) ≥ χ²_F). */
  chiSquarePValue: number;
  /**
   * χ²_F divided by 1 − Σ(t³ − t)/(N k (k² − 1)) over the tie groups t of each row: the tie-corrected
   * statistic that `scipy.stats.friedmanchisquare` reports. Equal to `chiSquare` when no row has ties.
   */
  chiSquareTieCorrected: number;
  /** P(χ²(k−1) ≥ tie-corrected χ²_F), scipy's p-value. */
  chiSquareTieCorrectedPValue: number;
  /** Iman–Davenport F_F = (N−1)χ²_F / (N(k−1) − χ²_F), from the uncorrected χ²_F as in Demšar. */
  imanDavenport: number;
  /** Degrees of freedom of F_F: [k − 1, (k − 1)(N − 1)]. */
  imanDavenportDf: [number, number];
  /** P(F(k−1, (k−1)(N−1)) ≥ F_F); 0 when every data set ranks the algorithms identically (F_F infinite). */
  imanDavenportPValue: number;
}

/**
 * Friedman test on a score matrix (rows = data sets, columns = algorithms), ranking each row with
 * ties averaged; `higherIsBetter` (default true) picks the best end.
 */
export function friedmanTest(scores: readonly (readonly number[])[], higherIsBetter = true): FriedmanResult {
  assertScoreMatrix(scores, 'friedmanTest', 2, 2);
  const { ranks, meanRanks } = rankScores(scores, higherIsBetter);
  const n = scores.length;
  const k = meanRanks.length;
  let tieSum = 0;
  for (const row of ranks) for (const t of tieGroupSizes(row)) tieSum += t * t * t - t;
  const result = friedmanFromMeanRanks(meanRanks, n);
  const tieFactor = 1 - tieSum / (n * k * (k * k - 1));
  // every row all-tied: no information; scipy returns NaN there, we report no evidence
  const corrected = tieFactor > 0 ? result.chiSquare / tieFactor : 0;
  return { ...result, chiSquareTieCorrected: corrected, chiSquareTieCorrectedPValue: chiSquareSurvival(corrected, k - 1) };
}

/**
 * Friedman χ²_F and Iman–Davenport F_F from published mean ranks (e.g. a paper's table) and the number
 * of data sets `n`. The tie-corrected fields equal the uncorrected ones, as the ties are unknown.
 */
export function friedmanFromMeanRanks(meanRanks: readonly number[], n: number): FriedmanResult {
  const k = meanRanks.length;
  if (k < 2 || !(n >= 2) || !Number.isInteger(n)) {
    throw new TributaryError('INVALID_DATA', `friedmanFromMeanRanks: needs k >= 2 algorithms and an integer n >= 2 data sets, got k=${k}, n=${n}`);
  }
  let sumSquares = 0;
  for (const r of meanRanks) sumSquares += r * r;
  const chiSquare = Math.max(0, ((12 * n) / (k * (k + 1))) * (sumSquares - (k * (k + 1) * (k + 1)) / 4));
  const d1 = k - 1;
  const d2 = (k - 1) * (n - 1);
  const denominator = n * (k - 1) - chiSquare;
  const imanDavenport = denominator > 0 ? ((n - 1) * chiSquare) / denominator : Number.POSITIVE_INFINITY;
  const chiSquarePValue = chiSquareSurvival(chiSquare, d1);
  return {
    n,
    k,
    meanRanks: [...meanRanks],
    chiSquare,
    chiSquareDf: d1,
    chiSquarePValue,
    chiSquareTieCorrected: chiSquare,
    chiSquareTieCorrectedPValue: chiSquarePValue,
    imanDavenport,
    imanDavenportDf: [d1, d2],
    imanDavenportPValue: Number.isFinite(imanDavenport) ? fSurvival(imanDavenport, d1, d2) : 0,
  };
}
