import type { Learner, LearnerContext } from '@tributary/core';
import { NaiveBayes } from '@tributary/naive-bayes';
import * as trees from '../src/index.js';

/** Learner factories of the benchmark, by plugin id (those this package and naive-bayes provide). */
export function learnerFactories(): Record<string, (context: LearnerContext) => Learner> {
  const factories: Record<string, (context: LearnerContext) => Learner> = {
    'naive-bayes': (context) => new NaiveBayes({}, context),
  };
  for (const manifest of trees.plugins) {
    if (manifest.kind === 'learner') factories[manifest.id] = (context) => manifest.create({ ...defaults(manifest.hyperparameters.properties) }, context);
  }
  return factories;
}

function defaults(properties: Record<string, { default: unknown }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, p.default]));
}
