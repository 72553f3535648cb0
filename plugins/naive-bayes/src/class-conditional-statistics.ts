import { gaussianDensity } from './gaussian-estimator.js';
import { NominalCounts } from './nominal-counts.js';

/**
 * Layout of a (class, attribute) cell of the numeric table: MOA's Gaussian
 * estimator [weight, mean, varianceSum], the [min, max] seen, then two terms
 * of the density cached for naive Bayes: 1/(√(2π)·stdDev) (or a `Density`
 * code) and 1/(2·variance). A const enum, so the offsets are literals in the
 * hot loops (V8 reloads a module-level constant at every use).
 */
const enum Cell {
  Weight = 0,
  Mean = 1,
  VarianceSum = 2,
  Min = 3,
  Max = 4,
  DensityScale = 5,
  ExponentFactor = 6,
  Slots = 7,
}

/**
 * What `Cell.DensityScale` holds when the density is not an ordinary Gaussian
 * with stdDev in about [2^−400, 2^400] (NaN outside that range: naive Bayes
 * then computes the class MOA's way).
 */
const enum Density {
  /** No estimator, or one without weight: density 0. */
  NoEstimator = -1,
  /** stdDev 0: density 1 at the mean, 0 elsewhere (MOA's rule). */
  PointMass = 0,
}

/** Observer state of an attribute: none yet, observing, or disabled (MOA's null observer). */
const enum Observer {
  None = 0,
  Active = 1,
  Disabled = 2,
}

/** Doubles per (class, attribute) cell of the numeric table. */
export const NUMERIC_CELL_SLOTS: number = Cell.Slots;
/** Offset of the smallest value seen in a numeric cell (NaN = the class has no estimator for the attribute). */
export const CELL_MIN: number = Cell.Min;
/** Offset of the largest value seen in a numeric cell. */
export const CELL_MAX: number = Cell.Max;
export const OBSERVER_NONE: number = Observer.None;
export const OBSERVER_ACTIVE: number = Observer.Active;
export const OBSERVER_DISABLED: number = Observer.Disabled;

const TWO_POW_799 = 2 ** 799;
const TWO_POW_MINUS_801 = 2 ** -801;
const INVERSE_PI = 1 / Math.PI;
const TWO_POW_1000 = 2 ** 1000;
const TWO_POW_MINUS_1000 = 2 ** -1000;
/** The fast path needs e^−Q ≥ 2^−400, so every factor MOA multiplies stays a normal double. */
const MAX_EXPONENT_SUM = 400 * Math.LN2;

/**
 * The per-attribute class observers of a naive Bayes model or of a tree leaf,
 * packed for speed: MOA's `GaussianNumericAttributeClassObserver` (one Gaussian
 * estimator plus min/max per class) for numeric attributes and
 * `NominalAttributeClassObserver` (Laplace-corrected counts) for nominal ones.
 *
 * Numeric cells live in one Float64Array laid out `[class][attribute][NUMERIC_CELL_SLOTS]`, so
 * learning an instance touches one contiguous row and naive Bayes reads the
 * cells in MOA's order (class outer, attribute inner). Classes first seen
 * mid-stream append rows.
 */
export class ClassConditionalStatistics {
  /** Number of attributes. */
  readonly numAttributes: number;
  /** 1 where the attribute is nominal (shared, read-only). */
  readonly nominal: Uint8Array;
  /** Per attribute: Observer.None / Observer.Active / Observer.Disabled. */
  readonly observerState: Uint8Array;
  /** Class rows allocated in `numeric`. */
  classCapacity: number;
  /** Numeric cells `[class][attribute][Cell.Slots]`. */
  numeric: Float64Array;
  /** Nominal tables per attribute (null for numeric attributes or before the first observation). */
  readonly nominalCounts: (NominalCounts | null)[];
  /** Numeric attributes with an active observer, in the order they became active (first `activeNumericCount`). */
  private readonly activeNumeric: Int32Array;
  private activeNumericCount = 0;
  /** Nominal attributes with an active observer (first `activeNominalCount`). */
  private readonly activeNominal: Int32Array;
  private activeNominalCount = 0;
  /** Attributes whose observer was disabled. */
  private disabledCount = 0;

