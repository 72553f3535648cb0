/** How a subspace size m is read (MOA's `mFeaturesMode` / `subspaceMode`, in MOA's order). */
export const SUBSPACE_MODES = ['SpecifiedM', 'SqrtM1', 'MSqrtM1', 'Percentage'] as const;
/** One of `SUBSPACE_MODES`. */
export type SubspaceMode = (typeof SUBSPACE_MODES)[number];

/**
 * Number of features per random subspace out of `numFeatures` (M), as MOA's
 * AdaptiveRandomForest computes it: `SpecifiedM` takes m itself, `SqrtM1`
 * round(√M)+1, `MSqrtM1` M − round(√M+1), `Percentage`
 * round(M·m/100) (a negative m means 100+m percent); a negative result means
 * M + result; the result is clamped to [1, M].
 */
export function forestSubspaceSize(mode: SubspaceMode, m: number, numFeatures: number): number {
  let size = rawSubspaceSize(mode, m, numFeatures);
  if (size < 0) size = numFeatures + size;
  if (size <= 0) size = 1;
  if (size > numFeatures) size = numFeatures;
  return size;
}

/**
 * The size before ARF's clamping, shared with SRP (which applies its own
 * rules afterwards). `Percentage` uses Java's `Math.round` (halves round up).
 */
export function rawSubspaceSize(mode: SubspaceMode, m: number, numFeatures: number): number {
  switch (mode) {
    case 'SqrtM1':
      return javaRound(Math.sqrt(numFeatures)) + 1;
    case 'MSqrtM1':
      return numFeatures - javaRound(Math.sqrt(numFeatures) + 1);
    case 'Percentage': {
      const percent = m < 0 ? (100 + m) / 100 : m / 100;
      return javaRound(numFeatures * percent);
    }
    default:
      return m;
  }
}

/** Java's `Math.round`: the nearest integer, halves towards +∞. */
export function javaRound(value: number): number {
  return Math.floor(value + 0.5);
}
