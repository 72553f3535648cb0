import { TributaryError } from '@tributary/core';

/**
 * Checks a score matrix (rows = data sets / blocks, columns = algorithms): at least `minRows` rows,
 * every row with `minColumns` or more columns and the same length, every value finite.
 * Friedman-type tests need complete blocks, so a missing result must be dealt with before (drop the row).
 */
export function assertScoreMatrix(scores: readonly (readonly number[])[], what: string, minRows = 2, minColumns = 2): void {
  if (!Array.isArray(scores) || scores.length < minRows) {
    throw new TributaryError('INVALID_DATA', `${what}: needs at least ${minRows} rows (data sets), got ${Array.isArray(scores) ? scores.length : typeof scores}`);
  }
  const k = scores[0].length;
  if (k < minColumns) {
    throw new TributaryError('INVALID_DATA', `${what}: needs at least ${minColumns} columns (algorithms), got ${k}`);
  }
  for (let i = 0; i < scores.length; i++) {
    const row = scores[i];
    if (row.length !== k) {
      throw new TributaryError('INVALID_DATA', `${what}: row ${i} has ${row.length} values, expected ${k} like row 0 (every data set needs a result for every algorithm)`, { row: i });
    }
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(row[j])) {
        throw new TributaryError('INVALID_DATA', `${what}: value at row ${i}, column ${j} is ${row[j]}; only finite numbers are allowed`, { row: i, column: j });
      }
    }
  }
}

/** Checks two paired samples of equal length with finite values. */
export function assertPaired(x: readonly number[], y: readonly number[], what: string, minLength = 1): void {
  if (x.length !== y.length) {
    throw new TributaryError('INVALID_DATA', `${what}: paired samples differ in length (${x.length} vs ${y.length}); they must pair one to one`);
  }
  if (x.length < minLength) {
    throw new TributaryError('INVALID_DATA', `${what}: needs at least ${minLength} pairs, got ${x.length}`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new TributaryError('INVALID_DATA', `${what}: pair ${i} is (${x[i]}, ${y[i]}); only finite numbers are allowed`, { index: i });
    }
  }
}

/** Checks a significance level in (0, 1). */
export function assertAlpha(alpha: number, what: string): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new TributaryError('INVALID_DATA', `${what}: alpha must be in (0, 1), got ${alpha}`);
  }
}
