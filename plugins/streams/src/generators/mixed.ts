import { Random, StreamSchema } from '@tributary/core';
import { ClassAlternation } from './balance.js';
import type { InstanceGenerator } from './generator.js';

/** Parameters of Mixed (MOA `generators.MixedGenerator`). */
export interface MixedParams {
  /** Concept 1..2 (the second is the first with classes swapped) (MOA -f, default 1). */
  function: number;
  /** Seed of the instance generator (MOA -i, default 1). */
  seed: number;
  /** Alternate the classes (MOA -b, default false). */
  balanceClasses: boolean;
}

/**
 * Mixed concepts (Gama et al. 2004): two boolean attributes v, w and two
 * numeric x, y in [0,1); with z = y < 0.5 + 0.3 sin(3πx), the class is
 * positive when two of v, w, z hold (function 1) or otherwise (function 2).
 */
export class MixedGenerator implements InstanceGenerator {
  readonly schema = new StreamSchema(
    [
      { name: 'v', kind: 'nominal', values: ['0', '1'] },
      { name: 'w', kind: 'nominal', values: ['0', '1'] },
      { name: 'x', kind: 'numeric' },
      { name: 'y', kind: 'numeric' },
    ],
    'class',
    ['positive', 'negative'],
  );
  private random!: Random;
  private readonly balance = new ClassAlternation();

  constructor(readonly params: MixedParams) {
    this.restart();
  }

  restart(): void {
    this.random = new Random(this.params.seed);
    this.balance.reset();
  }

  nextInstance(out: Float64Array, offset: number): number {
    const r = this.random;
    let v: number, w: number, x: number, y: number, group: number;
    do {
      v = r.nextDouble() < 0.5 ? 0 : 1;
      w = r.nextDouble() < 0.5 ? 0 : 1;
      x = r.nextDouble();
      y = r.nextDouble();
      const z = y < 0.5 + 0.3 * Math.sin(3 * Math.PI * x);
      const two = (v === 1 && w === 1) || (v === 1 && z) || (w === 1 && z);
      group = this.params.function === 1 ? (two ? 0 : 1) : two ? 1 : 0;
    } while (this.params.balanceClasses && !this.balance.accept(group));
    out[offset] = v;
    out[offset + 1] = w;
    out[offset + 2] = x;
    out[offset + 3] = y;
    return group;
  }
}
