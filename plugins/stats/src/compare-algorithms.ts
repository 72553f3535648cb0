import { TributaryError } from '@tributary/core';
import { friedmanTest, type FriedmanResult } from './friedman.js';
import { nemenyiCriticalDifference, nonSignificantCliques, type NemenyiAlpha } from './nemenyi.js';
import { wilcoxonHolmAllPairs, type PairwiseComparison } from './pairwise.js';

/** Everything a report needs to compare k algorithms over N data sets on one metric. */
export interface AlgorithmComparison {
  /** Algorithm names, in column order. */
  names: string[];
  /** Number of data sets (rows). */
  n: number;
  /** Whether larger scores are better on this metric. */
  higherIsBetter: boolean;
  /** Significance level of the post-hoc tests. */
  alpha: NemenyiAlpha;
  /** Mean rank per algorithm (1 = best), column order. */
  meanRanks: number[];
  /** Friedman χ²_F and Iman–Davenport F_F. */
  friedman: FriedmanResult;
  /** Nemenyi critical difference of mean ranks at `alpha`. */
  criticalDifference: number;
  /** Groups of algorithms not significantly different by Nemenyi (indices, best first), for CD diagrams. */
  cliques: number[][];
  /** Wilcoxon signed-rank tests of every pair, Holm-corrected. */
  pairwise: PairwiseComparison[];
}

/**
 * Runs the whole comparison of Demšar (2006) and Benavoli et al. (2016) on a score matrix
 * (rows = data sets, columns = `names`): ranks, Friedman/Iman–Davenport, Nemenyi CD and cliques,
 * pairwise Wilcoxon–Holm. Needs 2 ≤ k ≤ 50 algorithms and at least 2 complete data sets.
 */
export function compareAlgorithms(
  names: readonly string[],
  scores: readonly (readonly number[])[],
  options: { higherIsBetter?: boolean; alpha?: NemenyiAlpha } = {},
): AlgorithmComparison {
  const higherIsBetter = options.higherIsBetter ?? true;
  const alpha = options.alpha ?? 0.05;
  if (scores.length > 0 && scores[0].length !== names.length) {
    throw new TributaryError('INVALID_DATA', `compareAlgorithms: ${names.length} names but the score rows have ${scores[0].length} columns`);
  }
  const friedman = friedmanTest(scores, higherIsBetter);
  const criticalDifference = nemenyiCriticalDifference(names.length, scores.length, alpha);
  return {
    names: [...names],
    n: scores.length,
    higherIsBetter,
    alpha,
    meanRanks: friedman.meanRanks,
    friedman,
    criticalDifference,
    cliques: nonSignificantCliques(friedman.meanRanks, criticalDifference),
    pairwise: wilcoxonHolmAllPairs(scores, { higherIsBetter, alpha }),
  };
}
