import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bayesianSignedRank } from './bayesian-signed-rank.js';

// Expected values from baycomp.two_on_multiple (SignedRankTest) with 400 000 draws (scripts/make-fixtures.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/bayesian-signed-rank.json', import.meta.url), 'utf8'));

interface Case {
  x: number[];
  y: number[];
  rope: number;
  prior: number;
  nsamples: number;
  left: number;
  rope_: number;
  right: number;
}

const SAMPLES = 50000;

/** 5 standard errors of the difference of two Monte Carlo proportions (ours and baycomp's). */
function tolerance(p: number, reference: Case): number {
  const variance = Math.max(p * (1 - p), 1e-4) * (1 / SAMPLES + 1 / reference.nsamples);
  return 5 * Math.sqrt(variance);
}

describe('bayesianSignedRank', () => {
  it.each(fixture.cases.map((c: Case, i: number) => [i, c.x.length, c.rope, c]))('case %i (n = %i, rope = %f) agrees with baycomp within Monte Carlo error', (_i, _n, _rope, c) => {
    const result = bayesianSignedRank(c.x, c.y, { rope: c.rope, prior: c.prior, samples: SAMPLES, seed: 7 });
    expect(Math.abs(result.left - c.left)).toBeLessThanOrEqual(tolerance(c.left, c));
    expect(Math.abs(result.rope - c.rope_)).toBeLessThanOrEqual(tolerance(c.rope_, c));
    expect(Math.abs(result.right - c.right)).toBeLessThanOrEqual(tolerance(c.right, c));
    expect(result.left + result.rope + result.right).toBeCloseTo(1, 12);
  });

  it('is reproducible for a seed and changes with it', () => {
    const x = [0.8, 0.82, 0.79, 0.9, 0.7, 0.75];
    const y = [0.81, 0.8, 0.8, 0.9, 0.72, 0.74];
    const a = bayesianSignedRank(x, y, { rope: 0.01, samples: 2000, seed: 3 });
    expect(bayesianSignedRank(x, y, { rope: 0.01, samples: 2000, seed: 3 })).toEqual(a);
    expect(bayesianSignedRank(x, y, { rope: 0.01, samples: 2000, seed: 4 })).not.toEqual(a);
  });

  it('puts the mass on the side of the better classifier', () => {
    const x = Array.from({ length: 20 }, (_, i) => 0.7 + 0.01 * i);
    const y = x.map((v) => v - 0.03);
    const result = bayesianSignedRank(x, y, { rope: 0.01, samples: 5000 });
    expect(result.left).toBeGreaterThan(0.99);
  });

  it('rejects a negative rope and a bad sample count', () => {
    expect(() => bayesianSignedRank([1], [2], { rope: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
    expect(() => bayesianSignedRank([1], [2], { samples: 0 })).toThrow(/samples/);
  });
});
