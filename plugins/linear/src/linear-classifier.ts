import { BaseLearner, deepSizeOf, type LearnerClassInfo, type LearnerContext } from '@tributary/core';
import { FeatureEncoder } from './feature-encoder.js';

/** Hyperparameters every linear classifier has. */
export type LinearCommonParams = {
  /** Standardise numeric features online (running mean and standard deviation). */
  standardize: boolean;
};

/**
 * Shared machinery of the linear classifiers: one weight row and one bias per
 * class over the encoded features (see `FeatureEncoder`), grown in place when
 * classes or nominal values appear. A subclass says how to learn from the raw
 * scores (`fit`) and how scores become probabilities (`scoresToProbabilities`).
 *
 * Weights live in one `Float64Array`, row `c` at `[c·stride, c·stride + columns)`;
 * only the first `columns` entries of a row are meaningful (the rest is slack
 * for growth). The scores of the instance being learned or predicted are in
 * `scores[0..rows)`.
 */
export abstract class LinearClassifier<P extends LinearCommonParams> extends BaseLearner<P> {
  protected readonly encoder: FeatureEncoder;
  protected weights = new Float64Array(0);
  protected bias = new Float64Array(0);
  protected scores = new Float64Array(0);
  /** Row capacity of `weights`. */
  protected stride = 0;
  /** Number of class rows allocated. */
  protected rows = 0;
  /** Number of meaningful columns (encoded dimension). */
  protected columns = 0;
  private rowCapacity = 0;
  protected trained = false;

  protected constructor(info: LearnerClassInfo, params: Partial<P> | Readonly<P> | undefined, context: LearnerContext) {
    super(info, params, context);
    this.encoder = new FeatureEncoder(context.schema, this.params.standardize);
  }

  /** Initial value of a new weight or bias (0; the perceptron draws random ones). */
  protected initialWeight(): number {
    return 0;
  }

  /** Learns from the encoded instance (`encoder.index/value[0..nnz)`) whose scores are in `scores`. */
  protected abstract fit(y: number, weight: number, nnz: number): void;

  /** Writes class probabilities (or scores to be normalised) into `out[0..rows)` from `scores`. */
  protected abstract scoresToProbabilities(out: Float64Array, rows: number): void;

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0) || y < 0) return;
    this.encoder.learn(x, weight);
    // Rows follow the labels seen in training, not the schema, so a model does not depend on
    // how many classes the schema already listed when training began. Two rows at least: with
    // one-vs-rest the second class's row must learn from the first instance on, so that two-class
    // models stay exact mirrors (equal to a single binary model).
    this.ensureShape(Math.max(this.rows, y + 1, 2), this.encoder.dimension);
    const nnz = this.encoder.encode(x);
    this.computeScores(nnz, this.rows);
    this.fit(y, weight, nnz);
    this.trained = true;
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    if (!this.trained) return;
    const nnz = this.encoder.encode(x);
    const rows = Math.min(k, this.rows);
    this.computeScores(nnz, rows);
    this.scoresToProbabilities(out, rows);
    // Saturated sigmoids can all round to 0; the highest score then takes the whole mass.
    let sum = 0;
    for (let c = 0; c < rows; c++) sum += out[c];
    if (!(sum > 0) && rows > 0) {
      let best = 0;
      for (let c = 1; c < rows; c++) if (this.scores[c] > this.scores[best]) best = c;
      out[best] = 1;
    }
  }

  /** Adds `factor · x` to row `row` over the encoded entries. */
  protected addScaled(row: number, factor: number, nnz: number): void {
    const base = row * this.stride;
    const index = this.encoder.index;
    const value = this.encoder.value;
    const w = this.weights;
    for (let i = 0; i < nnz; i++) w[base + index[i]] += factor * value[i];
  }

  protected computeScores(nnz: number, rows: number): void {
    const index = this.encoder.index;
    const value = this.encoder.value;
    const w = this.weights;
    for (let c = 0; c < rows; c++) {
      const base = c * this.stride;
      // Weights first, bias last: the summation order of MOA and River, whose rounding matters to
      // learners that feed their outputs back into their updates (the perceptron).
      let z = 0;
      for (let i = 0; i < nnz; i++) z += w[base + index[i]] * value[i];
      this.scores[c] = z + this.bias[c];
    }
  }

  /** Grows to `rows × columns`, initialising new columns of old rows first, then new rows (columns, then bias). */
  protected ensureShape(rows: number, columns: number): void {
    if (rows <= this.rows && columns <= this.columns) return;
    if (columns > this.stride || rows > this.rowCapacity) {
      const stride = columns > this.stride ? Math.max(columns, this.stride * 2, 8) : this.stride;
      const rowCapacity = rows > this.rowCapacity ? Math.max(rows, this.rowCapacity + 2) : this.rowCapacity;
      const weights = new Float64Array(rowCapacity * stride);
      for (let c = 0; c < this.rows; c++) weights.set(this.weights.subarray(c * this.stride, c * this.stride + this.columns), c * stride);
      const bias = new Float64Array(rowCapacity);
      bias.set(this.bias.subarray(0, this.rows));
      this.weights = weights;
      this.bias = bias;
      this.scores = new Float64Array(rowCapacity);
      this.stride = stride;
      this.rowCapacity = rowCapacity;
    }
    for (let c = 0; c < this.rows; c++) {
      for (let j = this.columns; j < columns; j++) this.weights[c * this.stride + j] = this.initialWeight();
    }
    this.columns = Math.max(columns, this.columns);
    for (let c = this.rows; c < rows; c++) {
      for (let j = 0; j < this.columns; j++) this.weights[c * this.stride + j] = this.initialWeight();
      this.bias[c] = this.initialWeight();
    }
    this.rows = Math.max(rows, this.rows);
  }

  override sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.context, this.params, this.context.schema] });
  }

  /** Model measurements: number of weights (classes × encoded features + biases). */
  measurements(): Record<string, number> {
    return { weights: this.rows * (this.columns + 1), encodedFeatures: this.columns };
  }
}

/** Logistic function as MOA writes it, 1 / (1 + e^−z) (exact to MOA's rounding, which the perceptron's updates amplify). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Logistic function as River's `utils.math.sigmoid` computes it: 0 below −30, 1 above 30. */
export function riverSigmoid(z: number): number {
  if (z < -30) return 0;
  if (z > 30) return 1;
  return 1 / (1 + Math.exp(-z));
}
