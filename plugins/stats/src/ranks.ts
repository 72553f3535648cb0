import { assertScoreMatrix } from './validate.js';

/**
 * Average ranks of `values` (1 = best). Equal values share the mean of the ranks they span,
 * as in Demšar (2006). `higherIsBetter` (default true) says which end is best: accuracy-like
 * metrics rank the largest value first, costs (seconds, bytes, error) the smallest.
 */
export function averageRanks(values: readonly number[], higherIsBetter = true): number[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (higherIsBetter ? values[b] - values[a] : values[a] - values[b]));
  const ranks = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // positions start..end-1 hold ranks start+1..end: their mean
    const shared = (start + 1 + end) / 2;
    for (let p = start; p < end; p++) ranks[order[p]] = shared;
    start = end;
  }
  return ranks;
}

/** Per-data-set ranks and their column means. */
export interface RankTable {
  /** ranks[i][j]: rank of algorithm j on data set i (1 = best, ties averaged). */
  ranks: number[][];
  /** Mean rank of each algorithm over the data sets (R_j in Demšar 2006). */
  meanRanks: number[];
}

/** Ranks each row of a score matrix (rows = data sets, columns = algorithms) and averages per column. */
export function rankScores(scores: readonly (readonly number[])[], higherIsBetter = true): RankTable {
  assertScoreMatrix(scores, 'rankScores', 1, 1);
  const k = scores[0].length;
  const ranks = scores.map((row) => averageRanks(row, higherIsBetter));
  const meanRanks = new Array<number>(k).fill(0);
  for (const row of ranks) for (let j = 0; j < k; j++) meanRanks[j] += row[j];
  for (let j = 0; j < k; j++) meanRanks[j] /= ranks.length;
  return { ranks, meanRanks };
}

/** Sizes of the groups of equal values in `values` (groups of one included). */
export function tieGroupSizes(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const sizes: number[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[start]) {
      sizes.push(i - start);
      start = i;
    }
  }
  return sizes;
}
