import type { Batch } from '../data/batch.js';
import type { HyperparametersSchema } from '../plugins/manifest.js';
import { resolveHyperparameters } from '../plugins/params.js';
import { deepSizeOf } from '../util/size-of.js';
import type { Learner, LearnerContext } from './learner.js';

/** What a learner class declares about itself (read by `BaseLearner`). */
export interface LearnerClassInfo {
  readonly id: string;
  readonly hyperparameters: HyperparametersSchema;
}

/**
 * Bookkeeping shared by native learners (the template MOA's AbstractClassifier
 * plays): parameters validated with defaults, batch forms as loops, output
 * buffer sizing, clone through the constructor, size by deep traversal.
 *
 * Subclasses implement `learnOne` and `predictInto` and have the constructor
 * signature `(params, context)`.
 */
export abstract class BaseLearner<P extends Record<string, unknown> = Record<string, unknown>> implements Learner {
  readonly id: string;
  readonly params: Readonly<P>;
  readonly context: LearnerContext;
  private scratch = new Float64Array(0);

  protected constructor(info: LearnerClassInfo, params: Partial<P> | Readonly<P> | undefined, context: LearnerContext) {
    this.id = info.id;
    this.params = resolveHyperparameters<P>(info.hyperparameters, params as Record<string, unknown>, info.id);
    this.context = context;
  }

  /** Number of classes known now. */
  protected get numClasses(): number {
    return this.context.schema.numClasses;
  }

  abstract learnOne(x: Float64Array, y: number, weight?: number): void;

  /** Writes class scores for `x` into `out[0..k)` (zeroed beforehand); need not normalise. */
  protected abstract predictInto(x: Float64Array, out: Float64Array, k: number): void;

  /** Whether scores are normalised to probabilities after `predictInto` (default true). */
  protected normalizeScores(): boolean {
    return true;
  }

  predictProbaOne(x: Float64Array, out?: Float64Array): Float64Array {
    const k = this.numClasses;
    const target = out && out.length >= k ? out : new Float64Array(k);
    target.fill(0, 0, k);
    this.predictInto(x, target, k);
    if (this.normalizeScores()) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += target[i];
      if (sum > 0 && Number.isFinite(sum)) {
        for (let i = 0; i < k; i++) target[i] /= sum;
      } else {
        target.fill(0, 0, k);
      }
    }
    return target;
  }

  learnBatch(batch: Batch): void {
    const { n, d, x, y, w } = batch;
    for (let i = 0; i < n; i++) this.learnOne(x.subarray(i * d, i * d + d), y[i], w ? w[i] : 1);
  }

  predictProbaBatch(batch: Batch, out?: Float64Array): Float64Array {
    const k = this.numClasses;
    const { n, d, x } = batch;
    const result = out && out.length >= n * k ? out : new Float64Array(n * k);
    if (this.scratch.length < k) this.scratch = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const p = this.predictProbaOne(x.subarray(i * d, i * d + d), this.scratch);
      result.set(p.subarray(0, k), i * k);
    }
    return result;
  }

  clone(): Learner {
    const Ctor = this.constructor as new (params: Readonly<P>, context: LearnerContext) => Learner;
    return new Ctor(this.params, this.context);
  }

  sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.context, this.params] });
  }
}
