import { Random, StreamSchema } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Parameters of the SEA generator (MOA `generators.SEAGenerator`). */
export interface SeaParams {
  /** Classification function 1..4: thresholds 8, 9, 7, 9.5 on attrib1 + attrib2 (MOA -f, default 1). */
  function: number;
  /** Seed of the instance generator (MOA -i instanceRandomSeed, default 1). */
  seed: number;
  /** Alternate the classes (MOA -b balanceClasses, default false). */
  balanceClasses: boolean;
  /** Percentage of labels flipped, 0..100 (MOA -p noisePercentage, default 10). */
  noisePercentage: number;
}

/** Class thresholds of the four SEA concepts (Street & Kim 2001). */
export const SEA_THRESHOLDS = [8, 9, 7, 9.5] as const;

/**
 * SEA concepts: three attributes uniform in [0, 10); the class is groupA when
 * attrib1 + attrib2 ≤ threshold, else groupB; attrib3 is irrelevant. Draws
 * follow MOA's order (3 doubles, then one `nextInt(100)` for noise), so the
 * stream equals MOA's for the same seed.
 */
export class SeaGenerator implements InstanceGenerator {
  readonly schema = new StreamSchema(
    [{ name: 'attrib1', kind: 'numeric' }, { name: 'attrib2', kind: 'numeric' }, { name: 'attrib3', kind: 'numeric' }],
    'class',
    ['groupA', 'groupB'],
  );
  private random!: Random;
  private nextClassShouldBeZero = false;
  private readonly threshold: number;

  constructor(readonly params: SeaParams) {
    this.threshold = SEA_THRESHOLDS[params.function - 1];
    this.restart();
  }

  restart(): void {
    this.random = new Random(this.params.seed);
    this.nextClassShouldBeZero = false;
  }

  nextInstance(x: Float64Array, offset: number): number {
    const r = this.random;
    let a1: number;
    let a2: number;
    let a3: number;
    let group: number;
    for (;;) {
      a1 = 10 * r.nextDouble();
      a2 = 10 * r.nextDouble();
      a3 = 10 * r.nextDouble();
      group = a1 + a2 <= this.threshold ? 0 : 1;
      if (!this.params.balanceClasses) break;
      if ((this.nextClassShouldBeZero && group === 0) || (!this.nextClassShouldBeZero && group === 1)) {
        this.nextClassShouldBeZero = !this.nextClassShouldBeZero;
        break;
      }
    }
    if (1 + r.nextInt(100) <= this.params.noisePercentage) group = 1 - group;
    x[offset] = a1;
    x[offset + 1] = a2;
    x[offset + 2] = a3;
    return group;
  }
}
