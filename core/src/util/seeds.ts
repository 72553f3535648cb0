/**
 * Derives a child seed from a parent seed and two small integers (a member's
 * slot and how many learners that slot has had), so every member, background
 * learner and replacement gets its own reproducible seed without drawing from
 * the ensemble's own generator (whose sequence stays that of MOA: Poisson
 * weights and subspace choices only).
 *
 * The mix is a 32-bit avalanche hash (murmur3 finaliser); the result is a
 * non-negative 31-bit integer.
 */
export function deriveSeed(seed: number, slot: number, generation = 0): number {
  let h = Math.trunc(seed) ^ 0x9e3779b9;
  h = mix(h ^ Math.imul(slot + 1, 0x85ebca6b));
  h = mix(h ^ Math.imul(generation + 1, 0xc2b2ae35));
  return h >>> 1;
}

function mix(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