  constructor(nominal: Uint8Array, classCapacity: number) {
    this.numAttributes = nominal.length;
    this.nominal = nominal;
    this.observerState = new Uint8Array(this.numAttributes);
    this.classCapacity = Math.max(1, classCapacity);
    this.numeric = newNumericTable(this.classCapacity, this.numAttributes);
    this.nominalCounts = new Array<NominalCounts | null>(this.numAttributes).fill(null);
    this.activeNumeric = new Int32Array(this.numAttributes);
    this.activeNominal = new Int32Array(this.numAttributes);
  }

  /**
   * Observes instance `x` of class `y` with `weight` on every attribute, or on
   * the listed attributes only (`subset`, as ARF's random subspaces). Missing
   * values (NaN) are skipped; an attribute's observer exists from its first
   * instance on, missing or not (as MOA).
   */
  observe(x: Float64Array, y: number, weight: number, subset: Int32Array | null): void {
    if (y >= this.classCapacity) this.growClasses(y + 1);
    const states = this.observerState;
    const table = this.numeric;
    const row = y * this.numAttributes * Cell.Slots;
    const count = subset === null ? this.numAttributes : subset.length;
    // Once every attribute observes, no state to look up; without nominal ones, no kind either.
    const allActive = subset === null && this.activeNumericCount + this.activeNominalCount === count;
    const anyNominal = !allActive || this.activeNominalCount > 0;
    // One loop body, no call per numeric attribute: this runs for every attribute of every instance learned.
    for (let j = 0; j < count; j++) {
      const a = subset === null ? j : subset[j];
      if (!allActive) {
        const state = states[a];
        if (state === Observer.Disabled) continue;
        if (state === Observer.None) this.activate(a);
      }
      const value = x[a];
      if (value !== value) continue;
      if (anyNominal && this.nominal[a] === 1) {
        this.observeNominal(a, value | 0, y, weight);
        continue;
      }
      const cell = row + a * Cell.Slots;
      const min = table[cell + Cell.Min];
      if (value < min) {
        table[cell + Cell.Min] = value;
      } else if (min !== min) {
        table[cell + Cell.Min] = value; // the class's first value of this attribute
        table[cell + Cell.Max] = value;
      }
      if (value > table[cell + Cell.Max]) table[cell + Cell.Max] = value;
      if (value - value !== 0) continue; // ±∞: min/max keep it, MOA's Gaussian ignores it
      // MOA's GaussianEstimator.addObservation (as gaussianObserve), written out here so the new
      // weight and variance sum stay in registers for the density terms naive Bayes reads.
      const weightSum = table[cell + Cell.Weight];
      if (!(weightSum > 0)) {
        table[cell + Cell.Mean] = value;
        table[cell + Cell.Weight] = weight;
        if (weight > 0) table[cell + Cell.DensityScale] = Density.PointMass;
        continue;
      }
      const newWeight = weightSum + weight;
      const lastMean = table[cell + Cell.Mean];
      const mean = lastMean + (weight * (value - lastMean)) / newWeight;
      const varianceSum = table[cell + Cell.VarianceSum] + weight * (value - lastMean) * (value - mean);
      table[cell + Cell.Weight] = newWeight;
      table[cell + Cell.Mean] = mean;
      table[cell + Cell.VarianceSum] = varianceSum;
      setDensityTerms(table, cell, newWeight, varianceSum);
    }
  }

  private observeNominal(a: number, value: number, y: number, weight: number): void {
    let table = this.nominalCounts[a];
    if (table === null) {
      table = new NominalCounts(this.classCapacity, Math.max(2, value + 1));
      this.nominalCounts[a] = table;
    }
    table.observe(value, y, weight);
  }

