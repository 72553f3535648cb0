import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

// Reference values printed by java.util.Random (OpenJDK 17):
//   Random r = new Random(42); r.nextInt(); r.nextInt(); r.nextInt(10); r.nextInt(16); r.nextInt(1000);
//   r.nextDouble(); r.nextGaussian(); r.nextGaussian(); r.nextBoolean(); r.nextFloat();
//   Random s = new Random(-7); s.nextDouble(); s.nextInt(7);
describe('Random reproduces java.util.Random', () => {
  it('gives the same sequence as Java for seed 42', () => {
    const r = new Random(42);
    expect(r.nextInt()).toBe(-1170105035);
    expect(r.nextInt()).toBe(234785527);
    expect(r.nextInt(10)).toBe(8);
    expect(r.nextInt(16)).toBe(0);
    expect(r.nextInt(1000)).toBe(970);
    expect(r.nextDouble()).toBe(0.9420735430282128);
    expect(r.nextGaussian()).toBe(0.2669736057242196);
    expect(r.nextGaussian()).toBe(-0.5252767454241688);
    expect(r.nextBoolean()).toBe(false);
    expect(r.nextFloat()).toBeCloseTo(0.36878288, 8);
  });
  it('handles negative seeds', () => {
    const s = new Random(-7);
    expect(s.nextDouble()).toBe(0.2691218093260761);
    expect(s.nextInt(7)).toBe(4);
  });
  it('draws Poisson counts with the right mean', () => {
    const r = new Random(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += r.nextPoisson(6);
    expect(sum / 20000).toBeGreaterThan(5.85);
    expect(sum / 20000).toBeLessThan(6.15);
  });
});
