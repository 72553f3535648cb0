import { describe, expect, it } from 'vitest';
import { GiniSplitCriterion, InfoGainSplitCriterion, entropy, hoeffdingBound, javaDoubleCompare } from './split-criterion.js';

const pack = (branches: number[][]) => {
  const stride = Math.max(...branches.map((b) => b.length));
  const post = new Float64Array(branches.length * stride);
  branches.forEach((b, i) => post.set(b, i * stride));
  return { post, lengths: Int32Array.from(branches.map((b) => b.length)), stride };
};

describe('information gain', () => {
  const criterion = new InfoGainSplitCriterion(0.01);
  const pre = Float64Array.of(8, 4);

  it('entropy of [8, 4] is H(2/3, 1/3)', () => {
    expect(entropy(pre, 0, 2)).toBeCloseTo(0.9182958340544896, 15);
    expect(entropy(Float64Array.of(5, 5), 0, 2)).toBeCloseTo(1, 15);
    expect(entropy(Float64Array.of(0, 0), 0, 2)).toBe(0);
  });

  it('gain of [[6,0],[2,4]] = H(pre) − ½·0 − ½·H(1/3,2/3)', () => {
    const { post, lengths, stride } = pack([
      [6, 0],
      [2, 4],
    ]);
    // 0.9183 − 0.5 × 0.9183
    expect(criterion.merit(pre, 2, post, lengths, 2, stride)).toBeCloseTo(0.4591479170272448, 15);
  });

  it('is −∞ when fewer than two branches exceed minBranchFraction (so "no split" is always −∞)', () => {
    const split = pack([
      [8, 4],
      [0, 0],
    ]);
    expect(criterion.merit(pre, 2, split.post, split.lengths, 2, split.stride)).toBe(-Infinity);
    const none = pack([[8, 4]]);
    expect(criterion.merit(pre, 2, none.post, none.lengths, 1, none.stride)).toBe(-Infinity);
    const thin = pack([
      [8, 3.9],
      [0, 0.1],
    ]);
    expect(new InfoGainSplitCriterion(0.01).merit(pre, 2, thin.post, thin.lengths, 2, thin.stride)).toBe(-Infinity);
    expect(new InfoGainSplitCriterion(0.005).merit(pre, 2, thin.post, thin.lengths, 2, thin.stride)).toBeGreaterThan(0);
  });

  it('range is log2 of the class count, at least 1', () => {
    expect(criterion.range(2)).toBe(1);
    expect(criterion.range(1)).toBe(1);
    expect(criterion.range(4)).toBe(2);
  });
});

describe('Gini', () => {
  const criterion = new GiniSplitCriterion();
  it('merit of [[6,0],[2,4]] = 1 − (½·0 + ½·(1 − 1/9 − 4/9)) = 7/9', () => {
    const { post, lengths, stride } = pack([
      [6, 0],
      [2, 4],
    ]);
    expect(criterion.merit(Float64Array.of(8, 4), 2, post, lengths, 2, stride)).toBeCloseTo(7 / 9, 15);
    expect(criterion.range()).toBe(1);
  });

  it('an empty branch of length 0 is harmless; one with slots but no weight gives NaN, as MOA', () => {
    const empty = pack([[6, 2], []]);
    expect(criterion.merit(Float64Array.of(6, 2), 2, empty.post, empty.lengths, 2, empty.stride)).toBeCloseTo(1 - (1 - 0.5625 - 0.0625), 15);
    const zero = pack([
      [6, 2],
      [0, 0],
    ]);
    expect(criterion.merit(Float64Array.of(6, 2), 2, zero.post, zero.lengths, 2, zero.stride)).toBeNaN();
  });
});

describe('Hoeffding bound', () => {
  it('ε = √(R² ln(1/δ) / 2n)', () => {
    expect(hoeffdingBound(1, 1e-7, 200)).toBeCloseTo(0.20073674085078647, 15);
    // quadrupling n halves ε; doubling R doubles it
    expect(hoeffdingBound(1, 1e-7, 800)).toBeCloseTo(0.20073674085078647 / 2, 15);
    expect(hoeffdingBound(2, 1e-7, 200)).toBeCloseTo(2 * 0.20073674085078647, 15);
  });
});

describe("Java's Double.compare", () => {
  it('orders NaN above everything and −0 below +0', () => {
    expect(javaDoubleCompare(NaN, Infinity)).toBe(1);
    expect(javaDoubleCompare(-Infinity, NaN)).toBe(-1);
    expect(javaDoubleCompare(NaN, NaN)).toBe(0);
    expect(javaDoubleCompare(-0, 0)).toBe(-1);
    expect(javaDoubleCompare(1, 2)).toBe(-1);
    expect(javaDoubleCompare(2, 2)).toBe(0);
  });
});
