import { describe, expect, it } from 'vitest';
import { Random } from '@tributary/core';
import { PoissonSampler } from './poisson.js';

describe('PoissonSampler', () => {
  for (const lambda of [1, 6, 37.5, 150]) {
    it(`draws the same sequence as Random.nextPoisson(${lambda})`, () => {
      const reference = new Random(99);
      const sampler = new PoissonSampler(new Random(99), lambda);
      for (let i = 0; i < 2000; i++) expect(sampler.next()).toBe(reference.nextPoisson(lambda));
    });
  }

  it('has the requested mean', () => {
    const sampler = new PoissonSampler(new Random(1), 6);
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += sampler.next();
    expect(sum / 20000).toBeCloseTo(6, 1);
  });
});
