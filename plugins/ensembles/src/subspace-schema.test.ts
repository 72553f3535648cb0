import { describe, expect, it } from 'vitest';
import { StreamSchema } from '@tributary/core';
import { SubspaceSchema } from './subspace-schema.js';

function parent(): StreamSchema {
  return new StreamSchema(
    [
      { name: 'a', kind: 'numeric' },
      { name: 'colour', kind: 'nominal', values: ['red'] },
      { name: 'b', kind: 'numeric' },
    ],
    'class',
    ['x'],
  );
}

describe('SubspaceSchema', () => {
  it('exposes the chosen features in order', () => {
    const sub = new SubspaceSchema(parent(), [2, 1]);
    expect(sub.numFeatures).toBe(2);
    expect(sub.features.map((f) => f.name)).toEqual(['b', 'colour']);
    expect(sub.isNominal(1)).toBe(true);
    expect(sub.isNominal(0)).toBe(false);
  });

  it('follows classes and nominal values added to the parent', () => {
    const p = parent();
    const sub = new SubspaceSchema(p, [1]);
    const version = sub.version;
    p.addClass('y');
    p.addNominalValue(1, 'blue');
    expect(sub.numClasses).toBe(2);
    expect(sub.classes).toEqual(['x', 'y']);
    expect(sub.classIndex('y')).toBe(1);
    expect(sub.features[0].values).toEqual(['red', 'blue']);
    expect(sub.nominalIndex(0, 'blue')).toBe(1);
    expect(sub.version).toBeGreaterThan(version);
  });

  it('projects instances into a buffer', () => {
    const sub = new SubspaceSchema(parent(), [2, 0]);
    const out = new Float64Array(2);
    expect(Array.from(sub.project(Float64Array.of(1, 0, NaN), out))).toEqual([NaN, 1]);
  });

  it('rejects an index out of range', () => {
    expect(() => new SubspaceSchema(parent(), [3])).toThrow(/out of range/);
  });
});
