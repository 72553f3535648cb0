import { TributaryError } from '@tributary/core';
import { standardNormalCdf } from './distributions.js';
import { averageRanks, tieGroupSizes } from './ranks.js';
import { assertPaired } from './validate.js';

/** Which way the alternative hypothesis points, for d = x − y. */
export type WilcoxonAlternative = 'two-sided' | 'greater' | 'less';

/**
 * How the p-value is computed.
 * - `exact`: the exact null distribution of R⁺ for n untied, non-zero differences.
 * - `permutation`: the exact conditional distribution of R⁺ over all 2ⁿ sign flips of the observed
 *   (possibly tied) ranks.
 * - `asymptotic`: normal approximation with the tie correction of the variance, plus the continuity
 *   correction when `correction` is true.
 * - `auto` (default) does what `scipy.stats.wilcoxon` (SciPy ≥ 1.13) does: `asymptotic` above 50 pairs;
 *   else `exact` when there are no ties and no zero differences; else `permutation` up to 13 pairs;
 *   else `asymptotic`.
 */
export type WilcoxonMethod = 'auto' | 'exact' | 'permutation' | 'asymptotic';

/**
 * Zero differences: `wilcox` (default, as scipy) drops them; `zsplit` ranks them and splits their rank
 * sum evenly between R⁺ and R⁻ (Demšar 2006's presentation, up to his rule of dropping one zero when
 * their count is odd).
 */
export type WilcoxonZeroMethod = 'wilcox' | 'zsplit';

/** Options of {@link wilcoxonSignedRank}; the defaults are scipy's. */
export interface WilcoxonOptions {
  /** Default 'two-sided'. */
  alternative?: WilcoxonAlternative;
  /** Default 'auto'. */
  method?: WilcoxonMethod;
  /** Default 'wilcox'. */
  zeroMethod?: WilcoxonZeroMethod;
  /** Continuity correction in the normal approximation; default false (scipy's default). */
  correction?: boolean;
}

/** Outcome of a Wilcoxon signed-rank test on d = x − y. */
export interface WilcoxonResult {
  /** min(R⁺, R⁻) for the two-sided test, R⁺ for one-sided ones (scipy's `statistic`). */
  statistic: number;
  pValue: number;
  /** The method actually used (never 'auto'). */
  method: Exclude<WilcoxonMethod, 'auto'>;
  /** Sum of the ranks of the positive differences (x > y). */
  rPlus: number;
  /** Sum of the ranks of the negative differences (x < y). */
  rMinus: number;
  /** Number of differences ranked (zeros excluded under 'wilcox'). */
  n: number;
  /** Number of zero differences. */
  zeros: number;
  /** Standardised R⁺ when the normal approximation was used. */
  z?: number;
}

/** Exact null distribution of R⁺ for ranks 1..n: counts[t] = number of sign patterns with R⁺ = t. */
function exactCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let t = max; t >= rank; t--) counts[t] += counts[t - rank];
  }
  return counts;
}

/** Conditional distribution of the sum of the signed-positive integer weights over all 2^m sign flips. */
function permutationCounts(weights: readonly number[]): Float64Array {
  let max = 0;
  for (const w of weights) max += w;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (const w of weights) {
    for (let t = max; t >= w; t--) counts[t] += counts[t - w];
  }
  return counts;
}

function tailProbabilities(counts: Float64Array, observed: number): { lower: number; upper: number } {
  let total = 0;
  let lower = 0;
  let upper = 0;
  for (let t = 0; t < counts.length; t++) {
    total += counts[t];
    if (t <= observed) lower += counts[t];
    if (t >= observed) upper += counts[t];
  }
  return { lower: lower / total, upper: upper / total };
}

function combine(lower: number, upper: number, alternative: WilcoxonAlternative): number {
  if (alternative === 'less') return lower;
  if (alternative === 'greater') return upper;
  return Math.min(1, 2 * Math.min(lower, upper));
}

