import { CELL_MAX, CELL_MIN, NUMERIC_CELL_SLOTS, OBSERVER_ACTIVE, normalProbability, gaussianSplitWeights, type ClassConditionalStatistics } from '@tributary/naive-bayes';
import { javaDoubleCompare, type SplitCriterion } from './split-criterion.js';

/** Kind of a split test. */
export const enum TestKind {
  /** x[attribute] ≤ value → branch 0, else branch 1 (MOA's NumericAttributeBinaryTest, equal passes). */
  NumericBinary = 0,
  /** Branch = nominal value index (MOA's NominalAttributeMultiwayTest). */
  NominalMultiway = 1,
  /** x[attribute] = value → branch 0, else branch 1 (MOA's NominalAttributeBinaryTest). */
  NominalBinary = 2,
}

/**
 * A candidate split: its test (attribute −1 for MOA's "no split" candidate),
 * its merit and the class distributions it would produce, one per branch
 * (packed with `stride`, MOA vector lengths in `lengths`).
 */
export class SplitSuggestion {
  constructor(
    readonly kind: TestKind,
    readonly attribute: number,
    readonly value: number,
    readonly merit: number,
    readonly branches: number,
    readonly stride: number,
    readonly dists: Float64Array,
    readonly lengths: Int32Array,
  ) {}

  /** Whether this is the "no split" (pre-pruning) candidate. */
  get isNull(): boolean {
    return this.attribute < 0;
  }
}

/** Sorts suggestions ascending by merit with Java's comparison, stably (MOA's `Arrays.sort`). */
export function sortSuggestions(suggestions: SplitSuggestion[]): SplitSuggestion[] {
  return suggestions.sort((a, b) => javaDoubleCompare(a.merit, b.merit));
}

/** MOA's "no split" candidate: the distribution left as one branch. */
export function nullSuggestion(criterion: SplitCriterion, pre: Float64Array, preLength: number): SplitSuggestion {
  const dists = pre.slice(0, Math.max(1, preLength));
  const lengths = Int32Array.of(preLength);
  const merit = criterion.merit(pre, preLength, dists, lengths, 1, dists.length);
  return new SplitSuggestion(TestKind.NumericBinary, -1, 0, merit, 0, 0, new Float64Array(0), new Int32Array(0));
}

/** Scratch buffers reused across split attempts of one tree. */
export class SplitScratch {
  dists = new Float64Array(0);
  lengths = new Int32Array(0);
  readonly weights = new Float64Array(3);
  points = new Float64Array(0);

  /** Ensures room for `branches × stride` class weights, zeroed. */
  prepare(branches: number, stride: number): void {
    const size = branches * stride;
    if (this.dists.length < size) this.dists = new Float64Array(size);
    else this.dists.fill(0, 0, size);
    if (this.lengths.length < branches) this.lengths = new Int32Array(branches);
    else this.lengths.fill(0, 0, branches);
  }
}

function keep(kind: TestKind, attribute: number, value: number, merit: number, branches: number, stride: number, scratch: SplitScratch): SplitSuggestion {
  return new SplitSuggestion(kind, attribute, value, merit, branches, stride, scratch.dists.slice(0, branches * stride), scratch.lengths.slice(0, branches));
}

/**
 * Best binary split of numeric attribute `a` from its per-class Gaussians
 * (MOA's GaussianNumericAttributeClassObserver): `numBins` equally spaced
 * points strictly inside the observed [min, max], each class's weight divided
 * by its Gaussian's CDF. Null when no point lies strictly inside.
 */
