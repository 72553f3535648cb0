import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { holm } from './holm.js';

// Expected values from statsmodels' multipletests(method='holm') (scripts/make-fixtures.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/holm.json', import.meta.url), 'utf8'));

describe('holm', () => {
  it.each(fixture.cases.map((c: { pValues: number[]; alpha: number }, i: number) => [i, c.pValues.length, c.alpha, c]))(
    'case %i (m = %i, α = %f) matches statsmodels',
    (_i, _m, _alpha, c) => {
      const { adjusted, reject } = holm(c.pValues, c.alpha);
      adjusted.forEach((p: number, i: number) => expect(p).toBeCloseTo(c.adjusted[i], 12));
      expect(reject).toEqual(c.reject);
    },
  );

  it('stops rejecting at the first acceptance even if a later p-value would pass its own threshold', () => {
    // sorted: 0.01 ≤ 0.05/3 rejected; 0.04 > 0.05/2 accepted; 0.045 ≤ 0.05/1 but retained
    expect(holm([0.045, 0.01, 0.04], 0.05).reject).toEqual([false, true, false]);
  });

  it('rejects p-values outside [0, 1] and a bad alpha', () => {
    expect(() => holm([0.2, 1.5])).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
    expect(() => holm([0.2], 0)).toThrow(/alpha/);
  });
});
