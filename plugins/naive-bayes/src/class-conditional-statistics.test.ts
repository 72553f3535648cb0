import { describe, expect, it } from 'vitest';
import { Random } from '@tributary/core';
import { CELL_MAX, CELL_MIN, ClassConditionalStatistics, NUMERIC_CELL_SLOTS } from './class-conditional-statistics.js';
import { GaussianEstimator } from './gaussian-estimator.js';
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

  /** MOA's loop: prior × each attribute's P(x_a | c) from `probability`, multiplied in attribute order. */
  function moaVote(stats: ClassConditionalStatistics, x: Float64Array, dist: Float64Array, c: number): number {
    let total = 0;
    for (const w of dist) total += w;
    let vote = dist[c] / total;
    for (let a = 0; a < stats.numAttributes; a++) {
      if (stats.observerState[a] === 0 || Number.isNaN(x[a])) continue;
      vote *= stats.probability(a, x[a], c);
    }
    return vote;
  }

  /** Votes match MOA's loop: to rounding in ordinary cases, exactly where MOA's running product leaves the normal range. */
  function expectMoaVotes(stats: ClassConditionalStatistics, x: Float64Array, dist: Float64Array): void {
    const out = new Float64Array(dist.length);
    stats.naiveBayesVotes(x, dist, dist.length, out);
    for (let c = 0; c < dist.length; c++) {
      const expected = moaVote(stats, x, dist, c);
      if (expected === 0 || !(Math.abs(expected) >= 2 ** -1000) || !Number.isFinite(expected)) expect(out[c]).toBe(expected);
      else expect(Math.abs(out[c] - expected) / expected).toBeLessThan(1e-12);
    }
  }

  it.each([
    ['numeric and nominal attributes', Uint8Array.of(0, 0, 1, 0, 0, 0)],
    ['numeric attributes only', new Uint8Array(6)],
  ])('naive Bayes votes equal MOA\'s per-attribute product, near and far from the class means (%s)', (_, nominal) => {
    const random = new Random(7);
    const d = nominal.length;
    const stats = new ClassConditionalStatistics(nominal, 3);
    const dist = new Float64Array(3);
    for (let i = 0; i < 600; i++) {
      const y = random.nextInt(3);
      const x = new Float64Array(d);
      for (let a = 0; a < d; a++) x[a] = nominal[a] ? random.nextInt(4) : y + (a + 1) * 0.2 * random.nextGaussian();
      stats.observe(x, y, 1 + random.nextInt(3), null);
      dist[y] += 1;
    }
    for (let i = 0; i < 2000; i++) {
      // Spreads up to 10^3 standard deviations: some votes underflow in MOA's loop, part way or at the end.
      const spread = 10 ** (random.nextDouble() * 3);
      const x = new Float64Array(d);
      for (let a = 0; a < d; a++) x[a] = nominal[a] ? random.nextInt(5) : spread * random.nextGaussian();
      if (i % 7 === 0) x[random.nextInt(d)] = NaN;
      expectMoaVotes(stats, x, dist);
    }
  });

  it('point masses, missing estimators and extreme deviations give MOA\'s votes exactly', () => {
    const stats = new ClassConditionalStatistics(new Uint8Array(3), 3);
    const dist = Float64Array.of(2, 1, 0);
    // class 0: attribute 0 varies, attributes 1 and 2 are point masses (at 5 and 1)
    stats.observe(Float64Array.of(1, 5, 1), 0, 1, null);
    stats.observe(Float64Array.of(2, 5, 1), 0, 1, null);
    // class 1: one instance, every attribute a point mass
    stats.observe(Float64Array.of(3, 4, 2), 1, 1, null);
    // attribute 1 of class 0: a deviation of 1e-200, outside the range the fast path takes
    const tiny = new ClassConditionalStatistics(new Uint8Array(2), 2);
    tiny.observe(Float64Array.of(0, 1e-200), 0, 1, null);
    tiny.observe(Float64Array.of(1, 3e-200), 0, 1, null);
    tiny.observe(Float64Array.of(5, 0), 1, 1, null);
    tiny.observe(Float64Array.of(6, 1), 1, 1, null);
    for (const x of [Float64Array.of(1.5, 5, 1), Float64Array.of(1.5, 5.000001, 1), Float64Array.of(3, 4, 2), Float64Array.of(3, 4, 2.5), Float64Array.of(Infinity, 5, 1)]) {
      expectMoaVotes(stats, x, dist);
    }
    for (const x of [Float64Array.of(0.5, 2e-200), Float64Array.of(0.5, 2.5e-200), Float64Array.of(5.5, 0.5)]) expectMoaVotes(tiny, x, Float64Array.of(1, 1));
    const out = new Float64Array(3);
    stats.naiveBayesVotes(Float64Array.of(1.5, 5.000001, 1), dist, 3, out);
    expect(out[0]).toBe(0); // missed point mass
    expect(out[2]).toBe(0); // no weight, no estimator
  });

  it('a vote MOA\'s loop underflows part way stays MOA\'s, though the exact product is representable', () => {
    const stats = new ClassConditionalStatistics(new Uint8Array(2), 1);
    // attribute 0: N(0, 1); attribute 1: deviation 1e-100 (density 4e99 at its mean)
    stats.observe(Float64Array.of(-1, 0), 0, 1, null);
    stats.observe(Float64Array.of(1, 2e-100), 0, 1, null);
    const dist = Float64Array.of(1);
    // attribute 0's density e^(−54.5²/4)/√(4π) ≈ 1e-323 is subnormal before the large factor comes
    const x = Float64Array.of(54.5, 1e-100);
    expect(moaVote(stats, x, dist, 0)).toBeGreaterThan(0);
    expectMoaVotes(stats, x, dist);
  });

  it('votes whose running product leaves the double range in MOA\'s loop, or only in a reordered one, stay MOA\'s', () => {
    // Deviations: three of 1e-100 (density scale 4e99 each), three of 1e120 (scale 3e-121 each), then a point mass.
    const deviations = [1e-100, 1e-100, 1e-100, 1e120, 1e120, 1e120];
    const stats = new ClassConditionalStatistics(new Uint8Array(7), 1);
    stats.observe(Float64Array.of(...deviations.map((s) => -s), 5), 0, 1, null);
    stats.observe(Float64Array.of(...deviations.map((s) => s), 5), 0, 1, null);
    const dist = Float64Array.of(1);
    // MOA: 4e99³ then the small scales: no underflow, a vote near 1e-64; the small scales alone underflow to 0.
    const atMeans = Float64Array.of(0, 0, 0, 0, 0, 0, 5);
    expect(moaVote(stats, atMeans, dist, 0)).toBeGreaterThan(0);
    expectMoaVotes(stats, atMeans, dist);
    // A missed point mass after an overflow: MOA's Infinity × 0 is NaN.
    const wide = new ClassConditionalStatistics(new Uint8Array(5), 1);
    wide.observe(Float64Array.of(-1e-100, -1e-100, -1e-100, -1e-100, 5), 0, 1, null);
    wide.observe(Float64Array.of(1e-100, 1e-100, 1e-100, 1e-100, 5), 0, 1, null);
    const missed = Float64Array.of(0, 0, 0, 0, 6);
    expect(moaVote(wide, missed, dist, 0)).toBeNaN();
    expectMoaVotes(wide, missed, dist);
  });

  it('infinite values widen min/max but not the Gaussian (as MOA); an infinite first value leaves an estimator without weight', () => {
    const stats = new ClassConditionalStatistics(new Uint8Array(1), 2);
    const reference = new GaussianEstimator();
    for (const v of [1, Infinity, 3, -Infinity, 4]) {
      stats.observe(Float64Array.of(v), 0, 1, null);
      reference.observe(v);
    }
    expect(stats.numeric[CELL_MIN]).toBe(-Infinity);
    expect(stats.numeric[CELL_MAX]).toBe(Infinity);
    expect(stats.probability(0, 2.5, 0)).toBe(reference.density(2.5));
    stats.observe(Float64Array.of(Infinity), 1, 1, null);
    expect(stats.numeric[NUMERIC_CELL_SLOTS + CELL_MAX]).toBe(Infinity);
    expect(stats.probability(0, 2.5, 1)).toBe(0);
    const out = new Float64Array(2);
    stats.naiveBayesVotes(Float64Array.of(2.5), Float64Array.of(5, 1), 2, out);
    expect(out[0]).toBeCloseTo((5 / 6) * reference.density(2.5), 15);
    expect(out[1]).toBe(0);
  });
});
