import { NORMAL_CONSTANT, gaussianDensity, gaussianObserve } from './gaussian-estimator.js';
import { NominalCounts } from './nominal-counts.js';

/** Doubles per (class, attribute) cell of the numeric table: Gaussian [weight, mean, varianceSum] then [min, max]. */
export const NUMERIC_CELL_SLOTS = 5;
/** Offset of the smallest value seen in a numeric cell (NaN = the class has no estimator for the attribute). */
export const CELL_MIN = 3;
/** Offset of the largest value seen in a numeric cell. */
export const CELL_MAX = 4;

/** Observer state of an attribute: none yet, observing, or disabled (MOA's null observer). */
export const OBSERVER_NONE = 0;
export const OBSERVER_ACTIVE = 1;
export const OBSERVER_DISABLED = 2;

/**
 * The per-attribute class observers of a naive Bayes model or of a tree leaf,
 * packed for speed: MOA's `GaussianNumericAttributeClassObserver` (one Gaussian
 * estimator plus min/max per class) for numeric attributes and
 * `NominalAttributeClassObserver` (Laplace-corrected counts) for nominal ones.
 *
 * Numeric cells live in one Float64Array laid out `[class][attribute][5]`, so
 * learning an instance touches one contiguous row and naive Bayes reads the
 * cells in MOA's order (class outer, attribute inner). Classes first seen
 * mid-stream append rows.
 */
export class ClassConditionalStatistics {
  /** Number of attributes. */
  readonly numAttributes: number;
  /** 1 where the attribute is nominal (shared, read-only). */
  readonly nominal: Uint8Array;
  /** Per attribute: OBSERVER_NONE / OBSERVER_ACTIVE / OBSERVER_DISABLED. */
  readonly observerState: Uint8Array;
  /** Class rows allocated in `numeric`. */
  classCapacity: number;
  /** Numeric cells `[class][attribute][NUMERIC_CELL_SLOTS]`. */
  numeric: Float64Array;
  /** Nominal tables per attribute (null for numeric attributes or before the first observation). */
  readonly nominalCounts: (NominalCounts | null)[];

  constructor(nominal: Uint8Array, classCapacity: number) {
    this.numAttributes = nominal.length;
    this.nominal = nominal;
    this.observerState = new Uint8Array(this.numAttributes);
    this.classCapacity = Math.max(1, classCapacity);
    this.numeric = newNumericTable(this.classCapacity, this.numAttributes);
    this.nominalCounts = new Array<NominalCounts | null>(this.numAttributes).fill(null);
  }

  /**
   * Observes instance `x` of class `y` with `weight` on every attribute, or on
   * the listed attributes only (`subset`, as ARF's random subspaces). Missing
   * values (NaN) are skipped; an attribute's observer exists from its first
   * instance on, missing or not (as MOA).
   */
  observe(x: Float64Array, y: number, weight: number, subset: Int32Array | null): void {
    if (y >= this.classCapacity) this.growClasses(y + 1);
    if (subset === null) {
      for (let a = 0; a < this.numAttributes; a++) this.observeAttribute(a, x[a], y, weight);
    } else {
      for (let j = 0; j < subset.length; j++) this.observeAttribute(subset[j], x[subset[j]], y, weight);
    }
  }

  private observeAttribute(a: number, value: number, y: number, weight: number): void {
    const state = this.observerState[a];
    if (state === OBSERVER_DISABLED) return;
    if (state === OBSERVER_NONE) this.observerState[a] = OBSERVER_ACTIVE;
    if (value !== value) return;
    if (this.nominal[a] === 1) {
      let table = this.nominalCounts[a];
      if (table === null) {
        table = new NominalCounts(this.classCapacity, Math.max(2, (value | 0) + 1));
        this.nominalCounts[a] = table;
      }
      table.observe(value | 0, y, weight);
      return;
    }
    const cell = (y * this.numAttributes + a) * NUMERIC_CELL_SLOTS;
    const table = this.numeric;
    const min = table[cell + CELL_MIN];
    if (min !== min) {
      table[cell + CELL_MIN] = value;
      table[cell + CELL_MAX] = value;
    } else {
      if (value < min) table[cell + CELL_MIN] = value;
      if (value > table[cell + CELL_MAX]) table[cell + CELL_MAX] = value;
    }
    gaussianObserve(table, cell, value, weight);
  }