/**
 * Wilcoxon signed-rank test of paired samples `x` and `y` (Demšar 2006, section 3.1.3), with scipy's
 * defaults and branches (see {@link WilcoxonMethod}): p-values match `scipy.stats.wilcoxon(x, y)`.
 */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[], options: WilcoxonOptions = {}): WilcoxonResult {
  const alternative = options.alternative ?? 'two-sided';
  const zeroMethod = options.zeroMethod ?? 'wilcox';
  const correction = options.correction ?? false;
  let method = options.method ?? 'auto';
  if (!['two-sided', 'greater', 'less'].includes(alternative)) {
    throw new TributaryError('INVALID_DATA', `wilcoxonSignedRank: alternative must be 'two-sided', 'greater' or 'less', got '${alternative}'`);
  }
  if (!['auto', 'exact', 'permutation', 'asymptotic'].includes(method)) {
    throw new TributaryError('INVALID_DATA', `wilcoxonSignedRank: method must be 'auto', 'exact', 'permutation' or 'asymptotic', got '${method}'`);
  }
  if (zeroMethod !== 'wilcox' && zeroMethod !== 'zsplit') {
    throw new TributaryError('INVALID_DATA', `wilcoxonSignedRank: zeroMethod must be 'wilcox' or 'zsplit', got '${zeroMethod}'`);
  }
  assertPaired(x, y, 'wilcoxonSignedRank', 1);

  const differences = x.map((xi, i) => xi - y[i]);
  const zeros = differences.filter((d) => d === 0).length;
  const ranked = zeroMethod === 'wilcox' ? differences.filter((d) => d !== 0) : differences;
  const magnitudes = ranked.map(Math.abs);
  const ranks = averageRanks(magnitudes, false);
  let rPlus = 0;
  let rMinus = 0;
  let zeroRankSum = 0;
  for (let i = 0; i < ranked.length; i++) {
    if (ranked[i] > 0) rPlus += ranks[i];
    else if (ranked[i] < 0) rMinus += ranks[i];
    else zeroRankSum += ranks[i];
  }
  rPlus += zeroRankSum / 2;
  rMinus += zeroRankSum / 2;
  const n = ranked.length;
  const ties = tieGroupSizes(magnitudes);
  const hasTies = ties.some((t) => t > 1);

  if (method === 'auto') {
    if (differences.length > 50) method = 'asymptotic';
    else if (!hasTies && zeros === 0) method = 'exact';
    else if (differences.length <= 13) method = 'permutation';
    else method = 'asymptotic';
  }
  const statistic = alternative === 'two-sided' ? Math.min(rPlus, rMinus) : rPlus;
  const base = { statistic, rPlus, rMinus, n, zeros };
  if (n === 0 || rPlus + rMinus === 0) {
    // every difference is zero: no evidence either way
    return { ...base, method, pValue: 1 };
  }

  if (method === 'exact') {
    const counts = exactCounts(n);
    // with ties R⁺ may be fractional; rounding outwards keeps the test conservative (as scipy)
    const lower = tailProbabilities(counts, Math.ceil(rPlus)).lower;
    const upper = tailProbabilities(counts, Math.floor(rPlus)).upper;
    return { ...base, method, pValue: Math.min(1, combine(lower, upper, alternative)) };
  }
  if (method === 'permutation') {
    // ranks are multiples of 1/2, so doubled ranks are integer weights; zero differences never flip
    const weights: number[] = [];
    for (let i = 0; i < ranked.length; i++) if (ranked[i] !== 0) weights.push(Math.round(2 * ranks[i]));
    const counts = permutationCounts(weights);
    const observed = Math.round(2 * rPlus - zeroRankSum);
    const { lower, upper } = tailProbabilities(counts, observed);
    return { ...base, method, pValue: combine(lower, upper, alternative) };
  }

  const mean = (n * (n + 1)) / 4;
  let tieCorrection = 0;
  for (const t of ties) tieCorrection += t * t * t - t;
  const se = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24);
  let z = (rPlus - mean) / se;
  if (correction) {
    const sign = alternative === 'greater' ? 1 : alternative === 'less' ? -1 : Math.sign(z);
    z -= (sign * 0.5) / se;
  }
  const lower = standardNormalCdf(z);
  const upper = standardNormalCdf(-z);
  return { ...base, method, z, pValue: combine(lower, upper, alternative) };
}
