import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { friedmanFromMeanRanks, friedmanTest } from './friedman.js';
import { nemenyiCriticalDifference, nemenyiCriticalValue, nonSignificantCliques } from './nemenyi.js';
import { rankTestsVsControl } from './pairwise.js';
import { rankScores } from './ranks.js';
import { wilcoxonSignedRank } from './wilcoxon.js';

// Published values of Demšar (2006), transcribed into fixtures/demsar-2006.json.
const paper = JSON.parse(readFileSync(new URL('../fixtures/demsar-2006.json', import.meta.url), 'utf8'));
const t6 = paper.table6;

describe('Demšar 2006, Table 6 (AUC of four C4.5 variants on 14 data sets)', () => {
  it('ranks every row as printed except "voting", whose printed AUCs are rounded into a tie', () => {
    const { ranks } = rankScores(t6.auc, true);
    const voting = t6.dataSets.indexOf('voting');
    for (let i = 0; i < ranks.length; i++) {
      if (i === voting) continue;
      expect(ranks[i], t6.dataSets[i]).toEqual(t6.publishedRanks[i]);
    }
    // 0.975 vs 0.975: tied in print, ranks 2 and 3 in the paper
    expect(ranks[voting]).toEqual([4, 1, 2.5, 2.5]);
  });

  it('reproduces the published mean ranks from the published per-data-set ranks', () => {
    // ranks are "lower is better" already: rank them as scores with higherIsBetter=false
    const { meanRanks } = rankScores(t6.publishedRanks, false);
    meanRanks.forEach((r: number, j: number) => expect(r).toBeCloseTo(t6.publishedMeanRanks[j], 3));
  });

  it('gives χ²_F = 9.28 and F_F = 3.69 with (3, 39) d.f., above the 2.85 critical value', () => {
    const fromPublished = friedmanFromMeanRanks(t6.publishedMeanRanks, 14);
    expect(fromPublished.chiSquare).toBeCloseTo(t6.chiSquare, 2);
    expect(fromPublished.imanDavenport).toBeCloseTo(t6.imanDavenport, 2);
    expect(fromPublished.imanDavenportDf).toEqual(t6.imanDavenportDf);
    expect(fromPublished.imanDavenport).toBeGreaterThan(t6.fCritical005);
    expect(fromPublished.imanDavenportPValue).toBeLessThan(0.05);
    expect(fromPublished.imanDavenportPValue).toBeGreaterThan(0.01);

    // from the per-data-set ranks (exact fractions 44/14, 28/14, 40.5/14, 27.5/14)
    const fromRanks = friedmanTest(t6.publishedRanks, false);
    expect(fromRanks.chiSquare).toBeCloseTo(9.28, 2);
    expect(fromRanks.imanDavenport).toBeCloseTo(3.69, 2);
  });

  it('gives CD = 1.25 at α = 0.05 and 1.12 at α = 0.10 (q = 2.569, 2.291)', () => {
    expect(nemenyiCriticalValue(4, 0.05)).toBeCloseTo(t6.nemenyiQ005, 3);
    expect(nemenyiCriticalValue(4, 0.1)).toBeCloseTo(t6.nemenyiQ010, 3);
    expect(nemenyiCriticalDifference(4, 14, 0.05)).toBeCloseTo(t6.cd005, 2);
    expect(nemenyiCriticalDifference(4, 14, 0.1)).toBeCloseTo(t6.cd010, 2);
  });

  it('draws one group at α = 0.05 and the two overlapping groups of Figure 1(a) at α = 0.10', () => {
    const names: string[] = t6.algorithms;
    const named = (cliques: number[][]) => cliques.map((c) => c.map((j) => names[j]));
    expect(named(nonSignificantCliques(t6.publishedMeanRanks, nemenyiCriticalDifference(4, 14, 0.05)))).toEqual([
      ['C4.5+m+cf', 'C4.5+m', 'C4.5+cf', 'C4.5'],
    ]);
    // C4.5 differs from C4.5+m and C4.5+m+cf; C4.5+cf belongs to neither conclusively
    expect(named(nonSignificantCliques(t6.publishedMeanRanks, nemenyiCriticalDifference(4, 14, 0.1)))).toEqual([
      ['C4.5+m+cf', 'C4.5+m', 'C4.5+cf'],
      ['C4.5+cf', 'C4.5'],
    ]);
  });

  it('reproduces the Holm comparisons against the control C4.5 (z, p, rejections)', () => {
    const names: string[] = t6.algorithms;
    const control = names.indexOf('C4.5');
    const results = rankTestsVsControl(t6.publishedMeanRanks, 14, control, 0.05);
    for (const row of t6.controlTests.rows) {
      const found = results.find((r) => names[r.b] === row.algorithm)!;
      expect(found.statistic).toBeCloseTo(row.z, 2);
      // the paper prints p = 0.607 for z = 0.512, for which 2(1 − Φ(0.512)) = 0.6087: allow 0.002
      expect(Math.abs(found.pValue - row.p)).toBeLessThan(0.002);
      expect(found.significant).toBe(row.rejected);
      expect(found.better).toBe('b');
    }
  });
});

describe('Demšar 2006, Table 2 (Wilcoxon signed-ranks, C4.5 vs C4.5+m)', () => {
  it('splits the two zero differences to get R+ = 93, R- = 12, and rejects equality (T = 12 ≤ 21)', () => {
    const t2 = paper.table2;
    const result = wilcoxonSignedRank(t2.c45m, t2.c45, { zeroMethod: 'zsplit' });
    expect(result.rPlus).toBeCloseTo(t2.rPlus, 10);
    expect(result.rMinus).toBeCloseTo(t2.rMinus, 10);
    expect(result.statistic).toBeLessThanOrEqual(t2.exactCriticalT005);
    expect(result.pValue).toBeLessThan(0.05);
  });
});

describe('Demšar 2006, Table 5(a) (Nemenyi critical values)', () => {
  it('agrees with the stored scipy table to the paper\'s 3 decimals (±0.0015 for its rounding)', () => {
    const t5 = paper.table5a;
    t5.k.forEach((k: number, i: number) => {
      expect(Math.abs(nemenyiCriticalValue(k, 0.05) - t5.q005[i])).toBeLessThanOrEqual(0.0015);
      expect(Math.abs(nemenyiCriticalValue(k, 0.1) - t5.q010[i])).toBeLessThanOrEqual(0.0015);
    });
  });
});
