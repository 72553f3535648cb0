import type { StreamSchema } from '@tributary/core';

/**
 * Turns a raw instance into the sparse vector a linear model sees: numeric
 * features (optionally standardised online) and nominal features one-hot
 * encoded, one slot per value seen in training, so the encoding grows with the
 * stream. Missing values (NaN) and nominal values never seen in training
 * contribute nothing — for standardised numeric features that is imputation by
 * the running mean.
 *
 * Standardisation is Welford's running mean and (population) variance per
 * numeric feature, weighted by instance weight, updated by `learn` before the
 * instance is encoded (as River's `StandardScaler | model` pipeline does); a
 * feature with zero variance encodes as 0.
 *
 * `encode` writes into `index`/`value` (reused buffers, `numFeatures` long) and
 * returns how many entries it wrote.
 */
export class FeatureEncoder {
  /** Slots of the last encoded instance. */
  readonly index: Int32Array;
  /** Values of the last encoded instance. */
  readonly value: Float64Array;
  /** Number of slots allocated so far (numeric features + nominal values seen). */
  dimension: number;
  private readonly schema: StreamSchema;
  private readonly standardize: boolean;
  private readonly nominal: Uint8Array;
  /** Slot of each numeric feature (−1 for nominal features). */
  private readonly numericSlot: Int32Array;
  /** Per nominal feature: slot of each value index (−1 until seen). Empty arrays for numeric features. */
  private readonly valueSlots: Int32Array[];
  private readonly count: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(schema: StreamSchema, standardize: boolean) {
    this.schema = schema;
    this.standardize = standardize;
    const d = schema.numFeatures;
    this.index = new Int32Array(d);
    this.value = new Float64Array(d);
    this.nominal = new Uint8Array(d);
    this.numericSlot = new Int32Array(d).fill(-1);
    this.valueSlots = [];
    let slots = 0;
    for (let j = 0; j < d; j++) {
      this.nominal[j] = schema.isNominal(j) ? 1 : 0;
      if (!this.nominal[j]) this.numericSlot[j] = slots++;
      this.valueSlots.push(new Int32Array(this.nominal[j] ? Math.max(4, schema.features[j].values.length) : 0).fill(-1));
    }
    this.dimension = slots;
    this.count = new Float64Array(d);
    this.mean = new Float64Array(d);
    this.m2 = new Float64Array(d);
  }

  /** Updates the running statistics and allocates slots for new nominal values. */
  learn(x: Float64Array, weight: number): void {
    const d = this.nominal.length;
    for (let j = 0; j < d; j++) {
      const v = x[j];
      if (v !== v) continue;
      if (this.nominal[j]) {
        const valueIndex = v | 0;
        if (valueIndex < 0) continue;
        let slots = this.valueSlots[j];
        if (valueIndex >= slots.length) slots = this.growValueSlots(j, valueIndex);
        if (slots[valueIndex] < 0) slots[valueIndex] = this.dimension++;
      } else if (this.standardize) {
        const count = this.count[j] + weight;
        const delta = v - this.mean[j];
        this.mean[j] += (weight * delta) / count;
        this.m2[j] += weight * delta * (v - this.mean[j]);
        this.count[j] = count;
      }
    }
  }

  /** Encodes `x` into `index`/`value`; returns the number of entries. */
  encode(x: Float64Array): number {
    const d = this.nominal.length;
    let nnz = 0;
    for (let j = 0; j < d; j++) {
      const v = x[j];
      if (v !== v) continue;
      if (this.nominal[j]) {
        const valueIndex = v | 0;
        const slots = this.valueSlots[j];
        if (valueIndex < 0 || valueIndex >= slots.length || slots[valueIndex] < 0) continue;
        this.index[nnz] = slots[valueIndex];
        this.value[nnz++] = 1;
      } else {
        let encoded = v;
        if (this.standardize) {
          const variance = this.count[j] > 0 ? this.m2[j] / this.count[j] : 0;
          encoded = variance > 0 ? (v - this.mean[j]) / Math.sqrt(variance) : 0;
        }
        this.index[nnz] = this.numericSlot[j];
        this.value[nnz++] = encoded;
      }
    }
    return nnz;
  }

  /** Squared Euclidean norm of the first `nnz` encoded values. */
  squaredNorm(nnz: number): number {
    let sum = 0;
    for (let i = 0; i < nnz; i++) sum += this.value[i] * this.value[i];
    return sum;
  }

  private growValueSlots(feature: number, valueIndex: number): Int32Array {
    const old = this.valueSlots[feature];
    const grown = new Int32Array(Math.max(valueIndex + 1, old.length * 2, this.schema.features[feature].values.length)).fill(-1);
    grown.set(old);
    this.valueSlots[feature] = grown;
    return grown;
  }
}
