import { describe, expect, it } from 'vitest';
import { discoverPlugins } from '@tributary/core';
import { describeLearnerContract, type LearnerContractOptions } from '@tributary/core/testing';

// Every learner plugin found in the workspace (and installed packages) runs the shared contract.
const registry = await discoverPlugins();

/** Per-learner settings: smaller ensembles keep the suite fast; opt-outs carry their reason. */
const settings: Record<string, Partial<LearnerContractOptions>> = {
  'no-change': { optOut: { separable: 'predicts the previous label; it learns no function of the features by design', 'new-class': 'predicts only the previous label, so a class is predicted exactly when it repeats; checked in its own tests' } },
  // MOA's defaults of 100 members make the suite slow without testing anything more than 5 members do.
  arf: { params: { ensembleSize: 5 } },
  srp: { params: { ensembleSize: 5 } },
  // Selectors: a small pool keeps the suite fast; the default pools are exercised by the benchmark.
  'best-so-far': { params: { candidates: ['naive-bayes', 'hoeffding-tree'] } },
  'successive-halving': { params: { candidates: ['naive-bayes', 'hoeffding-tree'], budget: 1000 } },
  bandit: { params: { candidates: ['naive-bayes', 'hoeffding-tree'] } },
  'evo-automl': { params: { space: { learners: ['naive-bayes', 'hoeffding-tree'] }, populationSize: 3, mutationInterval: 300 } },
  confluence: { params: { pool: ['naive-bayes', 'hoeffding-tree', 'majority-class'], maxCandidates: 4 } },
  'majority-class': { optOut: { separable: 'predicts class frequencies; it learns no function of the features by design', 'new-class': 'predicts the most frequent class only; the late class is never the majority by design' } },
};

describe('plugin discovery', () => {
  it('loads every plugin package', () => {
    expect(registry.loadFailures.map((f) => f.error.message)).toEqual([]);
  });
  it('finds the core learner plugins', () => {
    const ids = registry.learners().map((m) => m.id);
    for (const expected of ['no-change', 'majority-class', 'naive-bayes', 'hoeffding-tree']) expect(ids).toContain(expected);
  });
});

for (const manifest of registry.learners()) {
  describeLearnerContract({ id: manifest.id, registry, ...settings[manifest.id] });
}
