import { Random } from '@tributary/core';

/**
 * A seeded 0/1 stream: Bernoulli(`before`) for the first `changeAt` values,
 * Bernoulli(`after`) afterwards; with a negative `changeAt`, the rate alternates
 * between the two every |changeAt| values. Used by tests and the detection-delay script.
 */
export function bernoulliStream(length: number, changeAt: number, before: number, after: number, seed: number): Float64Array {
  const random = new Random(seed);
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const p = changeAt < 0 ? (Math.floor(i / -changeAt) % 2 === 0 ? before : after) : i < changeAt ? before : after;
    values[i] = random.nextDouble() < p ? 1 : 0;
  }
  return values;
}

/** Indices at which `detector.driftDetected` was true after feeding `values` in order. */
export function detectionPositions(detector: { update(value: number): unknown; readonly driftDetected: boolean }, values: ArrayLike<number>): number[] {
  const positions: number[] = [];
  for (let i = 0; i < values.length; i++) {
    detector.update(values[i]);
    if (detector.driftDetected) positions.push(i);
  }
  return positions;
}
