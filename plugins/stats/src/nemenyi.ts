import { TributaryError } from '@tributary/core';
import qTable from './data/studentized-range-q.json' with { type: 'json' };
import { studentizedRangeCdf } from './studentized-range.js';

/** Significance levels with a stored Nemenyi table. */
export type NemenyiAlpha = 0.05 | 0.1;

const TABLE: Record<string, { k: number; q: number }[]> = qTable.q;

/**
 * Nemenyi critical value q_α = (studentized range quantile for k groups, ∞ d.f.) / √2, read from the
 * table generated once with scipy (`plugins/stats/scripts/make-fixtures.py`), for k = 2..50 and
 * α ∈ {0.05, 0.10}.
 */
export function nemenyiCriticalValue(k: number, alpha: NemenyiAlpha = 0.05): number {
  const rows = TABLE[alpha === 0.05 ? '0.05' : alpha === 0.1 ? '0.10' : ''];
  if (!rows) {
    throw new TributaryError('INVALID_DATA', `nemenyiCriticalValue: alpha must be 0.05 or 0.10 (the stored tables), got ${alpha}`);
  }
  const row = rows.find((r) => r.k === k);
  if (!row) {
    throw new TributaryError('INVALID_DATA', `nemenyiCriticalValue: k must be an integer in 2..50 (the stored table), got ${k}`);
  }
  return row.q;
}

/** Standard error of a difference of mean ranks: √(k(k+1)/(6N)). */
export function rankStandardError(k: number, n: number): number {
  return Math.sqrt((k * (k + 1)) / (6 * n));
}

/** Nemenyi critical difference CD = q_α √(k(k+1)/(6N)) for k algorithms on n data sets. */
export function nemenyiCriticalDifference(k: number, n: number, alpha: NemenyiAlpha = 0.05): number {
  if (!(n >= 1)) throw new TributaryError('INVALID_DATA', `nemenyiCriticalDifference: n (data sets) must be >= 1, got ${n}`);
  return nemenyiCriticalValue(k, alpha) * rankStandardError(k, n);
}

/**
 * Nemenyi p-value for two mean ranks that differ by `rankDifference`: P(studentized range ≥ √2·|d|/SE)
 * with k groups and ∞ d.f. (the quantity scikit-posthocs' `posthoc_nemenyi_friedman` reports).
 */
export function nemenyiPValue(rankDifference: number, k: number, n: number): number {
  const q = (Math.abs(rankDifference) / rankStandardError(k, n)) * Math.SQRT2;
  return 1 - studentizedRangeCdf(q, k);
}

/**
 * Groups of algorithms whose mean ranks all lie within less than `criticalDifference` of each other,
 * as drawn with bars in a critical-difference diagram: walking the algorithms from the best rank,
 * each one starts a group reaching the last algorithm closer than CD, and a group is kept only when it
 * reaches further than every earlier one (so no group is contained in another, and single algorithms
 * get no bar). Ranks that differ by exactly CD count as different (Demšar: "differ by at least CD").
 * Returns indices into `meanRanks`, each group ordered from best to worst.
 */
export function nonSignificantCliques(meanRanks: readonly number[], criticalDifference: number): number[][] {
  const order = meanRanks.map((_, i) => i).sort((a, b) => meanRanks[a] - meanRanks[b] || a - b);
  const cliques: number[][] = [];
  let reached = -1;
  for (let start = 0; start < order.length; start++) {
    let end = start;
    while (end + 1 < order.length && meanRanks[order[end + 1]] - meanRanks[order[start]] < criticalDifference) end++;
    if (end > start && end > reached) {
      cliques.push(order.slice(start, end + 1));
      reached = end;
    }
  }
  return cliques;
}
