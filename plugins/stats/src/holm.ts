import { TributaryError } from '@tributary/core';
import { assertAlpha } from './validate.js';

/** Holm's step-down correction of m p-values. */
export interface HolmResult {
  /** Holm-adjusted p-values in input order: max over j ≤ i of min(1, (m − j + 1)·p_(j)). */
  adjusted: number[];
  /** Rejected hypotheses in input order: p_(i) ≤ α/(m − i + 1) for i up to the first acceptance. */
  reject: boolean[];
}

/**
 * Holm (1979) step-down procedure: sort the p-values ascending, reject H_(i) while
 * p_(i) ≤ α/(m − i + 1), and retain all hypotheses from the first acceptance on.
 * Matches statsmodels' `multipletests(p, alpha, method='holm')`.
 */
export function holm(pValues: readonly number[], alpha = 0.05): HolmResult {
  assertAlpha(alpha, 'holm');
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (!(p >= 0 && p <= 1)) throw new TributaryError('INVALID_DATA', `holm: p-value ${i} is ${p}; p-values must lie in [0, 1]`);
  }
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = new Array<number>(m);
  const reject = new Array<boolean>(m).fill(false);
  let running = 0;
  let stillRejecting = true;
  for (let step = 0; step < m; step++) {
    const index = order[step];
    running = Math.max(running, Math.min(1, (m - step) * pValues[index]));
    adjusted[index] = running;
    if (stillRejecting && pValues[index] <= alpha / (m - step)) reject[index] = true;
    else stillRejecting = false;
  }
  return { adjusted, reject };
}
