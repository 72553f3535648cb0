import { describe, expect, it } from 'vitest';
import type { BenchJob } from '../config/expand-jobs.js';
import { expectedJobSeconds, fitCostModel, type FinishedJobCost } from './job-cost.js';

function job(learner: string, stream: string, maxInstances?: number): BenchJob {
  return { key: `${learner}|${stream}`, index: 0, learner, learnerId: learner, params: {}, implementation: 'native', stream, streamSpec: stream, seed: 1, ...(maxInstances ? { maxInstances } : {}) };
}

function finished(learner: string, stream: string, perInstance: number, instances = 1_000): FinishedJobCost {
  return { learner, stream, instances, cpuSeconds: perInstance * instances };
}

describe('fitCostModel', () => {
  it('prices a learner on a stream it never ran from its cost elsewhere and what other learners paid there', () => {
    // Exactly multiplicative costs: `wide` costs every learner 20 times `narrow`; `ref` costs 5 times `native`.
    const model = fitCostModel([
      finished('native', 'narrow', 1e-5),
      finished('native', 'wide', 2e-4),
      finished('ref', 'narrow', 5e-5),
    ]);
    expect(model.fitted).toBe(true);
    expect(model.perInstance('ref', 'wide')).toBeCloseTo(1e-3, 12);
    expect(model.perInstance('native', 'wide')).toBeCloseTo(2e-4, 12);
  });

  it('corrects the back-transformed log mean upwards when the costs scatter (smearing)', () => {
    // The same learner and stream at 1 and 4 µs per instance: the log mean gives 2 µs, the mean cost is 2.5 µs.
    const model = fitCostModel([finished('a', 's', 1e-6), finished('a', 's', 4e-6)]);
    expect(model.perInstance('a', 's')).toBeCloseTo(2.5e-6, 15);
  });

  it('gives an unseen learner the median learner effect and an unseen stream the typical stream effect', () => {
    const model = fitCostModel([
      finished('cheap', 'x', 1e-6), finished('mid', 'x', 1e-5), finished('dear', 'x', 1e-4),
      finished('cheap', 'y', 4e-6), finished('mid', 'y', 4e-5), finished('dear', 'y', 4e-4),
    ]);
    expect(model.perInstance('new', 'x')).toBeCloseTo(1e-5, 12);
    // Stream effects x and y are 1 and 4 around their geometric centre 2.
    expect(model.perInstance('mid', 'unseen')).toBeCloseTo(2e-5, 12);
  });

  it('ignores jobs with no instances and is unfitted without history', () => {
    expect(fitCostModel([]).fitted).toBe(false);
    expect(fitCostModel([{ learner: 'a', stream: 's', instances: 0, cpuSeconds: 1 }]).fitted).toBe(false);
  });
});

describe('expectedJobSeconds', () => {
  const lengths = new Map([['long', 100_000], ['short', 1_000]]);
  const model = fitCostModel([finished('slow', 'long', 1e-3), finished('fast', 'long', 1e-5), finished('slow', 'short', 1e-3)]);

  it('prices a job at its cost per instance times the instances it will see, the cap when smaller', () => {
    const costs = expectedJobSeconds([job('slow', 'long'), job('fast', 'long')], model, lengths);
    expect(costs.get('slow|long')).toBeCloseTo(100, 6);
    expect(costs.get('fast|long')).toBeCloseTo(1, 6);
    // A 20,000 cap binds on the long stream, not on the short one.
    expect(expectedJobSeconds([job('slow', 'long', 20_000)], model, lengths).get('slow|long')).toBeCloseTo(20, 6);
    expect(expectedJobSeconds([job('slow', 'short', 20_000)], model, lengths).get('slow|short')).toBeCloseTo(1, 6);
  });

  it('counts the median known length for a stream of unknown length', () => {
    // known lengths of the jobs: 100,000 and 1,000, median 50,500
    const costs = expectedJobSeconds([job('slow', 'mystery'), job('slow', 'short'), job('slow', 'long')], model, lengths);
    expect(costs.get('slow|mystery')).toBeCloseTo(model.perInstance('slow', 'mystery') * 50_500, 6);
  });

  it('weighs every job alike with no history', () => {
    const costs = expectedJobSeconds([job('a', 'x'), job('b', 'y')], fitCostModel([]), new Map());
    expect([...costs.values()]).toEqual([1, 1]);
  });
});
