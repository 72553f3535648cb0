/**
 * Split criteria of the Hoeffding trees (MOA's `InfoGainSplitCriterion` and
 * `GiniSplitCriterion`). A split's class distributions are passed packed:
 * branch `b` occupies `post[b·stride .. b·stride + lengths[b])`, where
 * `lengths[b]` is MOA's vector length of that branch (it matters for Gini,
 * which divides by the branch weight for every slot, and for the range of
 * information gain).
 */
export interface SplitCriterion {
  /** Merit of splitting `pre` (first `preLength` entries) into the given branches; larger is better. */
  merit(pre: Float64Array, preLength: number, post: Float64Array, lengths: Int32Array, branches: number, stride: number): number;
  /** Range of the merit for the Hoeffding bound, given the class vector length before the split. */
  range(preLength: number): number;
}

const LOG_2 = Math.log(2);

/** log₂(a) as MOA computes it (ln a / ln 2). */
export function log2(a: number): number {
  return Math.log(a) / LOG_2;
}

/** Entropy (bits) of a class-weight vector; 0 when its weight is 0. */
export function entropy(dist: Float64Array, offset: number, length: number): number {
  let sumOfTerms = 0;
  let total = 0;
  for (let i = offset; i < offset + length; i++) {
    const d = dist[i];
    if (d > 0) {
      sumOfTerms -= d * log2(d);
      total += d;
    }
  }
  return total > 0 ? (sumOfTerms + total * log2(total)) / total : 0;
}

function branchWeight(post: Float64Array, offset: number, length: number): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) sum += post[i];
  return sum;
}

/**
 * Information gain with MOA's guard: fewer than two branches holding more than
 * `minBranchFraction` of the weight gives −∞ (so the "no split" candidate,
 * one branch, always has merit −∞ under this criterion, as in MOA).
 */
export class InfoGainSplitCriterion implements SplitCriterion {
  /** Minimum fraction of weight two branches must exceed (MOA `-f`, default 0.01). */
  readonly minBranchFraction: number;

  constructor(minBranchFraction = 0.01) {
    this.minBranchFraction = minBranchFraction;
  }

  merit(pre: Float64Array, preLength: number, post: Float64Array, lengths: Int32Array, branches: number, stride: number): number {
    let total = 0;
    for (let b = 0; b < branches; b++) total += branchWeight(post, b * stride, lengths[b]);
    let heavyBranches = 0;
    for (let b = 0; b < branches; b++) {
      if (branchWeight(post, b * stride, lengths[b]) / total > this.minBranchFraction) heavyBranches++;
    }
    if (heavyBranches < 2) return -Infinity;
    let splitEntropy = 0;
    for (let b = 0; b < branches; b++) {
      splitEntropy += branchWeight(post, b * stride, lengths[b]) * entropy(post, b * stride, lengths[b]);
    }
    return entropy(pre, 0, preLength) - splitEntropy / total;
  }

  range(preLength: number): number {
    return log2(preLength > 2 ? preLength : 2);
  }
}

/** Gini: 1 − the weighted Gini impurity of the branches (MOA's merit; range 1). */
export class GiniSplitCriterion implements SplitCriterion {
  merit(_pre: Float64Array, _preLength: number, post: Float64Array, lengths: Int32Array, branches: number, stride: number): number {
    let total = 0;
    for (let b = 0; b < branches; b++) total += branchWeight(post, b * stride, lengths[b]);
    let gini = 0;
    for (let b = 0; b < branches; b++) {
      const offset = b * stride;
      const weight = branchWeight(post, offset, lengths[b]);
      let impurity = 1;
      for (let i = offset; i < offset + lengths[b]; i++) {
        const share = post[i] / weight;
        impurity -= share * share;
      }
      gini += (weight / total) * impurity;
    }
    return 1 - gini;
  }

  range(): number {
    return 1;
  }
}

/**
 * Hoeffding bound ε = √(R² ln(1/δ) / 2n): with probability 1 − δ the true mean
 * of a variable with range R lies within ε of the mean of n observations.
 */
export function hoeffdingBound(range: number, confidence: number, n: number): number {
  return Math.sqrt((range * range * Math.log(1 / confidence)) / (2 * n));
}

/** Java's `Double.compare`: NaN is above everything, −0 below +0. */
export function javaDoubleCompare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  const aNaN = a !== a;
  const bNaN = b !== b;
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  if (a === 0 && b === 0) {
    const aNegative = Object.is(a, -0);
    const bNegative = Object.is(b, -0);
    return aNegative === bNegative ? 0 : aNegative ? -1 : 1;
  }
  return 0;
}
