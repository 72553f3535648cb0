import { Random, type LearnerContext, type LearnerManifest } from '@tributary/core';
import type { Candidate } from './candidate.js';
import { SELECTORS_VERSION } from './defaults.js';
import { PoolSelector } from './pool-selector.js';
import { buildSearchSpace, mutateConfiguration, sampleConfiguration, type Configuration, type LearnerSpace, type SearchSpaceDeclaration } from './search-space.js';

export type EvolutionaryParams = { space: SearchSpaceDeclaration; populationSize: number; mutationInterval: number; windowSize: number };

const ID = 'evo-automl';

/** The default search space: tree, bayes, lazy and linear families. */
export const DEFAULT_EVOLUTION_SPACE: SearchSpaceDeclaration = { learners: ['hoeffding-tree', 'hoeffding-adaptive-tree', 'naive-bayes', 'knn', 'softmax-regression'] };

const HYPERPARAMETERS: LearnerManifest['hyperparameters'] = {
  type: 'object',
  additionalProperties: false,
  properties: {
    space: { type: 'object', default: DEFAULT_EVOLUTION_SPACE, description: 'Search space: learner ids whose hyperparameter schemas (with x-search annotations) define what is sampled and mutated.' },
    populationSize: { type: 'integer', default: 10, minimum: 2, maximum: 200, description: 'Configurations trained in parallel (EvoAutoML default 10).' },
    mutationInterval: { type: 'integer', default: 1000, minimum: 1, description: 'Instances between replacing the worst configuration by a mutation of the best (EvoAutoML sampling rate 1000).' },
    windowSize: { type: 'integer', default: 1000, minimum: 1, description: 'Window of the prequential accuracy that ranks the population.' },
  },
};

/**
 * An evolutionary pool in the manner of EvoAutoML (Kulbach et al. 2022): a
 * population of configurations sampled from the space, all trained on every
 * instance; every `mutationInterval` instances the worst is replaced by a
 * mutation of the best. The best by windowed accuracy predicts.
 */
export class EvolutionarySelector extends PoolSelector<EvolutionaryParams> {
  private readonly random: Random;
  private readonly spaces: LearnerSpace[];
  private readonly configurations = new Map<Candidate, Configuration>();
  private leader = 0;

  constructor(params: Partial<EvolutionaryParams> | undefined, context: LearnerContext) {
    super({ id: ID, hyperparameters: HYPERPARAMETERS }, params, context);
    if (!context.describeLearner) throw new Error(`${ID} needs a registry to read its search space (create it through PluginRegistry.createLearner)`);
    this.random = new Random(context.seed);
    this.spaces = buildSearchSpace(this.params.space, context.describeLearner);
    for (let i = 0; i < this.params.populationSize; i++) {
      // Cover every family first, then sample families uniformly.
      const space = i < this.spaces.length ? this.spaces[i] : this.spaces[this.random.nextInt(this.spaces.length)];
      const configuration = i < this.spaces.length ? { id: space.id, params: { ...space.fixed } } : sampleConfiguration(space, this.random);
      this.add(configuration);
    }
  }

  private add(configuration: Configuration, at?: number): void {
    const candidate = this.spawn(configuration, this.params.windowSize);
    this.configurations.set(candidate, configuration);
    if (at === undefined) this.pool.push(candidate);
    else {
      this.configurations.delete(this.pool[at]);
      this.pool[at] = candidate;
    }
  }

  learnOne(x: Float64Array, y: number, weight = 1): void {
    this.predictAll(x, this.numClasses);
    let best = 0;
    let worst = 0;
    for (let i = 0; i < this.pool.length; i++) {
      const c = this.pool[i];
      c.score(y, 1);
      c.learner.learnOne(x, y, weight);
      if (c.windowAccuracy > this.pool[best].windowAccuracy) best = i;
      if (c.windowAccuracy < this.pool[worst].windowAccuracy) worst = i;
    }
    this.leader = best;
    this.seen++;
    this.invalidate();
    if (this.seen % this.params.mutationInterval === 0 && best !== worst) {
      const parent = this.configurations.get(this.pool[best])!;
      const space = this.spaces.find((s) => s.id === parent.id)!;
      this.add(mutateConfiguration(parent, space, this.random), worst);
    }
  }

  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    this.predictAll(x, k);
    out.set(this.pool[this.leader].proba.subarray(0, k));
  }

  protected leaders(): Candidate[] {
    return [this.pool[this.leader]];
  }
}

export const evolutionaryManifest: LearnerManifest<EvolutionaryParams> = {
  id: ID,
  kind: 'selector',
  version: SELECTORS_VERSION,
  description: 'Baseline selector: an EvoAutoML-style population; the worst is replaced by a mutation of the best at intervals.',
  family: 'selectors',
  references: ['kulbach2022evoautoml'],
  randomized: true,
  hyperparameters: HYPERPARAMETERS,
  create: (params, context) => new EvolutionarySelector(params, context),
};
