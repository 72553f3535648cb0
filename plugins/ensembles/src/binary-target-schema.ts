import { StreamSchema } from '@tributary/core';

/**
 * The schema a member of an output-code ensemble sees: the stream's features
 * (live: nominal values added to the stream are visible at once) and a binary
 * target with classes "0" and "1" of its own.
 */
export class BinaryTargetSchema extends StreamSchema {
  constructor(readonly parent: StreamSchema) {
    super([], `${parent.target} (output code)`, ['0', '1']);
    Object.defineProperty(this, 'features', { value: parent.features, writable: false, enumerable: true });
    const own = { version: 0 };
    // Nominal values grow in the parent; the member's version must move with them.
    Object.defineProperty(this, 'version', { get: () => parent.version + own.version, set: (v: number) => (own.version = v - parent.version), enumerable: true });
  }

  override nominalIndex(featureIndex: number, value: string): number {
    return this.parent.nominalIndex(featureIndex, value);
  }

  override addNominalValue(featureIndex: number, value: string): number {
    return this.parent.addNominalValue(featureIndex, value);
  }
}
