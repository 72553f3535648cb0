import { standardNormalCdf } from './distributions.js';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
// Integration grid for z: the normal density is below 1e-15 beyond ±8.5.
const Z_MIN = -8.5;
const STEP = 0.0125;

/**
 * CDF of the studentized range of `k` independent standard normal variables with infinite degrees
 * of freedom: P(max − min ≤ q) = k ∫ φ(z) [Φ(z) − Φ(z − q)]^(k−1) dz, by composite Simpson's rule
 * (absolute error below 1e-9 for k ≤ 100). Used for Nemenyi p-values; the critical values come from
 * the scipy-generated table instead.
 */
export function studentizedRangeCdf(q: number, k: number): number {
  if (!(q > 0)) return 0;
  if (!Number.isFinite(q)) return 1;
  const zMax = 8.5 + q;
  const intervals = 2 * Math.ceil((zMax - Z_MIN) / (2 * STEP));
  const h = (zMax - Z_MIN) / intervals;
  let sum = 0;
  for (let i = 0; i <= intervals; i++) {
    const z = Z_MIN + i * h;
    const density = INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    const spread = standardNormalCdf(z) - standardNormalCdf(z - q);
    const value = density * Math.pow(spread, k - 1);
    const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * value;
  }
  return Math.min(1, Math.max(0, ((k * h) / 3) * sum));
}
