import { describe, expect, it } from 'vitest';
import { deriveSeed } from './seeds.js';

describe('deriveSeed', () => {
  it('is a pure function of its arguments', () => {
    expect(deriveSeed(1, 3, 2)).toBe(deriveSeed(1, 3, 2));
  });

  it('gives distinct non-negative 31-bit seeds to slots and generations', () => {
    const seen = new Set<number>();
    for (const seed of [0, 1, 42]) {
      for (let slot = 0; slot < 100; slot++) {
        for (let generation = 0; generation < 10; generation++) {
          const s = deriveSeed(seed, slot, generation);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThan(2 ** 31);
          seen.add(s);
        }
      }
    }
    expect(seen.size).toBe(3000);
  });
});
