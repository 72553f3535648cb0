import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareAlgorithms } from './compare-algorithms.js';
import { friedmanTest } from './friedman.js';
import { nemenyiCriticalDifference, nemenyiPValue, nonSignificantCliques } from './nemenyi.js';
import { wilcoxonHolmAllPairs } from './pairwise.js';

// Expected values from scipy / autorank / scikit-posthocs (scripts/make-fixtures.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/friedman.json', import.meta.url), 'utf8'));

interface Case {
  name: string;
  higherIsBetter: boolean;
  algorithms: string[];
  scores: number[][];
  meanRanks: number[];
  chiSquare: number;
  chiSquarePValue: number;
  chiSquareTieCorrected: number;
  chiSquareTieCorrectedPValue: number;
  imanDavenport: number;
  imanDavenportPValue: number;
  autorank: Record<'0.05' | '0.1', { cd: number; meanRanks: Record<string, number>; pValue: number; cliques: string[][] }>;
  nemenyiPValues: Record<string, number>;
  wilcoxonHolm: { a: string; b: string; pValue: number; pHolm: number }[];
}

/** |actual − expected| within an absolute floor plus a relative part. */
function close(actual: number, expected: number, relative = 1e-9, absolute = 1e-12): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(absolute + relative * Math.abs(expected));
}

/** Groups as a sorted list of sorted member lists (autorank walks from the worst rank, we from the best). */
function asSet(groups: string[][]): string[] {
  return groups.map((g) => [...g].sort().join(',')).sort();
}

const cases: Case[] = fixture.cases;

describe.each(cases.map((c) => [c.name, c] as const))('Friedman family on %s', (_name, c) => {
  const friedman = friedmanTest(c.scores, c.higherIsBetter);
  const k = c.algorithms.length;
  const n = c.scores.length;

  it('mean ranks match pandas ranks and autorank', () => {
    c.meanRanks.forEach((r, j) => close(friedman.meanRanks[j], r));
    c.algorithms.forEach((name, j) => close(friedman.meanRanks[j], c.autorank['0.05'].meanRanks[name]));
  });

  it('χ²_F (Demšar and tie-corrected as scipy) and Iman–Davenport match, with p-values', () => {
    close(friedman.chiSquare, c.chiSquare);
    close(friedman.chiSquareTieCorrected, c.chiSquareTieCorrected);
    close(friedman.imanDavenport, c.imanDavenport);
    // p-values come from 1 − CDF: absolute precision ~1e-15, relative 1e-7 above it
    close(friedman.chiSquarePValue, c.chiSquarePValue, 1e-7, 1e-13);
    close(friedman.chiSquareTieCorrectedPValue, c.chiSquareTieCorrectedPValue, 1e-7, 1e-13);
    close(friedman.chiSquareTieCorrectedPValue, c.autorank['0.05'].pValue, 1e-7, 1e-13);
    close(friedman.imanDavenportPValue, c.imanDavenportPValue, 1e-7, 1e-13);
  });

  // autorank takes q from statsmodels' qsturng, an approximation of the studentized range quantile
  // that differs from scipy's (our table) by up to ~1e-5 relative: hence 1e-4 here.
  it('Nemenyi CD and CD-diagram groups match autorank at α = 0.05 and 0.10', () => {
    for (const [alpha, key] of [[0.05, '0.05'], [0.1, '0.1']] as const) {
      const cd = nemenyiCriticalDifference(k, n, alpha);
      close(cd, c.autorank[key].cd, 1e-4);
      const cliques = nonSignificantCliques(friedman.meanRanks, cd).map((group) => group.map((j) => c.algorithms[j]));
      expect(asSet(cliques)).toEqual(asSet(c.autorank[key].cliques));
    }
  });

  it('Nemenyi pairwise p-values match scikit-posthocs', () => {
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const expected = c.nemenyiPValues[`${c.algorithms[a]}|${c.algorithms[b]}`];
        close(nemenyiPValue(friedman.meanRanks[a] - friedman.meanRanks[b], k, n), expected, 1e-6, 1e-8);
      }
    }
  });

  it('pairwise Wilcoxon with Holm matches scikit-posthocs posthoc_wilcoxon', () => {
    const pairs = wilcoxonHolmAllPairs(c.scores, { higherIsBetter: c.higherIsBetter });
    expect(pairs).toHaveLength(c.wilcoxonHolm.length);
    pairs.forEach((pair, i) => {
      const expected = c.wilcoxonHolm[i];
      expect([c.algorithms[pair.a], c.algorithms[pair.b]]).toEqual([expected.a, expected.b]);
      close(pair.pValue, expected.pValue, 1e-9, 1e-14);
      close(pair.pHolm, expected.pHolm, 1e-9, 1e-14);
      expect(pair.significant).toBe(expected.pHolm <= 0.05);
    });
  });

  it('compareAlgorithms assembles the same numbers', () => {
    const comparison = compareAlgorithms(c.algorithms, c.scores, { higherIsBetter: c.higherIsBetter });
    close(comparison.criticalDifference, c.autorank['0.05'].cd, 1e-4);
    expect(asSet(comparison.cliques.map((g) => g.map((j) => c.algorithms[j])))).toEqual(asSet(c.autorank['0.05'].cliques));
    expect(comparison.pairwise).toHaveLength((k * (k - 1)) / 2);
  });
});

describe('friedmanTest input checks', () => {
  it('rejects ragged rows, missing values and too few data sets with INVALID_DATA', () => {
    expect(() => friedmanTest([[1, 2], [1]])).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
    expect(() => friedmanTest([[1, 2], [1, Number.NaN]])).toThrow(/finite/);
    expect(() => friedmanTest([[1, 2, 3]])).toThrow(/at least 2 rows/);
  });

  it('flips the ranking when lower is better', () => {
    const scores = [[0.1, 0.2, 0.3], [0.2, 0.1, 0.3], [0.1, 0.3, 0.2]];
    expect(friedmanTest(scores, true).meanRanks).toEqual([8 / 3, 2, 4 / 3]);
    expect(friedmanTest(scores, false).meanRanks).toEqual([4 / 3, 2, 8 / 3]);
  });
});