  /** Replaces attribute `a`'s observer by MOA's null observer (no statistics, probability 0). */
  disable(a: number): void {
    this.observerState[a] = OBSERVER_DISABLED;
  }

  /** P(x_a = value | class) as the attribute's observer estimates it (density for numeric attributes). */
  probability(a: number, value: number, classIndex: number): number {
    if (this.observerState[a] !== OBSERVER_ACTIVE) return 0;
    if (this.nominal[a] === 1) {
      const table = this.nominalCounts[a];
      return table === null ? 0 : table.probability(value | 0, classIndex);
    }
    if (classIndex >= this.classCapacity) return 0;
    const cell = (classIndex * this.numAttributes + a) * NUMERIC_CELL_SLOTS;
    const min = this.numeric[cell + CELL_MIN];
    return min !== min ? 0 : gaussianDensity(this.numeric, cell, value);
  }

  /**
   * MOA's naive Bayes votes (`NaiveBayes.doNaiveBayesPrediction`): for each
   * class c < classLength, P(c) = dist[c] / Σdist times the likelihood of every
   * observed, non-missing attribute, multiplied in attribute order. Writes
   * `out[0..classLength)`; does not normalise.
   */
  naiveBayesVotes(x: Float64Array, classDist: Float64Array, classLength: number, out: Float64Array): void {
    let total = 0;
    for (let c = 0; c < classLength; c++) total += classDist[c];
    const d = this.numAttributes;
    const states = this.observerState;
    const numeric = this.numeric;
    const nominal = this.nominal;
    const rows = this.classCapacity;
    for (let c = 0; c < classLength; c++) {
      let vote = classDist[c] / total;
      let cell = c * d * NUMERIC_CELL_SLOTS;
      for (let a = 0; a < d; a++, cell += NUMERIC_CELL_SLOTS) {
        const value = x[a];
        const state = states[a];
        if (state === OBSERVER_NONE || value !== value) continue;
        if (state === OBSERVER_DISABLED || c >= rows) {
          vote *= 0;
        } else if (nominal[a] === 1) {
          const table = this.nominalCounts[a];
          vote *= table === null ? 0 : table.probability(value | 0, c);
        } else {
          // MOA's GaussianEstimator.probabilityDensity, inlined: same operations in the same order.
          const weight = numeric[cell];
          const min = numeric[cell + CELL_MIN];
          if (min !== min || !(weight > 0)) {
            vote *= 0;
            continue;
          }
          const stdDev = Math.sqrt(weight > 1 ? numeric[cell + 2] / (weight - 1) : 0);
          const mean = numeric[cell + 1];
          if (stdDev > 0) {
            const diff = value - mean;
            vote *= (1 / (NORMAL_CONSTANT * stdDev)) * Math.exp(-((diff * diff) / (2 * stdDev * stdDev)));
          } else {
            vote *= value === mean ? 1 : 0;
          }
        }
      }
      out[c] = vote;
    }
  }

  /** Approximate bytes held (typed arrays plus object headers). */
  byteSize(): number {
    let bytes = 96 + this.numeric.byteLength + this.observerState.byteLength + 64 * 2 + 32 + 8 * this.numAttributes;
    for (const table of this.nominalCounts) if (table !== null) bytes += table.byteSize();
    return bytes;
  }

  private growClasses(needed: number): void {
    const grown = newNumericTable(needed, this.numAttributes);
    grown.set(this.numeric);
    this.numeric = grown;
    this.classCapacity = needed;
  }
}

function newNumericTable(classes: number, attributes: number): Float64Array {
  const table = new Float64Array(classes * attributes * NUMERIC_CELL_SLOTS);
  for (let cell = CELL_MIN; cell < table.length; cell += NUMERIC_CELL_SLOTS) table[cell] = NaN;
  return table;
}