export function bestNumericSplit(
  stats: ClassConditionalStatistics,
  a: number,
  criterion: SplitCriterion,
  pre: Float64Array,
  preLength: number,
  numBins: number,
  scratch: SplitScratch,
): SplitSuggestion | null {
  const d = stats.numAttributes;
  const classes = stats.classCapacity;
  const table = stats.numeric;
  let minValue = Infinity;
  let maxValue = -Infinity;
  for (let c = 0; c < classes; c++) {
    const cell = (c * d + a) * NUMERIC_CELL_SLOTS;
    const min = table[cell + CELL_MIN];
    if (min !== min) continue;
    if (min < minValue) minValue = min;
    if (table[cell + CELL_MAX] > maxValue) maxValue = table[cell + CELL_MAX];
  }
  if (!(minValue < Infinity)) return null;
  if (scratch.points.length < numBins) scratch.points = new Float64Array(numBins);
  const points = scratch.points;
  let count = 0;
  const range = maxValue - minValue;
  for (let i = 0; i < numBins; i++) {
    const point = (range / (numBins + 1)) * (i + 1) + minValue;
    // Points are non-decreasing; keep strictly-inside distinct ones (MOA's TreeSet).
    if (point > minValue && point < maxValue && (count === 0 || point !== points[count - 1])) points[count++] = point;
  }
  if (count > 1) points.subarray(0, count).sort();
  let best: SplitSuggestion | null = null;
  const stride = classes;
  for (let p = 0; p < count; p++) {
    const splitValue = points[p];
    scratch.prepare(2, stride);
    const dists = scratch.dists;
    const lengths = scratch.lengths;
    for (let c = 0; c < classes; c++) {
      const cell = (c * d + a) * NUMERIC_CELL_SLOTS;
      const min = table[cell + CELL_MIN];
      if (min !== min) continue;
      const weight = table[cell];
      if (splitValue < min) {
        dists[stride + c] += weight;
        lengths[1] = c + 1;
      } else if (splitValue >= table[cell + CELL_MAX]) {
        dists[c] += weight;
        lengths[0] = c + 1;
      } else {
        gaussianSplitWeights(table, cell, splitValue, normalProbability, scratch.weights);
        dists[c] += scratch.weights[0] + scratch.weights[1];
        dists[stride + c] += scratch.weights[2];
        lengths[0] = c + 1;
        lengths[1] = c + 1;
      }
    }
    const merit = criterion.merit(pre, preLength, dists, lengths, 2, stride);
    if (best === null || merit > best.merit) best = keep(TestKind.NumericBinary, a, splitValue, merit, 2, stride, scratch);
  }
  return best;
}

/**
 * Best split of nominal attribute `a` (MOA's NominalAttributeClassObserver):
 * the multiway split (unless `binaryOnly`), then each "value = v" binary split,
 * a later one replacing the best only when strictly better.
 */
export function bestNominalSplit(
  stats: ClassConditionalStatistics,
  a: number,
  criterion: SplitCriterion,
  pre: Float64Array,
  preLength: number,
  binaryOnly: boolean,
  scratch: SplitScratch,
): SplitSuggestion | null {
  const table = stats.nominalCounts[a];
  const classes = table === null ? 0 : table.classCapacity;
  const maxValues = table === null ? 0 : table.maxValuesObserved();
  const stride = Math.max(1, stats.classCapacity, classes);
  let best: SplitSuggestion | null = null;
  if (!binaryOnly) {
    scratch.prepare(Math.max(1, maxValues), stride);
    const dists = scratch.dists;
    const lengths = scratch.lengths;
    for (let c = 0; c < classes; c++) {
      const slots = table!.lengths[c];
      for (let v = 0; v < slots; v++) {
        dists[v * stride + c] += table!.count(c, v);
        lengths[v] = c + 1;
      }
    }
    const merit = criterion.merit(pre, preLength, dists, lengths, maxValues, stride);
    best = keep(TestKind.NominalMultiway, a, 0, merit, maxValues, stride, scratch);
  }
  for (let value = 0; value < maxValues; value++) {
    scratch.prepare(2, stride);
    const dists = scratch.dists;
    const lengths = scratch.lengths;
    for (let c = 0; c < classes; c++) {
      const slots = table!.lengths[c];
      for (let v = 0; v < slots; v++) {
        if (v === value) {
          dists[c] += table!.count(c, v);
          lengths[0] = c + 1;
        } else {
          dists[stride + c] += table!.count(c, v);
          lengths[1] = c + 1;
        }
      }
    }
    const merit = criterion.merit(pre, preLength, dists, lengths, 2, stride);
    if (best === null || merit > best.merit) best = keep(TestKind.NominalBinary, a, value, merit, 2, stride, scratch);
  }
  return best;
}

/**
 * All candidate splits of a leaf, in MOA's order: the "no split" candidate
 * first (unless `noPrePrune`), then each attribute's best in attribute order.
 */
export function collectSuggestions(
  stats: ClassConditionalStatistics | null,
  criterion: SplitCriterion,
  pre: Float64Array,
  preLength: number,
  options: { noPrePrune: boolean; binarySplits: boolean; numBins: number },
  scratch: SplitScratch,
): SplitSuggestion[] {
  const suggestions: SplitSuggestion[] = [];
  if (!options.noPrePrune) suggestions.push(nullSuggestion(criterion, pre, preLength));
  if (stats === null) return suggestions;
  for (let a = 0; a < stats.numAttributes; a++) {
    if (stats.observerState[a] !== OBSERVER_ACTIVE) continue;
    const suggestion =
      stats.nominal[a] === 1
        ? bestNominalSplit(stats, a, criterion, pre, preLength, options.binarySplits, scratch)
        : bestNumericSplit(stats, a, criterion, pre, preLength, options.numBins, scratch);
    if (suggestion !== null) suggestions.push(suggestion);
  }
  return suggestions;
}
