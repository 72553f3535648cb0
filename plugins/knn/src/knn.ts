import { BaseLearner, deepSizeOf, type HyperparametersSchema, type LearnerClassInfo, type LearnerContext, type LearnerManifest } from '@tributary/core';
import { NearestNeighbourVotes } from './nearest-neighbours.js';
import { NeighbourWindow } from './neighbour-window.js';

/** Hyperparameters of kNN. */
export type KNNParams = {
  /** Number of neighbours that vote. Default 10 (MOA -k). */
  k: number;
  /** Instances kept in the sliding window. Default 1000 (MOA -w). */
  limit: number;
};

/** JSON Schema of kNN's hyperparameters (defaults: MOA's `lazy.kNN`). */
export const KNN_HYPERPARAMETERS: HyperparametersSchema = {
  type: 'object',
  properties: {
    k: { type: 'integer', default: 10, minimum: 1, maximum: 1000, description: 'Number of neighbours that vote (instances tied with the k-th nearest vote too).', 'x-search': { minimum: 1, maximum: 50, log: true } },
    limit: { type: 'integer', default: 1000, minimum: 1, maximum: 1_000_000, description: 'Instances kept in the sliding window (the oldest is forgotten first); cost per prediction grows with it.', 'x-search': { minimum: 100, maximum: 5000, log: true } },
  },
  additionalProperties: false,
};

const INFO = { id: 'knn', hyperparameters: KNN_HYPERPARAMETERS };

/**
 * k-nearest neighbours over a sliding window of the last `limit` instances, as
 * MOA's `lazy.kNN` with its default brute-force search: uniform votes of the k
 * nearest (and every instance tied with the k-th), Euclidean distance on
 * numeric features normalised by the window's min/max, 0/1 distance on nominal
 * features (see `NearestNeighbourVotes` for missing values).
 *
 * As in MOA the instance weight is ignored, except that weight 0 stores nothing.
 */
export class KNN extends BaseLearner<KNNParams> {
  protected readonly window: NeighbourWindow;
  protected readonly finder: NearestNeighbourVotes;

  /** `capacity` overrides the window's size (default `limit`) for subclasses that manage the window themselves. */
  constructor(params: Partial<KNNParams> | undefined, context: LearnerContext, info: LearnerClassInfo = INFO, capacity?: number) {
    super(info, params, context);
    this.window = new NeighbourWindow(context.schema.numFeatures, capacity ?? this.params.limit);
    this.finder = new NearestNeighbourVotes(context.schema, capacity ?? this.params.limit);
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    if (!(weight > 0) || y < 0) return;
    this.window.add(x, y);
  }

  protected predictInto(x: Float64Array, out: Float64Array, _k: number): void {
    this.finder.vote(this.window, x, this.params.k, out);
  }

  override sizeInBytes(): number {
    return deepSizeOf(this, { exclude: [this.context, this.params] });
  }

  /** Instances in the window. */
  measurements(): Record<string, number> {
    return { windowSize: this.window.count };
  }
}

/** Manifest of kNN. */
export const knnManifest: LearnerManifest<KNNParams> = {
  id: 'knn',
  kind: 'learner',
  version: '0.1.0',
  description: 'k-nearest neighbours over a sliding window, uniform vote, min/max-normalised Euclidean distance (MOA lazy.kNN defaults: k 10, window 1000).',
  family: 'lazy',
  references: ['aha1991ibl', 'bifet2010moa'],
  hyperparameters: KNN_HYPERPARAMETERS,
  create: (params, context) => new KNN(params, context),
  equivalents: {
    moa: { id: 'moa:lazy.kNN', params: { k: 'k', limit: 'w' }, fixed: { n: 'LinearNN' } },
    river: {
      id: 'river:neighbors.KNNClassifier',
      params: { k: 'n_neighbors' },
      fixed: { weighted: false },
      notes: "River's default engine is approximate (SWINN, a random graph the bridge seeds with the job's seed) with maxlen 1000 and inverse-distance weights; it does not normalise features. Compare with engine=neighbors.LazySearch(window_size=limit), weighted=False and a min/max scaler. River takes numbers only, so the bridge one-hot encodes nominal features for it (nominalEncoding=one-hot, name=value → 1.0): a nominal mismatch then adds 2 to the squared Euclidean distance (two indicators differ) where native and MOA add 1 (and River's numeric differences are not scaled to [0, 1], so the balance between nominal and numeric features differs further).",
      nominalEncoding: 'one-hot',
    },
    capymoa: { id: 'capymoa:KNN', params: { k: 'k', limit: 'window_size' }, notes: "CapyMOA's default k is 3." },
  },
};