  private activate(a: number): void {
    this.observerState[a] = Observer.Active;
    if (this.nominal[a] === 1) this.activeNominal[this.activeNominalCount++] = a;
    else this.activeNumeric[this.activeNumericCount++] = a;
  }

  /** Replaces attribute `a`'s observer by MOA's null observer (no statistics, probability 0). */
  disable(a: number): void {
    if (this.observerState[a] === Observer.Disabled) return;
    if (this.observerState[a] === Observer.Active) {
      const list = this.nominal[a] === 1 ? this.activeNominal : this.activeNumeric;
      const count = this.nominal[a] === 1 ? this.activeNominalCount-- : this.activeNumericCount--;
      const at = list.subarray(0, count).indexOf(a);
      list.copyWithin(at, at + 1, count);
    }
    this.observerState[a] = Observer.Disabled;
    this.disabledCount++;
  }

  /** P(x_a = value | class) as the attribute's observer estimates it (density for numeric attributes). */
  probability(a: number, value: number, classIndex: number): number {
    if (this.observerState[a] !== Observer.Active) return 0;
    if (this.nominal[a] === 1) {
      const table = this.nominalCounts[a];
      return table === null ? 0 : table.probability(value | 0, classIndex);
    }
    if (classIndex >= this.classCapacity) return 0;
    const cell = (classIndex * this.numAttributes + a) * Cell.Slots;
    const min = this.numeric[cell + Cell.Min];
    return min !== min ? 0 : gaussianDensity(this.numeric, cell, value);
  }

  /**
   * MOA's naive Bayes votes (`NaiveBayes.doNaiveBayesPrediction`): for each
   * class c < classLength, P(c) = dist[c] / Σdist times the likelihood of every
   * observed, non-missing attribute, multiplied in attribute order. Writes
   * `out[0..classLength)`; does not normalise.
   *
   * MOA takes one exponential per (class, numeric attribute); here a class's
   * Gaussian densities are split into their scales, multiplied with the
   * nominal factors, and a single e^−Q for the sum Q of their exponents. That
   * is MOA's product up to rounding (relative difference about attributes × Q
   * × 2^−53) as long as MOA's running product stays among the normal doubles.
   * Every partial product of MOA's loop lies between prior × Π min(factor, 1)
   * × e^−Q and prior × Π max(scale, 1), so the fast path requires those two
   * within [2^−1000, 2^1000]. A zero factor (a point mass missed, a class
   * without estimator or nominal count) makes MOA's vote exactly 0, the other
   * factors being finite. Anything else (a disabled observer, an extreme
   * deviation, an infinite value, overflow, underflow) computes the class
   * MOA's way.
   */
  naiveBayesVotes(x: Float64Array, classDist: Float64Array, classLength: number, out: Float64Array): void {
    let total = 0;
    for (let c = 0; c < classLength; c++) total += classDist[c];
    const d = this.numAttributes;
    const numeric = this.numeric;
    const numericAttributes = this.activeNumeric;
    const numericCount = this.activeNumericCount;
    const exactOnly = this.disabledCount > 0;
    const direct = numericCount === d; // every attribute numeric and active: visit them as 0..d−1, no list lookups
    for (let c = 0; c < classLength; c++) {
      const prior = classDist[c] / total;
      if (exactOnly || c >= this.classCapacity) {
        out[c] = this.moaClassVote(x, c, prior);
        continue;
      }
      let upper = 1; // Π max(scale, 1)
      let lower = 1; // Π min(scale, 1) × Π nominal factors
      let exponentSum = 0;
      let zero = false;
      let regular = true;
      const row = c * d * Cell.Slots;
      for (let i = 0; i < numericCount; i++) {
        const a = direct ? i : numericAttributes[i];
        const value = x[a];
        if (value !== value) continue; // missing: MOA skips the attribute
        const cell = row + a * Cell.Slots;
        const scale = numeric[cell + Cell.DensityScale];
        if (scale > 0) {
          const diff = value - numeric[cell + Cell.Mean];
          exponentSum += diff * diff * numeric[cell + Cell.ExponentFactor];
          if (scale > 1) upper *= scale;
          else lower *= scale;
        } else if (scale === Density.PointMass) {
          if (value !== numeric[cell + Cell.Mean]) zero = true;
        } else if (scale === Density.NoEstimator) {
          zero = true;
        } else {
          regular = false;
          break;
        }
      }
      for (let i = 0; i < this.activeNominalCount; i++) {
        const a = this.activeNominal[i];
        const value = x[a];
        if (value !== value) continue;
        const table = this.nominalCounts[a];
        const p = table === null ? 0 : table.probability(value | 0, c);
        if (p > 0) lower *= p;
        else zero = true;
      }
      if (regular && prior * upper <= TWO_POW_1000) {
        if (zero) {
          out[c] = 0;
          continue;
        }
        if (exponentSum <= MAX_EXPONENT_SUM) {
          const damping = Math.exp(-exponentSum);
          const low = prior * lower * damping;
          if (low >= TWO_POW_MINUS_1000) {
            out[c] = low * upper;
            continue;
          }
        }
      }
      out[c] = this.moaClassVote(x, c, prior);
    }
  }

