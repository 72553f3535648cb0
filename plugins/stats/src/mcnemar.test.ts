import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mcnemarCounts, mcnemarTest } from './mcnemar.js';

// Expected values from statsmodels' mcnemar (scripts/make-fixtures.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/mcnemar.json', import.meta.url), 'utf8'));

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-13 + 1e-9 * Math.abs(expected));
}

describe('mcnemarTest', () => {
  it.each(fixture.cases.map((c: { onlyA: number; onlyB: number }) => [c.onlyA, c.onlyB, c]))('b = %i, c = %i matches statsmodels', (b, c, expected) => {
    const exact = mcnemarTest(b, c, { exact: true });
    close(exact.statistic, expected.exact.statistic);
    close(exact.pValue, expected.exact.pValue);
    const plain = mcnemarTest(b, c, { correction: false });
    close(plain.statistic, expected.chi2.statistic);
    close(plain.pValue, expected.chi2.pValue);
    const corrected = mcnemarTest(b, c);
    close(corrected.statistic, expected.chi2Corrected.statistic);
    close(corrected.pValue, expected.chi2Corrected.pValue);
  });

  it('counts discordant predictions', () => {
    const truth = [0, 1, 1, 0, 2, 2];
    const a = [0, 1, 0, 0, 2, 1];
    const b = [1, 1, 1, 0, 0, 1];
    expect(mcnemarCounts(truth, a, b)).toEqual({ onlyA: 2, onlyB: 1 });
  });

  it('rejects negative or fractional counts', () => {
    expect(() => mcnemarTest(-1, 3)).toThrow(expect.objectContaining({ code: 'INVALID_DATA' }));
    expect(() => mcnemarTest(1.5, 3)).toThrow(/onlyA/);
  });
});
