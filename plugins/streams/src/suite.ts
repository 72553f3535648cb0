import { TributaryError } from '@tributary/core';

/** A named synthetic drift scenario of the benchmark suite. */
export interface SuiteScenario {
  name: string;
  /** The generator spec the name stands for. */
  spec: string;
  /** Number of instances a benchmark run uses. */
  instances: number;
  /** What the scenario exercises. */
  description: string;
  /** Kinds of difficulty, for filtering. */
  tags: string[];
}

/** Three drifts at 25,000, 50,000 and 75,000 between four concepts. */
const abrupt3 = (a: string, b: string, c: string, d: string, width: number) =>
  `drift(drift(drift(${a},${b},position=25000,width=${width},randomSeed={seed}),${c},position=50000,width=${width},randomSeed={seed+1}),${d},position=75000,width=${width},randomSeed={seed+2})`;

/**
 * The curated benchmark suite: synthetic drift scenarios of 100,000 instances
 * each, covering abrupt, gradual, incremental and recurring drift, label noise,
 * class imbalance, many classes and many features. Names are stable: results
 * refer to them. Specs are templates: `{seed}` and `{seed+K}` become the run's
 * seed (`suite:NAME(seed=N)`, else `openStream(..., { seed })`, else 1) plus K,
 * so each concept of a scenario draws from its own seed (in MOA's convention
 * every generator defaults to seed 1, which would replay the same attribute
 * values after each drift) and repetitions vary the whole scenario.
 */
