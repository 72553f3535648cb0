import type { Random } from '@tributary/core';

/**
 * Seeded k-means++ followed by Lloyd iterations over `n` points of dimension `d`
 * (row-major in `points`), writing `k` centroids into `centroids` (k × d).
 * Missing coordinates (NaN) are left out of distances and means; a nominal
 * coordinate (`nominal[j]`) is compared 0/1 and averaged by its mode.
 * Lloyd stops when no centroid moves, or after `maxIterations`.
 */
export function kMeans(points: Float64Array, n: number, d: number, k: number, nominal: Uint8Array, random: Random, centroids: Float64Array, maxIterations = 100): void {
  // k-means++ seeding: each next centre drawn with probability ∝ squared distance to the nearest chosen one.
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = random.nextInt(n);
  centroids.set(points.subarray(chosen * d, chosen * d + d), 0);
  for (let c = 1; c < k; c++) {
    let sum = 0;
    for (let p = 0; p < n; p++) {
      const dist = squaredDistanceBelow(points, p * d, centroids, (c - 1) * d, d, nominal, nearest[p]);
      if (dist < nearest[p]) nearest[p] = dist;
      sum += nearest[p];
    }
    chosen = 0;
    if (sum > 0) {
      const target = sum * random.nextDouble();
      let cumulative = nearest[0];
      while (!(target < cumulative) && chosen < n - 1) cumulative += nearest[++chosen];
    }
    centroids.set(points.subarray(chosen * d, chosen * d + d), c * d);
  }
  let values = 1;
  for (let j = 0; j < d; j++) {
    if (!nominal[j]) continue;
    for (let p = 0; p < n; p++) {
      const v = points[p * d + j];
      if (v === v && v + 1 > values) values = v + 1;
    }
  }
  const assignment = new Int32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k * d);
  const valueCounts = new Float64Array(k * values);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    sums.fill(0);
    counts.fill(0);
    for (let p = 0; p < n; p++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = squaredDistanceBelow(points, p * d, centroids, c * d, d, nominal, bestDistance);
        if (dist < bestDistance) {
          bestDistance = dist;
          best = c;
        }
      }
      assignment[p] = best;
      for (let j = 0; j < d; j++) {
        const v = points[p * d + j];
        if (v === v && !nominal[j]) {
          sums[best * d + j] += v;
          counts[best * d + j]++;
        }
      }
    }
    let moved = false;
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        if (nominal[j] || counts[c * d + j] === 0) continue;
        const value = sums[c * d + j] / counts[c * d + j];
        if (value !== centroids[c * d + j]) moved = true;
        centroids[c * d + j] = value;
      }
    }
    for (let j = 0; j < d; j++) {
      if (!nominal[j]) continue;
      valueCounts.fill(0);
      for (let p = 0; p < n; p++) {
        const v = points[p * d + j];
        if (v === v) valueCounts[assignment[p] * values + (v | 0)]++;
      }
      for (let c = 0; c < k; c++) {
        let mode = -1;
        let modeCount = 0;
        for (let v = 0; v < values; v++) {
          if (valueCounts[c * values + v] > modeCount) {
            modeCount = valueCounts[c * values + v];
            mode = v;
          }
        }
        if (mode >= 0 && mode !== centroids[c * d + j]) {
          moved = true;
          centroids[c * d + j] = mode;
        }
      }
    }
    if (!moved) return;
  }
}

/**
 * `squaredDistance` when it is below `bound`; otherwise some value ≥ `bound` (the sum stops once it
 * reaches the bound). Terms are added in the same order, so a result below the bound is exact: callers
 * that only keep strictly smaller distances get the same answers, faster (most k-means candidates
 * are far, and with k = n/2 clusters k-means dominates SAM-kNN's cost).
 */
export function squaredDistanceBelow(a: Float64Array, aBase: number, b: Float64Array, bBase: number, d: number, nominal: Uint8Array, bound: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const u = a[aBase + j];
    const v = b[bBase + j];
    if (u !== u || v !== v) continue;
    const diff = nominal[j] ? (u === v ? 0 : 1) : u - v;
    sum += diff * diff;
    if (sum >= bound) return sum;
  }
  return sum;
}

/** Squared Euclidean distance between two rows, skipping missing coordinates; nominal coordinates differ by 0 or 1. */
export function squaredDistance(a: Float64Array, aBase: number, b: Float64Array, bBase: number, d: number, nominal: Uint8Array): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const u = a[aBase + j];
    const v = b[bBase + j];
    if (u !== u || v !== v) continue;
    const diff = nominal[j] ? (u === v ? 0 : 1) : u - v;
    sum += diff * diff;
  }
  return sum;
}
