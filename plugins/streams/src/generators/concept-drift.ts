import { Random, StreamSchema, TributaryError } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Parameters of a sigmoid concept drift (MOA `ConceptDriftStream`). */
export interface ConceptDriftParams {
  /** Centre of the drift: instance number where the new concept has probability 0.5 (MOA -p, default 0). */
  position: number;
  /** Width of the drift in instances; 1 = abrupt (MOA -w, default 1000). */
  width: number;
  /** Angle of change in degrees; when not 0 it sets width = trunc(1/tan(alpha)) (MOA -a, default 0). */
  alpha: number;
  /** Seed of the concept choice (MOA -r randomSeed, default 1). */
  randomSeed: number;
}

/** Parameters of a recurring drift (MOA `RecurrentConceptDriftStream`). */
export interface RecurringDriftParams extends ConceptDriftParams {
  /** Instances during which the new concept is used at each recurrence (MOA -x, default 100). */
  widthRecurrence: number;
  /** Instances of the old concept between recurrences (MOA -y, default 200). */
  stabPeriod: number;
  /** Number of recurrences (MOA -z, default 4). */
  numRep: number;
}

/**
 * Maps the second stream's class and nominal indices onto the first stream's
 * schema by label, so concepts with differently ordered labels compose safely.
 */
function indexMaps(target: StreamSchema, source: StreamSchema, what: string): { classes: Int32Array; nominal: (Int32Array | null)[] } {
  if (source.numFeatures !== target.numFeatures) {
    throw new TributaryError('INVALID_SPEC', `${what}: both streams need the same features; the first has ${target.numFeatures}, the second ${source.numFeatures}`);
  }
  const nominal: (Int32Array | null)[] = [];
  for (let i = 0; i < target.numFeatures; i++) {
    const a = target.features[i];
    const b = source.features[i];
    if (a.kind !== b.kind) throw new TributaryError('INVALID_SPEC', `${what}: feature #${i} is ${a.kind} ("${a.name}") in the first stream but ${b.kind} ("${b.name}") in the second`);
    nominal.push(a.kind === 'nominal' ? Int32Array.from(b.values, (v) => target.addNominalValue(i, v)) : null);
  }
  return { classes: Int32Array.from(source.classes, (c) => target.addClass(c)), nominal };
}

/** Shared machinery of the two drift streams: choose a concept per instance, translate indices. */
abstract class TwoConceptStream implements InstanceGenerator {
  readonly schema: StreamSchema;
  readonly driftPositions: number[] = [];
  readonly driftWidths: number[] = [];
  protected random!: Random;
  protected count = 0;
  protected readonly width: number;
  private readonly maps: { classes: Int32Array; nominal: (Int32Array | null)[] };
  private readonly nominalFeatures: number[];

  constructor(
    protected readonly first: InstanceGenerator,
    protected readonly second: InstanceGenerator,
    protected readonly base: ConceptDriftParams,
    what: string,
  ) {
    this.schema = StreamSchema.fromJSON(first.schema.toJSON());
    this.maps = indexMaps(this.schema, second.schema, what);
    this.nominalFeatures = this.maps.nominal.flatMap((m, i) => (m ? [i] : []));
    this.width = base.alpha !== 0 ? Math.trunc(1 / Math.tan((base.alpha * Math.PI) / 180)) : base.width;
    if (!(this.width >= 1)) throw new TributaryError('INVALID_SPEC', `${what}: width must be at least 1 instance, got ${this.width}`);
    this.random = new Random(base.randomSeed);
  }

  /** Probability that instance number `t` (1-based) comes from the second concept. */
  protected abstract probabilityOfSecond(t: number): number;

  restart(): void {
    this.first.restart();
    this.second.restart();
    this.random = new Random(this.base.randomSeed);
    this.count = 0;
  }

  nextInstance(x: Float64Array, offset: number): number {
    this.count++;
    if (this.random.nextDouble() > this.probabilityOfSecond(this.count)) return this.first.nextInstance(x, offset);
    const y = this.second.nextInstance(x, offset);
    for (const i of this.nominalFeatures) {
      const v = x[offset + i];
      if (v === v) x[offset + i] = this.maps.nominal[i]![v];
    }
    return this.maps.classes[y];
  }

  /** Records the inner streams' drifts: the first's as they are, the second's shifted by `shift`. */
  protected inheritDrifts(shift: number): void {
    const add = (g: InstanceGenerator, by: number) => g.driftPositions?.forEach((p, i) => {
      this.driftPositions.push(p + by);
      this.driftWidths.push(g.driftWidths?.[i] ?? 1);
    });
    add(this.first, 0);
    add(this.second, shift);
  }

  protected sortDrifts(): void {
    const order = this.driftPositions.map((_, i) => i).sort((a, b) => this.driftPositions[a] - this.driftPositions[b]);
    const p = order.map((i) => this.driftPositions[i]);
    const w = order.map((i) => this.driftWidths[i]);
    this.driftPositions.splice(0, p.length, ...p);
    this.driftWidths.splice(0, w.length, ...w);
  }
}

/**
 * MOA's ConceptDriftStream: instance t (1-based) comes from the second concept
 * with probability 1 / (1 + exp(-4 (t - position) / width)), drawn with its own
 * seeded generator; only the chosen concept advances. Nestable.
 * Ground truth: the inner drifts of the first stream as they are, this drift at
 * `position`, the inner drifts of the second stream shifted by `position`
 * (the second stream starts being consumed around there).
 */
export class ConceptDriftGenerator extends TwoConceptStream {
  constructor(first: InstanceGenerator, second: InstanceGenerator, readonly params: ConceptDriftParams) {
    super(first, second, params, 'drift');
    this.inheritDrifts(params.position);
    this.driftPositions.push(params.position);
    this.driftWidths.push(this.width);
    this.sortDrifts();
  }

  protected probabilityOfSecond(t: number): number {
    return 1 / (1 + Math.exp((-4 * (t - this.params.position)) / this.width));
  }
}

/**
 * MOA's RecurrentConceptDriftStream: the second concept appears `numRep` times,
 * each time for `widthRecurrence` instances, separated by `stabPeriod` instances
 * of the first, starting at `position`; each switch is a sigmoid of `width`.
 */
export class RecurringDriftGenerator extends TwoConceptStream {
  constructor(first: InstanceGenerator, second: InstanceGenerator, readonly params: RecurringDriftParams) {
    super(first, second, params, 'recurring');
    this.inheritDrifts(params.position);
    let p = params.position;
    for (let k = 0; k < params.numRep; k++) {
      this.driftPositions.push(p, p + params.widthRecurrence);
      this.driftWidths.push(this.width, this.width);
      p += params.widthRecurrence + params.stabPeriod;
    }
    this.sortDrifts();
  }

  protected probabilityOfSecond(t: number): number {
    const { widthRecurrence, stabPeriod, numRep } = this.params;
    let p = this.params.position;
    let probability = 0;
    for (let k = 0; k < numRep; k++) {
      probability += 1 / (1 + Math.exp((-4 * (t - p)) / this.width)) - 1 / (1 + Math.exp((-4 * (t - (p + widthRecurrence))) / this.width));
      p += widthRecurrence + stabPeriod;
    }
    return probability;
  }
}
