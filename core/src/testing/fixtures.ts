import { expect } from 'vitest';
import { ArrayStream } from '../data/array-stream.js';
import { StreamSchema } from '../data/schema.js';
import { Random } from '../util/random.js';

/** Schema of the contract streams: two numeric features and one nominal feature with three values. */
export function contractSchema(classes: string[] = []): StreamSchema {
  return new StreamSchema(
    [
      { name: 'a', kind: 'numeric' },
      { name: 'b', kind: 'numeric' },
      { name: 'colour', kind: 'nominal', values: ['red', 'green', 'blue'] },
    ],
    'class',
    classes,
  );
}

/** Instances of the contract streams in memory. */
export interface ContractData {
  x: Float64Array;
  y: Int32Array;
  d: number;
  n: number;
  labels: string[];
}

/**
 * A separable stream: class "pos" when a > 0.5, else "neg"; b and colour are noise.
 * Class indices follow first appearance (`labels[y]` is the label of `y`).
 * With `thirdClassFrom`, class "late" (b > 0.8) first appears at that index.
 * With `missingRate`, features are NaN at that rate.
 */
export function contractData(n: number, seed: number, options: { thirdClassFrom?: number; missingRate?: number } = {}): ContractData {
  const random = new Random(seed);
  const d = 3;
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = random.nextDouble();
    const b = random.nextDouble();
    const colour = random.nextInt(3);
    x[i * d] = a;
    x[i * d + 1] = b;
    x[i * d + 2] = colour;
    y[i] = a > 0.5 ? 1 : 0;
    if (options.thirdClassFrom !== undefined && i >= options.thirdClassFrom && b > 0.8) y[i] = 2;
    if (options.missingRate) {
      for (let j = 0; j < d; j++) if (random.nextDouble() < options.missingRate) x[i * d + j] = NaN;
    }
  }
  // Index classes in order of first appearance, as stream readers do, so that
  // `y` equals the index the schema gives each label when it is first read.
  const names = ['neg', 'pos', 'late'];
  const remap = new Int32Array(names.length).fill(-1);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    if (remap[y[i]] < 0) {
      remap[y[i]] = labels.length;
      labels.push(names[y[i]]);
    }
    y[i] = remap[y[i]];
  }
  return { x, y, d, n, labels };
}

/** An `ArrayStream` over contract data whose labels enter the schema when first read. */
export function contractStream(data: ContractData, schema = contractSchema()): ArrayStream {
  return new ArrayStream('contract', schema, data.x, data.y, { revealClasses: data.labels });
}

/** Asserts the first `k` entries are finite, non-negative probabilities summing to 1. */
export function expectProbabilities(p: Float64Array, k: number, where: string): void {
  let sum = 0;
  for (let c = 0; c < k; c++) {
    expect(Number.isFinite(p[c]), `${where}: p[${c}] = ${p[c]} is not finite`).toBe(true);
    expect(p[c], `${where}: p[${c}] < 0`).toBeGreaterThanOrEqual(0);
    sum += p[c];
  }
  expect(Math.abs(sum - 1), `${where}: probabilities sum to ${sum}`).toBeLessThan(1e-6);
}
