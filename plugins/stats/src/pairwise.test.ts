import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rankTestsVsControlFromScores, wilcoxonHolmVsControl } from './pairwise.js';

// Raw Wilcoxon p-values from scikit-posthocs/scipy (scripts/make-fixtures.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/friedman.json', import.meta.url), 'utf8'));

describe('wilcoxonHolmVsControl', () => {
  it.each(fixture.cases.slice(0, 4).map((c: { name: string }) => [c.name, c]))('%s: control vs others, Holm over k − 1 tests', (_name, c) => {
    const control = 1;
    const k = c.algorithms.length;
    const raw = new Map<number, number>();
    for (const pair of c.wilcoxonHolm) {
      const a = c.algorithms.indexOf(pair.a);
      const b = c.algorithms.indexOf(pair.b);
      if (a === control) raw.set(b, pair.pValue);
      if (b === control) raw.set(a, pair.pValue);
    }
    // Holm by hand: ascending p times (m − position), running maximum, capped at 1
    const sorted = [...raw.entries()].sort((x, y) => x[1] - y[1]);
    const expected = new Map<number, number>();
    let running = 0;
    sorted.forEach(([j, p], position) => {
      running = Math.max(running, Math.min(1, (sorted.length - position) * p));
      expected.set(j, running);
    });
    const results = wilcoxonHolmVsControl(c.scores, control, { higherIsBetter: c.higherIsBetter });
    expect(results).toHaveLength(k - 1);
    for (const r of results) {
      expect(r.a).toBe(control);
      expect(r.pValue).toBeCloseTo(raw.get(r.b)!, 12);
      expect(r.pHolm).toBeCloseTo(expected.get(r.b)!, 12);
    }
  });

  it('rejects a control index out of range', () => {
    expect(() => wilcoxonHolmVsControl([[1, 2], [2, 3]], 2)).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
  });
});

describe('rankTestsVsControlFromScores', () => {
  it('says which side is better and agrees with the mean-rank difference', () => {
    // column 0 always best, column 2 always worst
    const scores = Array.from({ length: 12 }, (_, i) => [0.9 + i * 0.001, 0.8, 0.7 - i * 0.001]);
    const results = rankTestsVsControlFromScores(scores, 1);
    const vsBest = results.find((r) => r.b === 0)!;
    const vsWorst = results.find((r) => r.b === 2)!;
    expect(vsBest.better).toBe('b');
    expect(vsWorst.better).toBe('a');
    // z = (2 − 1)/√(3·4/(6·12)) = 2.449
    expect(vsBest.statistic).toBeCloseTo(1 / Math.sqrt(12 / 72), 10);
    expect(vsBest.significant).toBe(true);
  });
});
