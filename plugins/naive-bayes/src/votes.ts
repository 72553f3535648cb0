/**
 * Index of the largest of `votes[0..n)` by MOA's `Utils.maxIndex` rule: the
 * first maximum wins and index 0 is the starting candidate even when it is NaN.
 * Returns 0 when n is 0.
 */
export function moaMaxIndex(votes: ArrayLike<number>, n: number): number {
  let best = 0;
  let max = n > 0 ? votes[0] : 0;
  for (let i = 1; i < n; i++) {
    if (votes[i] > max) {
      max = votes[i];
      best = i;
    }
  }
  return best;
}

/**
 * Turns MOA-style votes (non-negative, unnormalised) in `out[0..k)` into a
 * probability vector whose argmax is MOA's prediction:
 * - a positive finite total: divided by it;
 * - all zero: uniform when `uniformWhenEmpty` (MOA predicts the first class, so does a
 *   uniform vector under first-max tie-breaking), else left at zero ("no opinion yet");
 * - an infinite or NaN total (likelihoods overflowed): one-hot on MOA's `maxIndex`.
 */
export function votesToProbabilities(out: Float64Array, k: number, uniformWhenEmpty: boolean): void {
  let total = 0;
  for (let i = 0; i < k; i++) total += out[i];
  if (total > 0 && total < Infinity) {
    for (let i = 0; i < k; i++) out[i] /= total;
    return;
  }
  if (total === 0) {
    if (uniformWhenEmpty && k > 0) out.fill(1 / k, 0, k);
    return;
  }
  const best = moaMaxIndex(out, k);
  out.fill(0, 0, k);
  if (k > 0) out[best] = 1;
}
