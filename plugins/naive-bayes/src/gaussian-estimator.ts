/**
 * Weighted Gaussian estimator (MOA's `GaussianEstimator`): running weight,
 * mean and sum of squared deviations updated with West's weighted form of
 * Welford's algorithm. Stored as three consecutive doubles of a Float64Array so
 * that trees and naive Bayes can pack one estimator per (class, attribute)
 * without an object each.
 *
 * Layout at `offset`: [weightSum, mean, varianceSum].
 */

/** Doubles one estimator occupies. */
export const GAUSSIAN_ESTIMATOR_SLOTS = 3;

const WEIGHT = 0;
const MEAN = 1;
const VARIANCE_SUM = 2;

/** √(2π), the normal density's constant. */
export const NORMAL_CONSTANT = Math.sqrt(2 * Math.PI);

/**
 * Adds `value` with `weight`. Infinite and NaN values are ignored (as MOA).
 * The first observation sets the mean and weight without touching the variance.
 */
export function gaussianObserve(state: Float64Array, offset: number, value: number, weight: number): void {
  if (value === Infinity || value === -Infinity || value !== value) return;
  const weightSum = state[offset + WEIGHT];
  if (weightSum > 0) {
    const newWeight = weightSum + weight;
    const lastMean = state[offset + MEAN];
    const mean = lastMean + (weight * (value - lastMean)) / newWeight;
    state[offset + WEIGHT] = newWeight;
    state[offset + MEAN] = mean;
    state[offset + VARIANCE_SUM] += weight * (value - lastMean) * (value - mean);
  } else {
    state[offset + MEAN] = value;
    state[offset + WEIGHT] = weight;
  }
}

/** Total weight observed. */
export function gaussianWeight(state: Float64Array, offset: number): number {
  return state[offset + WEIGHT];
}

/** Mean of the observations (0 before any). */
export function gaussianMean(state: Float64Array, offset: number): number {
  return state[offset + MEAN];
}

/** Sample variance varianceSum / (weight − 1); 0 while the weight is at most 1 (MOA's rule). */
export function gaussianVariance(state: Float64Array, offset: number): number {
  const weightSum = state[offset + WEIGHT];
  return weightSum > 1 ? state[offset + VARIANCE_SUM] / (weightSum - 1) : 0;
}

/** Standard deviation √variance. */
export function gaussianStdDev(state: Float64Array, offset: number): number {
  return Math.sqrt(gaussianVariance(state, offset));
}

/**
 * Normal density at `value`. With zero deviation the estimator is a point
 * mass: 1 at the mean, 0 elsewhere (MOA's rule); 0 before any observation.
 */
export function gaussianDensity(state: Float64Array, offset: number, value: number): number {
  if (state[offset + WEIGHT] > 0) {
    const stdDev = gaussianStdDev(state, offset);
    const mean = state[offset + MEAN];
    if (stdDev > 0) {
      const diff = value - mean;
      return (1 / (NORMAL_CONSTANT * stdDev)) * Math.exp(-((diff * diff) / (2 * stdDev * stdDev)));
    }
    return value === mean ? 1 : 0;
  }
  return 0;
}

/**
 * Estimated weight of observations below, equal to and above `value`, written
 * to `out[0..3)` (MOA's `estimatedWeight_LessThan_EqualTo_GreaterThan_Value`;
 * "equal" is the density times the weight).
 */
export function gaussianSplitWeights(state: Float64Array, offset: number, value: number, normalCdf: (z: number) => number, out: Float64Array): void {
  const weightSum = state[offset + WEIGHT];
  const mean = state[offset + MEAN];
  const equal = gaussianDensity(state, offset, value) * weightSum;
  const stdDev = gaussianStdDev(state, offset);
  const less = stdDev > 0 ? normalCdf((value - mean) / stdDev) * weightSum - equal : value < mean ? weightSum - equal : 0;
  let greater = weightSum - equal - less;
  if (greater < 0) greater = 0;
  out[0] = less;
  out[1] = equal;
  out[2] = greater;
}

/**
 * One Gaussian estimator as an object, for code that needs a single one (the
 * packed functions above do the work, so both give identical numbers).
 */
export class GaussianEstimator {
  private readonly state = new Float64Array(GAUSSIAN_ESTIMATOR_SLOTS);

  /** Adds `value` with `weight` (default 1); NaN and infinite values are ignored. */
  observe(value: number, weight = 1): void {
    gaussianObserve(this.state, 0, value, weight);
  }

  /** Total weight observed. */
  get weight(): number {
    return this.state[WEIGHT];
  }

  /** Weighted mean. */
  get mean(): number {
    return this.state[MEAN];
  }

  /** Sample variance (0 while the weight is at most 1). */
  get variance(): number {
    return gaussianVariance(this.state, 0);
  }

  /** Standard deviation. */
  get stdDev(): number {
    return gaussianStdDev(this.state, 0);
  }

  /** Normal density at `value` (point mass when the deviation is 0). */
  density(value: number): number {
    return gaussianDensity(this.state, 0, value);
  }

  /**
   * Merges another estimator (the variance combination rule of Babcock et al.,
   * PODS 2003, as MOA's `addObservations`); nothing happens when either is empty.
   */
  merge(other: GaussianEstimator): void {
    const a = this.state;
    const b = other.state;
    if (a[WEIGHT] > 0 && b[WEIGHT] > 0) {
      const total = a[WEIGHT] + b[WEIGHT];
      const oldMean = a[MEAN];
      a[MEAN] = a[MEAN] * (a[WEIGHT] / total) + b[MEAN] * (b[WEIGHT] / total);
      a[VARIANCE_SUM] += b[VARIANCE_SUM] + ((a[WEIGHT] * b[WEIGHT]) / total) * (b[MEAN] - oldMean) ** 2;
      a[WEIGHT] = total;
    }
  }
}
