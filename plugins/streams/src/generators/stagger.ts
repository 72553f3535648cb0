import { Random, StreamSchema } from '@tributary/core';
import { ClassAlternation } from './balance.js';
import type { InstanceGenerator } from './generator.js';

/** Parameters of STAGGER (MOA `generators.STAGGERGenerator`). */
export interface StaggerParams {
  /** Seed of the instance generator (MOA -i, default 1). */
  seed: number;
  /** Concept 1..3: small∧red, green∨circle, medium∨large (MOA -f, default 1). */
  function: number;
  /** Alternate the classes (MOA -b, default false). */
  balanceClasses: boolean;
}

const CONCEPTS: ((size: number, color: number, shape: number) => number)[] = [
  (size, color) => (size === 0 && color === 0 ? 1 : 0),
  (_size, color, shape) => (color === 2 || shape === 0 ? 1 : 0),
  (size) => (size === 1 || size === 2 ? 1 : 0),
];

/** STAGGER concepts (Schlimmer & Granger 1986): size, color, shape, each of 3 values; boolean class. */
export class StaggerGenerator implements InstanceGenerator {
  readonly schema = new StreamSchema(
    [
      { name: 'size', kind: 'nominal', values: ['small', 'medium', 'large'] },
      { name: 'color', kind: 'nominal', values: ['red', 'blue', 'green'] },
      { name: 'shape', kind: 'nominal', values: ['circle', 'square', 'triangle'] },
    ],
    'class',
    ['false', 'true'],
  );
  private random!: Random;
  private readonly balance = new ClassAlternation();
  private readonly concept: (size: number, color: number, shape: number) => number;

  constructor(readonly params: StaggerParams) {
    this.concept = CONCEPTS[params.function - 1];
    this.restart();
  }

  restart(): void {
    this.random = new Random(this.params.seed);
    this.balance.reset();
  }

  nextInstance(x: Float64Array, offset: number): number {
    const r = this.random;
    let size: number, color: number, shape: number, group: number;
    do {
      size = r.nextInt(3);
      color = r.nextInt(3);
      shape = r.nextInt(3);
      group = this.concept(size, color, shape);
    } while (this.params.balanceClasses && !this.balance.accept(group));
    x[offset] = size;
    x[offset + 1] = color;
    x[offset + 2] = shape;
    return group;
  }
}
