import { TributaryError } from '../errors.js';

/** Kind of a feature: numeric (a float) or nominal (an index into `values`). */
export type FeatureKind = 'numeric' | 'nominal';

/** One feature of a stream. Nominal values are append-only and index-encoded. */
export interface Feature {
  readonly name: string;
  readonly kind: FeatureKind;
  /** Known values of a nominal feature, in index order. Empty for numeric features. */
  readonly values: string[];
}

/** Plain-JSON form of a schema (what crosses process boundaries). */
export interface SchemaJson {
  features: { name: string; kind: FeatureKind; values?: string[] }[];
  target: string;
  classes: string[];
}

/**
 * Schema of a classification stream: named features and the class labels of the target.
 *
 * Follows MOA's rule: class labels and nominal values may grow while the stream
 * runs, never shrink; indices, once given, never change meaning. Learners keep a
 * reference to the schema and read `numClasses` when they need it, so a label
 * first seen mid-stream is visible to them at once.
 */
export class StreamSchema {
  readonly features: Feature[];
  readonly target: string;
  readonly classes: string[];
  private readonly classIndexByLabel = new Map<string, number>();
  private readonly valueIndexByFeature: Map<string, number>[];
  /** Bumped whenever a class or nominal value is added; lets caches notice growth cheaply. */
  version = 0;

  constructor(features: { name: string; kind: FeatureKind; values?: string[] }[], target = 'class', classes: string[] = []) {
    this.features = features.map((f) => ({ name: f.name, kind: f.kind, values: f.kind === 'nominal' ? [...(f.values ?? [])] : [] }));
    this.target = target;
    this.classes = [];
    this.valueIndexByFeature = this.features.map((f) => new Map(f.values.map((v, i) => [v, i])));
    for (const c of classes) this.addClass(c);
  }

  /** Number of features. */
  get numFeatures(): number {
    return this.features.length;
  }

  /** Number of class labels known so far. */
  get numClasses(): number {
    return this.classes.length;
  }

  /** Index of a class label, or -1 when unknown. */
  classIndex(label: string): number {
    return this.classIndexByLabel.get(label) ?? -1;
  }

  /** Index of a class label, adding it when it is new. */
  addClass(label: string): number {
    const known = this.classIndexByLabel.get(label);
    if (known !== undefined) return known;
    const index = this.classes.length;
    this.classes.push(label);
    this.classIndexByLabel.set(label, index);
    this.version++;
    return index;
  }

  /** Index of a nominal value of feature `featureIndex`, or -1 when unknown. */
  nominalIndex(featureIndex: number, value: string): number {
    return this.valueIndexByFeature[featureIndex]?.get(value) ?? -1;
  }

  /** Index of a nominal value, adding it when it is new. */
  addNominalValue(featureIndex: number, value: string): number {
    const feature = this.features[featureIndex];
    if (!feature || feature.kind !== 'nominal') {
      throw new TributaryError('INVALID_DATA', `feature #${featureIndex} (${feature?.name ?? 'out of range'}) is not nominal; cannot add value "${value}"`);
    }
    const map = this.valueIndexByFeature[featureIndex];
    const known = map.get(value);
    if (known !== undefined) return known;
    const index = feature.values.length;
    feature.values.push(value);
    map.set(value, index);
    this.version++;
    return index;
  }

  /** Whether feature `i` is nominal. */
  isNominal(i: number): boolean {
    return this.features[i].kind === 'nominal';
  }

  /** Plain-JSON copy. */
  toJSON(): SchemaJson {
    return {
      features: this.features.map((f) => (f.kind === 'nominal' ? { name: f.name, kind: f.kind, values: [...f.values] } : { name: f.name, kind: f.kind })),
      target: this.target,
      classes: [...this.classes],
    };
  }

  /** Rebuilds a schema from its JSON form. */
  static fromJSON(json: SchemaJson): StreamSchema {
    return new StreamSchema(json.features, json.target, json.classes);
  }

  /** A schema of `n` numeric features named x0..x{n-1}. */
  static numeric(n: number, classes: string[] = [], target = 'class'): StreamSchema {
    return new StreamSchema(Array.from({ length: n }, (_, i) => ({ name: `x${i}`, kind: 'numeric' as const })), target, classes);
  }
}
