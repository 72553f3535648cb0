import { describe, expect, it } from 'vitest';
import { averageRanks, rankScores, tieGroupSizes } from './ranks.js';
import { studentizedRangeCdf } from './studentized-range.js';
import { nemenyiCriticalValue } from './nemenyi.js';

describe('averageRanks', () => {
  it('gives rank 1 to the best and averages ties', () => {
    expect(averageRanks([0.9, 0.7, 0.9, 0.5])).toEqual([1.5, 3, 1.5, 4]);
    expect(averageRanks([0.9, 0.7, 0.9, 0.5], false)).toEqual([3.5, 2, 3.5, 1]);
    expect(averageRanks([2, 2, 2])).toEqual([2, 2, 2]);
  });

  it('rank sums are k(k+1)/2 per row', () => {
    const { ranks } = rankScores([[3, 1, 4, 1, 5], [9, 2, 6, 5, 3]]);
    for (const row of ranks) expect(row.reduce((a, b) => a + b, 0)).toBe(15);
  });

  it('counts tie groups', () => {
    expect(tieGroupSizes([1, 2, 2, 3, 3, 3])).toEqual([1, 2, 3]);
  });
});

describe('studentizedRangeCdf (∞ d.f.)', () => {
  it('hits 1 − α at the tabled √2·q_α for every k in 2..50', () => {
    for (let k = 2; k <= 50; k++) {
      expect(studentizedRangeCdf(Math.SQRT2 * nemenyiCriticalValue(k, 0.05), k)).toBeCloseTo(0.95, 7);
      expect(studentizedRangeCdf(Math.SQRT2 * nemenyiCriticalValue(k, 0.1), k)).toBeCloseTo(0.9, 7);
    }
  });

  it('for k = 2 is the law of |Z1 − Z2|: P(|N(0,2)| ≤ q)', () => {
    // q = 1.96·√2 → 0.95
    expect(studentizedRangeCdf(1.959963984540054 * Math.SQRT2, 2)).toBeCloseTo(0.95, 9);
  });

  it('refuses k outside the stored table', () => {
    expect(() => nemenyiCriticalValue(51)).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
  });
});
