import { describe, expect, it } from 'vitest';
import { complementaryErrorFunction, errorFunction, normalProbability } from './normal-distribution.js';

describe('normal distribution (Cephes approximations)', () => {
  it('matches tabulated values of Φ', () => {
    expect(normalProbability(0)).toBe(0.5);
    expect(normalProbability(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalProbability(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalProbability(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalProbability(-5)).toBeCloseTo(2.866515718791939e-7, 20);
    expect(normalProbability(40)).toBe(1);
    expect(normalProbability(-40)).toBe(0);
  });

  it('erf is odd and erf + erfc = 1', () => {
    for (const x of [0.1, 0.5, 0.99, 1.5, 3, 7.5, 9]) {
      expect(errorFunction(-x)).toBeCloseTo(-errorFunction(x), 15);
      expect(errorFunction(x) + complementaryErrorFunction(x)).toBeCloseTo(1, 15);
    }
    expect(errorFunction(0.5)).toBeCloseTo(0.5204998778130465, 15);
  });
});
