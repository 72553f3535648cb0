import { describe, expect, it } from 'vitest';
import { ClassConditionalStatistics } from './class-conditional-statistics.js';
import { NominalCounts } from './nominal-counts.js';

describe('NominalCounts (MOA Laplace correction)', () => {
  it('P(v|c) = (count + 1) / (class weight + slots the class touched)', () => {
    const t = new NominalCounts(2, 2);
    t.observe(0, 0, 1);
    t.observe(2, 0, 1);
    t.observe(2, 0, 2);
    // class 0 touched value indices up to 2 → 3 slots; weight 4
    expect(t.probability(2, 0)).toBeCloseTo(4 / 7, 15);
    expect(t.probability(1, 0)).toBeCloseTo(1 / 7, 15);
    expect(t.probability(5, 0)).toBeCloseTo(1 / 7, 15);
    // class 1 never observed → 0 (no Laplace smoothing without observations)
    expect(t.probability(0, 1)).toBe(0);
    expect(t.maxValuesObserved()).toBe(3);
  });

  it('grows for classes and values first seen mid-stream', () => {
    const t = new NominalCounts(1, 1);
    t.observe(0, 0, 1);
    t.observe(9, 4, 2);
    expect(t.count(4, 9)).toBe(2);
    expect(t.count(0, 0)).toBe(1);
    expect(t.length(4)).toBe(10);
  });
});

describe('ClassConditionalStatistics', () => {
  it("naive Bayes votes equal prior × likelihoods computed by hand, skipping missing values", () => {
    const stats = new ClassConditionalStatistics(Uint8Array.of(0, 1), 2);
    const data: [number, number, number][] = [
      [1, 0, 0],
      [2, 1, 0],
      [3, 0, 0],
      [10, 1, 1],
      [12, 1, 1],
    ];
    const dist = new Float64Array(2);
    for (const [a, b, y] of data) {
      stats.observe(Float64Array.of(a, b), y, 1, null);
      dist[y] += 1;
    }
    const out = new Float64Array(2);
    stats.naiveBayesVotes(Float64Array.of(2.5, 1), dist, 2, out);
    const pdf = (x: number, m: number, v: number) => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    // class 0: mean 2, var 1; nominal: counts {0:2, 1:1}, 2 slots → P(1|0) = 2/5
    expect(out[0]).toBeCloseTo((3 / 5) * pdf(2.5, 2, 1) * (2 / 5), 14);
    // class 1: mean 11, var 2; nominal: counts {1:2}, 2 slots → P(1|1) = 3/4
    expect(out[1]).toBeCloseTo((2 / 5) * pdf(2.5, 11, 2) * (3 / 4), 14);
    stats.naiveBayesVotes(Float64Array.of(NaN, 1), dist, 2, out);
    expect(out[0]).toBeCloseTo((3 / 5) * (2 / 5), 15);
  });

  it('observes only the given subspace', () => {
    const stats = new ClassConditionalStatistics(Uint8Array.of(0, 0, 0), 2);
    stats.observe(Float64Array.of(1, 2, 3), 0, 1, Int32Array.of(2));
    expect(Array.from(stats.observerState)).toEqual([0, 0, 1]);
    expect(stats.probability(2, 3, 0)).toBe(1);
    expect(stats.probability(0, 1, 0)).toBe(0);
  });
});
