import type { StreamSchema } from '@tributary/core';
import type { NeighbourWindow } from './neighbour-window.js';

/**
 * Uniform k-nearest-neighbour votes over a window, with the distance of MOA's
 * `LinearNNSearch` + `EuclideanDistance`:
 *
 * - numeric features are normalised by the window's own min/max (recomputed
 *   for each query from the instances in the window; the query is not part of
 *   it), diff = norm(a) − norm(b), and a feature constant in the window
 *   contributes 0;
 * - nominal features differ by 1 unless equal (missing counts as different);
 * - a numeric feature missing on both sides differs by 1; missing on one side,
 *   by max(v, 1 − v) for the other side's normalised value v;
 * - every instance as close as the k-th nearest votes (ties at the k-th
 *   distance all count, as MOA's heap keeps them).
 *
 * One finder serves one window shape; all buffers are allocated once.
 */
export class NearestNeighbourVotes {
  private readonly nominal: Uint8Array;
  private readonly min: Float64Array;
  private readonly width: Float64Array;
  private readonly query: Float64Array;
  private readonly queryMissing: Uint8Array;
  private distances: Float64Array;
  private heap: Float64Array;
  /** Number of neighbours that voted in the last call (k plus ties). */
  lastVoters = 0;

  constructor(schema: StreamSchema, capacity: number) {
    const d = schema.numFeatures;
    this.nominal = new Uint8Array(d);
    for (let j = 0; j < d; j++) this.nominal[j] = schema.isNominal(j) ? 1 : 0;
    this.min = new Float64Array(d);
    this.width = new Float64Array(d);
    this.query = new Float64Array(d);
    this.queryMissing = new Uint8Array(d);
    this.distances = new Float64Array(capacity);
    this.heap = new Float64Array(16);
  }

  /**
   * Adds one vote per neighbour of `x` to `out[class]` (the caller zeroes `out`);
   * returns the number of voters. `window` must have at most the capacity given.
   */
  vote(window: NeighbourWindow, x: Float64Array, k: number, out: Float64Array): number {
    const n = window.count;
    this.lastVoters = 0;
    if (n === 0) return 0;
    this.computeRanges(window);
    this.prepareQuery(x);
    const distances = this.distances;
    for (let i = 0; i < n; i++) distances[i] = this.squaredDistance(window, window.slot(i));
    const kth = this.kthSmallest(Math.min(k, n), n);
    let voters = 0;
    const y = window.y;
    for (let i = 0; i < n; i++) {
      if (distances[i] <= kth) {
        out[y[window.slot(i)]] += 1;
        voters++;
      }
    }
    this.lastVoters = voters;
    return voters;
  }

  /** Squared distance from the prepared query to the instance in physical slot `slot`. */
  squaredDistance(window: NeighbourWindow, slot: number): number {
    const d = window.d;
    const row = window.x;
    const base = slot * d;
    let sum = 0;
    for (let j = 0; j < d; j++) {
      const v = row[base + j];
      let diff: number;
      if (this.nominal[j]) {
        diff = this.queryMissing[j] || v !== v || (this.query[j] | 0) !== (v | 0) ? 1 : 0;
      } else if (this.queryMissing[j]) {
        if (v !== v) diff = 1;
        else {
          diff = this.normalise(v, j);
          if (diff < 0.5) diff = 1 - diff;
        }
      } else if (v !== v) {
        diff = this.query[j];
        if (diff < 0.5) diff = 1 - diff;
      } else {
        diff = this.query[j] - this.normalise(v, j);
      }
      sum += diff * diff;
    }
    return sum;
  }

  private normalise(v: number, j: number): number {
    const width = this.width[j];
    return width > 0 && width < Infinity ? (v - this.min[j]) / width : 0;
  }

  /** Prepares `x` as the query (normalised numeric values, missing flags). */
  prepareQuery(x: Float64Array): void {
    const d = this.nominal.length;
    for (let j = 0; j < d; j++) {
      const v = x[j];
      this.queryMissing[j] = v !== v ? 1 : 0;
      this.query[j] = this.nominal[j] || v !== v ? v : this.normalise(v, j);
    }
  }

  /** Min and width of every numeric feature over the window's instances. */
  computeRanges(window: NeighbourWindow): void {
    const d = window.d;
    const min = this.min;
    const width = this.width;
    min.fill(Infinity);
    width.fill(-Infinity); // holds the max until the end
    const row = window.x;
    for (let i = 0; i < window.count; i++) {
      const base = window.slot(i) * d;
      for (let j = 0; j < d; j++) {
        const v = row[base + j];
        if (v < min[j]) min[j] = v;
        if (v > width[j]) width[j] = v;
      }
    }
    for (let j = 0; j < d; j++) width[j] = min[j] === Infinity ? 0 : width[j] - min[j];
  }

  /** The `k`-th smallest of `distances[0..n)` (k ≥ 1), by a bounded max-heap. */
  private kthSmallest(k: number, n: number): number {
    if (this.heap.length < k) this.heap = new Float64Array(Math.max(k, this.heap.length * 2));
    const heap = this.heap;
    const distances = this.distances;
    let size = 0;
    for (let i = 0; i < n; i++) {
      const value = distances[i];
      if (size < k) {
        let c = size++;
        while (c > 0) {
          const parent = (c - 1) >> 1;
          if (heap[parent] >= value) break;
          heap[c] = heap[parent];
          c = parent;
        }
        heap[c] = value;
      } else if (value < heap[0]) {
        let c = 0;
        for (;;) {
          const left = 2 * c + 1;
          if (left >= k) break;
          const right = left + 1;
          const bigger = right < k && heap[right] > heap[left] ? right : left;
          if (heap[bigger] <= value) break;
          heap[c] = heap[bigger];
          c = bigger;
        }
        heap[c] = value;
      }
    }
    return heap[0];
  }
}