export const SUITE: SuiteScenario[] = [
  {
    name: 'sea-abrupt',
    spec: abrupt3('sea(function=1,seed={seed})', 'sea(function=2,seed={seed+1})', 'sea(function=3,seed={seed+2})', 'sea(function=4,seed={seed+3})', 1),
    instances: 100_000,
    description: 'SEA, the four concepts in turn, abrupt drifts every 25,000 instances, 10% label noise',
    tags: ['abrupt', 'noise'],
  },
  {
    name: 'sea-gradual',
    spec: abrupt3('sea(function=1,seed={seed})', 'sea(function=2,seed={seed+1})', 'sea(function=3,seed={seed+2})', 'sea(function=4,seed={seed+3})', 5000),
    instances: 100_000,
    description: 'SEA, the four concepts in turn, gradual drifts (width 5,000) every 25,000 instances',
    tags: ['gradual', 'noise'],
  },
  {
    name: 'sea-noisy',
    spec: abrupt3('sea(function=1,noise=30,seed={seed})', 'sea(function=2,noise=30,seed={seed+1})', 'sea(function=3,noise=30,seed={seed+2})', 'sea(function=4,noise=30,seed={seed+3})', 1),
    instances: 100_000,
    description: 'SEA with 30% label noise, abrupt drifts every 25,000 instances',
    tags: ['abrupt', 'noise'],
  },
  {
    name: 'agrawal-abrupt',
    spec: abrupt3('agrawal(function=1,seed={seed})', 'agrawal(function=2,seed={seed+1})', 'agrawal(function=3,seed={seed+2})', 'agrawal(function=4,seed={seed+3})', 1),
    instances: 100_000,
    description: 'Agrawal functions 1→2→3→4, abrupt drifts every 25,000 instances (mixed nominal/numeric attributes)',
    tags: ['abrupt', 'nominal'],
  },
  {
    name: 'agrawal-gradual',
    spec: abrupt3('agrawal(function=1,seed={seed})', 'agrawal(function=2,seed={seed+1})', 'agrawal(function=3,seed={seed+2})', 'agrawal(function=4,seed={seed+3})', 5000),
    instances: 100_000,
    description: 'Agrawal functions 1→2→3→4, gradual drifts (width 5,000) every 25,000 instances',
    tags: ['gradual', 'nominal'],
  },
  {
    name: 'hyperplane-incremental',
    spec: 'hyperplane(numAtts=10,numDriftAtts=2,magChange=0.001,noisePercentage=5,seed={seed})',
    instances: 100_000,
    description: 'rotating hyperplane, 10 attributes of which 2 drift by 0.001 per instance (incremental), 5% noise',
    tags: ['incremental', 'noise'],
  },
  {
    name: 'rbf-incremental',
    spec: 'random-rbf-drift(numCentroids=50,numDriftCentroids=50,speedChange=0.0001,seed={seed})',
    instances: 100_000,
    description: 'random RBF, all 50 centroids moving at 0.0001 per instance (incremental)',
    tags: ['incremental'],
  },
  {
    name: 'stagger-recurring',
    spec: 'recurring(stagger(function=1,seed={seed}),stagger(function=2,seed={seed+1}),position=10000,width=1,widthRecurrence=10000,stabPeriod=10000,numRep=4,randomSeed={seed})',
    instances: 100_000,
    description: 'STAGGER concept 1 with concept 2 recurring 4 times for 10,000 instances, abrupt switches',
    tags: ['recurring', 'abrupt', 'nominal'],
  },
  {
    name: 'mixed-flip',
    spec: abrupt3('mixed(function=1,seed={seed})', 'mixed(function=2,seed={seed+1})', 'mixed(function=1,seed={seed+2})', 'mixed(function=2,seed={seed+3})', 1),
    instances: 100_000,
    description: 'Mixed, classes swapped back and forth every 25,000 instances (recurring, abrupt)',
    tags: ['recurring', 'abrupt'],
  },
  {
    name: 'led-gradual',
    spec: 'drift(led(noisePercentage=10,seed={seed}),led-drift(noisePercentage=10,numberAttributesDrift=7,seed={seed+1}),position=50000,width=10000,randomSeed={seed})',
    instances: 100_000,
    description: 'LED digits (10 classes, 17 irrelevant attributes, 10% segment noise); all 7 segments swap gradually around 50,000',
    tags: ['gradual', 'noise', 'many-classes'],
  },
  {
    name: 'agrawal-imbalanced',
    spec: 'imbalance(drift(agrawal(function=1,seed={seed}),agrawal(function=2,seed={seed+1}),position=50000,width=1,randomSeed={seed}),classRatio=[0.95,0.05],seed={seed})',
    instances: 100_000,
    description: 'Agrawal 1→2 abrupt at 50,000, resampled to 95% / 5% classes',
    tags: ['abrupt', 'imbalanced'],
  },
  {
    name: 'sea-imbalanced',
    spec: 'imbalance(drift(sea(function=1,seed={seed}),sea(function=3,seed={seed+1}),position=50000,width=5000,randomSeed={seed}),classRatio=[0.9,0.1],seed={seed})',
    instances: 100_000,
    description: 'SEA 1→3 gradual (width 5,000) at 50,000, resampled to 90% / 10% classes',
    tags: ['gradual', 'imbalanced'],
  },
  {
    name: 'rbf-many-classes',
    spec: 'drift(random-rbf(numClasses=10,numAtts=20,numCentroids=100,modelSeed=1,seed={seed}),random-rbf(numClasses=10,numAtts=20,numCentroids=100,modelSeed=2,seed={seed+1}),position=50000,width=1,randomSeed={seed})',
    instances: 100_000,
    description: 'random RBF with 10 classes and 20 attributes; the whole model is replaced abruptly at 50,000',
    tags: ['abrupt', 'many-classes'],
  },
  {
    name: 'hyperplane-many-features',
    spec: 'hyperplane(numAtts=100,numDriftAtts=20,magChange=0.001,noisePercentage=5,seed={seed})',
    instances: 100_000,
    description: 'rotating hyperplane with 100 attributes, 20 drifting (incremental), 5% noise',
    tags: ['incremental', 'many-features'],
  },
  {
    name: 'random-tree-abrupt',
    spec: 'drift(random-tree(modelSeed=1,seed={seed}),random-tree(modelSeed=2,seed={seed+1}),position=50000,width=1,randomSeed={seed})',
    instances: 100_000,
    description: 'random tree concept (5 nominal + 5 numeric attributes) replaced by another tree abruptly at 50,000',
    tags: ['abrupt', 'nominal'],
  },
  {
    name: 'waveform-gradual',
    spec: 'drift(waveform(addNoise=true,seed={seed}),waveform-drift(addNoise=true,numberAttributesDrift=10,seed={seed+1}),position=50000,width=10000,randomSeed={seed})',
    instances: 100_000,
    description: 'Waveform with 19 noise attributes (40 in all, 3 classes); 10 attributes swap gradually around 50,000',
    tags: ['gradual', 'many-features'],
  },
];

/** The spec of a suite scenario for a seed (placeholders filled in); unknown names are `INVALID_SPEC`. */
export function suiteSpec(name: string, seed = 1): string {
  const s = SUITE.find((x) => x.name === name);
  if (!s) throw new TributaryError('INVALID_SPEC', `unknown suite scenario "suite:${name}"; known: ${SUITE.map((x) => x.name).join(', ') || '(none)'}`);
  return s.spec.replace(/\{seed(?:\+(\d+))?\}/g, (_, k: string | undefined) => String(seed + Number(k ?? 0)));
}