  /** One class's vote exactly as MOA's loop computes it: a density (one exponential) per numeric attribute. */
  private moaClassVote(x: Float64Array, c: number, prior: number): number {
    const d = this.numAttributes;
    let vote = prior;
    for (let a = 0; a < d; a++) {
      const value = x[a];
      const state = this.observerState[a];
      if (state === Observer.None || value !== value) continue;
      if (state === Observer.Disabled || c >= this.classCapacity) {
        vote *= 0;
      } else if (this.nominal[a] === 1) {
        const table = this.nominalCounts[a];
        vote *= table === null ? 0 : table.probability(value | 0, c);
      } else {
        const cell = (c * d + a) * Cell.Slots;
        // MOA's GaussianEstimator.probabilityDensity; an estimator exists once min is set.
        vote *= this.numeric[cell + Cell.Min] !== this.numeric[cell + Cell.Min] ? 0 : gaussianDensity(this.numeric, cell, value);
      }
    }
    return vote;
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

/** Sets the density terms naive Bayes reads from a numeric cell whose Gaussian has weight `weightSum` > 0 and `varianceSum`. */
function setDensityTerms(table: Float64Array, cell: number, weightSum: number, varianceSum: number): void {
  if (!(weightSum > 1) || varianceSum === 0) {
    table[cell + Cell.DensityScale] = Density.PointMass; // MOA: variance 0 while the weight is at most 1
    return;
  }
  // One division and one square root here spare naive Bayes a division per class:
  // 1/(2σ²) = (w − 1)/(2·varianceSum) and 1/(√(2π)·σ) = √(1/(2σ²)·1/π).
  const exponentFactor = (weightSum - 1) / (2 * varianceSum);
  // σ in [2^−400, 2^400] ⇔ this factor in [2^−801, 2^799]. (An if, not a conditional
  // expression: V8 compiles this one several times slower as an expression.)
  if (exponentFactor >= TWO_POW_MINUS_801 && exponentFactor <= TWO_POW_799) table[cell + Cell.DensityScale] = Math.sqrt(exponentFactor * INVERSE_PI);
  else table[cell + Cell.DensityScale] = NaN;
  table[cell + Cell.ExponentFactor] = exponentFactor;
}

function newNumericTable(classes: number, attributes: number): Float64Array {
  const table = new Float64Array(classes * attributes * Cell.Slots);
  for (let cell = 0; cell < table.length; cell += Cell.Slots) {
    table[cell + Cell.Min] = NaN;
    table[cell + Cell.DensityScale] = Density.NoEstimator;
  }
  return table;
}
