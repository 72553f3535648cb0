import { TributaryError } from '@tributary/core';
import { twoSidedNormalP } from './distributions.js';
import { holm } from './holm.js';
import { rankStandardError } from './nemenyi.js';
import { rankScores } from './ranks.js';
import { assertAlpha, assertScoreMatrix } from './validate.js';
import { wilcoxonSignedRank, type WilcoxonOptions } from './wilcoxon.js';

/** One pairwise comparison after Holm's correction. */
export interface PairwiseComparison {
  /** Index of the first algorithm (column). */
  a: number;
  /** Index of the second algorithm (column). */
  b: number;
  /** Test statistic (Wilcoxon: min(R⁺, R⁻); rank z-test: z). */
  statistic: number;
  /** Unadjusted two-sided p-value. */
  pValue: number;
  /** Holm-adjusted p-value over the family of comparisons made. */
  pHolm: number;
  /** Whether Holm's procedure rejects equality at level alpha. */
  significant: boolean;
  /** Which of the two is better on this comparison's evidence: 'a', 'b' or 'tie'. */
  better: 'a' | 'b' | 'tie';
}

function column(scores: readonly (readonly number[])[], j: number): number[] {
  return scores.map((row) => row[j]);
}

function wilcoxonPair(scores: readonly (readonly number[])[], a: number, b: number, higherIsBetter: boolean, options: WilcoxonOptions) {
  const result = wilcoxonSignedRank(column(scores, a), column(scores, b), options);
  // R⁺ sums ranks where a's score exceeds b's
  const aHigher = result.rPlus > result.rMinus;
  const better: 'a' | 'b' | 'tie' = result.rPlus === result.rMinus ? 'tie' : aHigher === higherIsBetter ? 'a' : 'b';
  return { statistic: result.statistic, pValue: result.pValue, better };
}

function applyHolm(
  raw: { a: number; b: number; statistic: number; pValue: number; better: 'a' | 'b' | 'tie' }[],
  alpha: number,
): PairwiseComparison[] {
  const { adjusted, reject } = holm(
    raw.map((r) => r.pValue),
    alpha,
  );
  return raw.map((r, i) => ({ ...r, pHolm: adjusted[i], significant: reject[i] }));
}

/**
 * Wilcoxon signed-rank tests of every pair of columns with Holm's correction over all k(k−1)/2 pairs
 * (Benavoli, Corani, Mangili 2016). The p-values before correction match scikit-posthocs'
 * `posthoc_wilcoxon` (scipy defaults), the corrected ones its `p_adjust='holm'`.
 */
export function wilcoxonHolmAllPairs(
  scores: readonly (readonly number[])[],
  options: { higherIsBetter?: boolean; alpha?: number; wilcoxon?: WilcoxonOptions } = {},
): PairwiseComparison[] {
  assertScoreMatrix(scores, 'wilcoxonHolmAllPairs', 1, 2);
  const alpha = options.alpha ?? 0.05;
  assertAlpha(alpha, 'wilcoxonHolmAllPairs');
  const k = scores[0].length;
  const raw = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) raw.push({ a, b, ...wilcoxonPair(scores, a, b, options.higherIsBetter ?? true, options.wilcoxon ?? {}) });
  }
  return applyHolm(raw, alpha);
}

function assertControl(control: number, k: number, what: string): void {
  if (!Number.isInteger(control) || control < 0 || control >= k) {
    throw new TributaryError('INVALID_DATA', `${what}: control must be a column index in 0..${k - 1}, got ${control}`);
  }
}

/**
 * Wilcoxon signed-rank tests of the control column against each other column, Holm-corrected over
 * the k − 1 comparisons. In each result `a` is the control.
 */
export function wilcoxonHolmVsControl(
  scores: readonly (readonly number[])[],
  control: number,
  options: { higherIsBetter?: boolean; alpha?: number; wilcoxon?: WilcoxonOptions } = {},
): PairwiseComparison[] {
  assertScoreMatrix(scores, 'wilcoxonHolmVsControl', 1, 2);
  const k = scores[0].length;
  assertControl(control, k, 'wilcoxonHolmVsControl');
  const alpha = options.alpha ?? 0.05;
  assertAlpha(alpha, 'wilcoxonHolmVsControl');
  const raw = [];
  for (let b = 0; b < k; b++) {
    if (b !== control) raw.push({ a: control, b, ...wilcoxonPair(scores, control, b, options.higherIsBetter ?? true, options.wilcoxon ?? {}) });
  }
  return applyHolm(raw, alpha);
}

/**
 * Mean-rank z-tests of a control against each other algorithm (Demšar 2006, section 3.2.2):
 * z = (R_control − R_j)/√(k(k+1)/(6N)), two-sided normal p-values, Holm-corrected over k − 1
 * comparisons. Takes mean ranks so that published ranks can be checked directly.
 */
export function rankTestsVsControl(meanRanks: readonly number[], n: number, control: number, alpha = 0.05): PairwiseComparison[] {
  const k = meanRanks.length;
  assertControl(control, k, 'rankTestsVsControl');
  assertAlpha(alpha, 'rankTestsVsControl');
  const se = rankStandardError(k, n);
  const raw = [];
  for (let b = 0; b < k; b++) {
    if (b === control) continue;
    const z = (meanRanks[control] - meanRanks[b]) / se;
    const better: 'a' | 'b' | 'tie' = z === 0 ? 'tie' : z < 0 ? 'a' : 'b';
    raw.push({ a: control, b, statistic: z, pValue: twoSidedNormalP(z), better });
  }
  return applyHolm(raw, alpha);
}

/** Mean-rank z-tests against a control computed from a score matrix; see {@link rankTestsVsControl}. */
export function rankTestsVsControlFromScores(
  scores: readonly (readonly number[])[],
  control: number,
  options: { higherIsBetter?: boolean; alpha?: number } = {},
): PairwiseComparison[] {
  const { meanRanks } = rankScores(scores, options.higherIsBetter ?? true);
  return rankTestsVsControl(meanRanks, scores.length, control, options.alpha ?? 0.05);
}
