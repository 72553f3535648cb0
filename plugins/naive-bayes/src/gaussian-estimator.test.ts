import { describe, expect, it } from 'vitest';
import { GaussianEstimator, gaussianSplitWeights } from './gaussian-estimator.js';
import { normalProbability } from './normal-distribution.js';

describe('GaussianEstimator', () => {
  it('weighted mean and variance equal the two-pass formulas (frequency weights)', () => {
    const values = [2, 4, 4, 5, 7, 9];
    const weights = [1, 2, 0.5, 3, 1, 1.5];
    const e = new GaussianEstimator();
    values.forEach((v, i) => e.observe(v, weights[i]));
    const w = weights.reduce((a, b) => a + b, 0);
    const mean = values.reduce((a, v, i) => a + v * weights[i], 0) / w;
    const squares = values.reduce((a, v, i) => a + weights[i] * (v - mean) ** 2, 0);
    expect(e.weight).toBe(w);
    expect(e.mean).toBeCloseTo(mean, 12);
    // MOA's sample variance with frequency weights: Σw(x−μ)² / (Σw − 1)
    expect(e.variance).toBeCloseTo(squares / (w - 1), 12);
  });

  it('with unit weights the variance is the usual sample variance', () => {
    const e = new GaussianEstimator();
    for (const v of [1, 2, 3, 4]) e.observe(v);
    expect(e.mean).toBe(2.5);
    expect(e.variance).toBeCloseTo(5 / 3, 14); // (2.25+0.25+0.25+2.25)/3
  });

  it('density is the normal pdf', () => {
    const e = new GaussianEstimator();
    for (const v of [1, 2, 3, 4]) e.observe(v);
    const sd = Math.sqrt(5 / 3);
    const x = 3.7;
    expect(e.density(x)).toBeCloseTo(Math.exp(-((x - 2.5) ** 2) / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI)), 14);
  });

  it('zero variance is a point mass (1 at the mean, 0 elsewhere); no observations give 0', () => {
    const e = new GaussianEstimator();
    expect(e.density(0)).toBe(0);
    e.observe(3, 1);
    expect(e.variance).toBe(0);
    expect(e.density(3)).toBe(1);
    expect(e.density(3.0001)).toBe(0);
    e.observe(3, 5);
    expect(e.density(3)).toBe(1);
  });

  it('variance is 0 while the total weight is at most 1 (MOA rule)', () => {
    const e = new GaussianEstimator();
    e.observe(1, 0.4);
    e.observe(5, 0.6);
    expect(e.variance).toBe(0);
  });

  it('ignores NaN and infinite values', () => {
    const e = new GaussianEstimator();
    e.observe(1);
    e.observe(NaN);
    e.observe(Infinity);
    e.observe(-Infinity);
    e.observe(3);
    expect(e.weight).toBe(2);
    expect(e.mean).toBe(2);
  });

  it('merge equals observing everything in one estimator', () => {
    const a = new GaussianEstimator();
    const b = new GaussianEstimator();
    const all = new GaussianEstimator();
    [1, 5, 2].forEach((v) => (a.observe(v, 2), all.observe(v, 2)));
    [7, 3, 9, 4].forEach((v) => (b.observe(v), all.observe(v)));
    a.merge(b);
    expect(a.weight).toBe(all.weight);
    expect(a.mean).toBeCloseTo(all.mean, 12);
    expect(a.variance).toBeCloseTo(all.variance, 12);
  });

  it('split weights: below + equal + above = total, below from the normal CDF', () => {
    const state = new Float64Array(3);
    const e = new GaussianEstimator();
    for (const v of [1, 2, 3, 4, 5]) e.observe(v);
    // Rebuild the packed state from the object (same numbers) to test the packed function.
    state[0] = e.weight;
    state[1] = e.mean;
    state[2] = e.variance * (e.weight - 1);
    const out = new Float64Array(3);
    gaussianSplitWeights(state, 0, 2.5, normalProbability, out);
    const equal = e.density(2.5) * 5;
    expect(out[1]).toBeCloseTo(equal, 12);
    expect(out[0]).toBeCloseTo(normalProbability((2.5 - 3) / e.stdDev) * 5 - equal, 12);
    expect(out[0] + out[1] + out[2]).toBeCloseTo(5, 12);
  });
});
