import { StreamSchema } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { Efdt } from './efdt.js';
import { HoeffdingAdaptiveTree } from './hoeffding-adaptive-tree.js';
import { HoeffdingTree } from './hoeffding-tree.js';
import { accuracyOf, prequentialAccuracy, syntheticData, testThenTrain } from './test-helpers.js';

// Abrupt drift at 10,000: the label flips from x0 > 0.5 to x0 ≤ 0.5.
const flip = syntheticData(20_000, 3, 11, (x, i) => ((x[0] > 0.5) === i < 10_000 ? 1 : 0));
const schema = () => StreamSchema.numeric(3, ['a', 'b']);

describe('hoeffding-adaptive-tree', () => {
  it('reaches at least 0.83 prequential accuracy on electricity (MOA: 0.8335)', async () => {
    const accuracy = await prequentialAccuracy('electricity', (s) => new HoeffdingAdaptiveTree({}, { schema: s, seed: 1 }));
    expect(accuracy).toBeGreaterThanOrEqual(0.83);
  });

  it('recovers from an abrupt drift through ADWIN and alternate trees, faster than a Hoeffding tree', () => {
    const hat = new HoeffdingAdaptiveTree({}, { schema: schema(), seed: 1 });
    const ht = new HoeffdingTree({}, { schema: schema(), seed: 1 });
    const hatAccuracy = accuracyOf(testThenTrain(hat, flip, 2).slice(11_000, 14_000), flip.y, 11_000);
    const htAccuracy = accuracyOf(testThenTrain(ht, flip, 2).slice(11_000, 14_000), flip.y, 11_000);
    const m = hat.measurements();
    expect(m.alternateTrees).toBeGreaterThan(0);
    expect(hatAccuracy).toBeGreaterThan(0.9);
    expect(hatAccuracy).toBeGreaterThan(htAccuracy);
  });

  it("does not depend on the context seed (MOA seeds every node's generator with 1)", () => {
    const a = testThenTrain(new HoeffdingAdaptiveTree({}, { schema: schema(), seed: 1 }), flip, 2, 0, 12_000);
    const b = testThenTrain(new HoeffdingAdaptiveTree({}, { schema: schema(), seed: 99 }), flip, 2, 0, 12_000);
    expect(b).toEqual(a);
  });
});

describe('efdt', () => {
  it('reaches at least 0.80 prequential accuracy on electricity (MOA: 0.8065)', async () => {
    const accuracy = await prequentialAccuracy('electricity', (s) => new Efdt({}, { schema: s, seed: 1 }));
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('splits once the best attribute beats not splitting, where VFDT waits for a clear winner', () => {
    // x0 and x1 are equally informative, so VFDT's best-vs-second test waits for the tie threshold (~3,224 instances).
    const data = syntheticData(3000, 3, 12, (x) => (x[0] + x[1] > 1 ? 1 : 0));
    const firstSplit = (learner: Efdt | HoeffdingTree): number => {
      for (let i = 0; i < data.y.length; i++) {
        learner.learnOne(data.x[i], data.y[i]);
        if (learner.measurements().decisionNodes > 0) return i + 1;
      }
      return -1;
    };
    expect(firstSplit(new Efdt({}, { schema: schema(), seed: 1 }))).toBe(200);
    expect(firstSplit(new HoeffdingTree({}, { schema: schema(), seed: 1 }))).toBe(-1);
  });

  it('re-evaluates split nodes and replaces a test when another attribute has become better', () => {
    // The informative attribute changes from x0 to x2 at 8,000.
    const data = syntheticData(40_000, 3, 13, (x, i) => ((i < 8000 ? x[0] : x[2]) > 0.5 ? 1 : 0));
    const efdt = new Efdt({}, { schema: schema(), seed: 1 });
    testThenTrain(efdt, data, 2, 0, 8000);
    expect(efdt.describeModel().split('\n')[0]).toMatch(/^if x0 /);
    expect(efdt.measurements().reevaluationReplacements).toBe(0);
    const after = testThenTrain(efdt, data, 2, 8000, 40_000);
    expect(efdt.measurements().reevaluationReplacements).toBeGreaterThan(0);
    expect(accuracyOf(after.slice(-5000), data.y, 35_000)).toBeGreaterThan(0.95);
  });
});
