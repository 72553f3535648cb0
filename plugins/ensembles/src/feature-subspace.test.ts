import { describe, expect, it } from 'vitest';
import { forestSubspaceSize, javaRound } from './feature-subspace.js';

describe('forestSubspaceSize (MOA AdaptiveRandomForest rules)', () => {
  it('Percentage rounds M·m/100 half up', () => {
    expect(forestSubspaceSize('Percentage', 60, 8)).toBe(5); // electricity: round(4.8)
    expect(forestSubspaceSize('Percentage', 60, 10)).toBe(6);
    expect(forestSubspaceSize('Percentage', 50, 5)).toBe(3); // round(2.5) = 3 in Java
    expect(forestSubspaceSize('Percentage', -40, 10)).toBe(6); // 100 − 40 percent
  });

  it('SqrtM1 is round(√M) + 1, unlike River’s round(√M)', () => {
    expect(forestSubspaceSize('SqrtM1', 0, 8)).toBe(4);
    expect(forestSubspaceSize('SqrtM1', 0, 100)).toBe(11);
  });

  it('MSqrtM1 is M − round(√M + 1)', () => {
    expect(forestSubspaceSize('MSqrtM1', 0, 100)).toBe(89);
  });

  it('SpecifiedM takes m, negative m means M − m, clamped to [1, M]', () => {
    expect(forestSubspaceSize('SpecifiedM', 3, 8)).toBe(3);
    expect(forestSubspaceSize('SpecifiedM', -2, 8)).toBe(6);
    expect(forestSubspaceSize('SpecifiedM', 50, 8)).toBe(8);
    expect(forestSubspaceSize('SpecifiedM', 0, 8)).toBe(1);
  });

  it('javaRound rounds halves towards +∞', () => {
    expect(javaRound(2.5)).toBe(3);
    expect(javaRound(-2.5)).toBe(-2);
  });
});
