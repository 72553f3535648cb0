import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from './wilcoxon.js';

// Expected values from scipy.stats.wilcoxon (scripts/make-fixtures.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/wilcoxon.json', import.meta.url), 'utf8'));

interface Expected {
  statistic: number;
  pValue: number;
}
interface Case {
  name: string;
  x: number[];
  y: number[];
  scipyMode: 'exact' | 'permutation' | 'asymptotic';
  default: Expected;
  correction: Expected;
  less: Expected;
  greater: Expected;
  zsplit: Expected;
  asymptotic: Expected & { z: number };
}

function close(actual: number, expected: number, relative = 1e-9, absolute = 1e-14): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(absolute + relative * Math.abs(expected));
}

const cases: Case[] = fixture.cases;

describe.each(cases.map((c) => [c.name, c] as const))('wilcoxonSignedRank on %s', (_name, c) => {
  it("picks scipy's 'auto' branch and matches its default statistic and p-value", () => {
    const result = wilcoxonSignedRank(c.x, c.y);
    expect(result.method).toBe(c.scipyMode);
    close(result.statistic, c.default.statistic);
    close(result.pValue, c.default.pValue);
  });

  it('matches scipy with the continuity correction', () => {
    const result = wilcoxonSignedRank(c.x, c.y, { correction: true });
    close(result.statistic, c.correction.statistic);
    close(result.pValue, c.correction.pValue);
  });

  it('matches scipy one-sided (less, greater)', () => {
    for (const alternative of ['less', 'greater'] as const) {
      const result = wilcoxonSignedRank(c.x, c.y, { alternative });
      close(result.statistic, c[alternative].statistic);
      close(result.pValue, c[alternative].pValue);
    }
  });

  it("matches scipy with zero_method='zsplit'", () => {
    const result = wilcoxonSignedRank(c.x, c.y, { zeroMethod: 'zsplit' });
    close(result.statistic, c.zsplit.statistic);
    close(result.pValue, c.zsplit.pValue);
  });

  it("matches scipy's forced normal approximation, z included", () => {
    const result = wilcoxonSignedRank(c.x, c.y, { method: 'asymptotic' });
    close(result.pValue, c.asymptotic.pValue);
    // scipy reports −|z| for the two-sided test
    close(-Math.abs(result.z!), c.asymptotic.z);
  });
});

describe('wilcoxonSignedRank edge cases', () => {
  it('is symmetric: swapping x and y keeps the two-sided p-value and swaps R+ and R-', () => {
    const x = [0.81, 0.75, 0.9, 0.66, 0.7, 0.93, 0.88];
    const y = [0.8, 0.77, 0.85, 0.61, 0.69, 0.9, 0.86];
    const a = wilcoxonSignedRank(x, y);
    const b = wilcoxonSignedRank(y, x);
    expect(b.pValue).toBeCloseTo(a.pValue, 14);
    expect([b.rPlus, b.rMinus]).toEqual([a.rMinus, a.rPlus]);
  });

  it('gives p = 1 when every difference is zero', () => {
    expect(wilcoxonSignedRank([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
  });

  it('rejects unpaired input and bad options with INVALID_DATA', () => {
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
    expect(() => wilcoxonSignedRank([1, Number.NaN], [1, 2])).toThrow(/finite/);
    expect(() => wilcoxonSignedRank([1, 2], [2, 1], { method: 'bogus' as never })).toThrow(/method must be/);
  });
});
