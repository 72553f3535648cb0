import { Random, StreamSchema } from '@tributary/core';
import { ClassAlternation } from './balance.js';
import type { InstanceGenerator } from './generator.js';

/** Parameters of Sine (MOA `generators.SineGenerator`). */
export interface SineParams {
  /** Seed of the instance generator (MOA -i, default 1). */
  seed: number;
  /** Concept 1..4: below sin(x), above sin(x), below 0.5+0.3 sin(3πx), above it (MOA -f, default 1). */
  function: number;
  /** Keep only the 2 relevant attributes; otherwise 2 uniform noise attributes follow (MOA -s, default false). */
  suppressIrrelevantAttributes: boolean;
  /** Alternate the classes (MOA -b, default false). */
  balanceClasses: boolean;
}

const CONCEPTS: ((x: number, y: number) => number)[] = [
  (x, y) => (y < Math.sin(x) ? 0 : 1),
  (x, y) => (y >= Math.sin(x) ? 0 : 1),
  (x, y) => (y < 0.5 + 0.3 * Math.sin(3 * Math.PI * x) ? 0 : 1),
  (x, y) => (y >= 0.5 + 0.3 * Math.sin(3 * Math.PI * x) ? 0 : 1),
];

/** Sine concepts (Gama et al. 2004): two uniform attributes in [0,1) separated by a sine curve. */
export class SineGenerator implements InstanceGenerator {
  readonly schema: StreamSchema;
  private random!: Random;
  private readonly balance = new ClassAlternation();
  private readonly concept: (x: number, y: number) => number;

  constructor(readonly params: SineParams) {
    const d = params.suppressIrrelevantAttributes ? 2 : 4;
    this.schema = new StreamSchema(Array.from({ length: d }, (_, i) => ({ name: `att${i + 1}`, kind: 'numeric' as const })), 'class', ['positive', 'negative']);
    this.concept = CONCEPTS[params.function - 1];
    this.restart();
  }

  restart(): void {
    this.random = new Random(this.params.seed);
    this.balance.reset();
  }

  nextInstance(x: Float64Array, offset: number): number {
    const r = this.random;
    let a1: number, a2: number, group: number;
    do {
      a1 = r.nextDouble();
      a2 = r.nextDouble();
      group = this.concept(a1, a2);
    } while (this.params.balanceClasses && !this.balance.accept(group));
    x[offset] = a1;
    x[offset + 1] = a2;
    if (!this.params.suppressIrrelevantAttributes) {
      x[offset + 2] = r.nextDouble();
      x[offset + 3] = r.nextDouble();
    }
    return group;
  }
}
