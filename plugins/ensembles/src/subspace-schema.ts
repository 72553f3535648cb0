import { StreamSchema, TributaryError } from '@tributary/core';

/**
 * The schema a member of a random-subspace ensemble sees: the parent's features
 * at `featureIndexes`, in that order, and the parent's classes.
 *
 * It is a live view, not a copy: the feature objects and the class list are the
 * parent's own, so a class or nominal value added to the parent mid-stream is
 * visible to the member at once, and `version` follows the parent's.
 */
export class SubspaceSchema extends StreamSchema {
  /** Parent feature index of each sub-feature. */
  readonly featureIndexes: Int32Array;

  constructor(
    readonly parent: StreamSchema,
    featureIndexes: ArrayLike<number>,
  ) {
    super([], parent.target, []);
    this.featureIndexes = Int32Array.from(featureIndexes);
    const features = Array.from(this.featureIndexes, (i) => {
      const feature = parent.features[i];
      if (!feature) throw new TributaryError('INVALID_DATA', `subspace feature index ${i} is out of range; the stream has ${parent.numFeatures} features`);
      return feature;
    });
    Object.defineProperty(this, 'features', { value: features, writable: false, enumerable: true });
    Object.defineProperty(this, 'classes', { value: parent.classes, writable: false, enumerable: true });
    Object.defineProperty(this, 'version', { get: () => parent.version, set: () => {}, enumerable: true });
  }

  override get numClasses(): number {
    return this.parent.numClasses;
  }

  override classIndex(label: string): number {
    return this.parent.classIndex(label);
  }

  override addClass(label: string): number {
    return this.parent.addClass(label);
  }

  override nominalIndex(featureIndex: number, value: string): number {
    return this.parent.nominalIndex(this.featureIndexes[featureIndex], value);
  }

  override addNominalValue(featureIndex: number, value: string): number {
    return this.parent.addNominalValue(this.featureIndexes[featureIndex], value);
  }

  /** Copies the sub-features of `x` (a full instance) into `out` (length = number of sub-features). */
  project(x: Float64Array, out: Float64Array): Float64Array {
    const indexes = this.featureIndexes;
    for (let j = 0; j < indexes.length; j++) out[j] = x[indexes[j]];
    return out;
  }
}
