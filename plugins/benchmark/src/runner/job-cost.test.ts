import { describe, expect, it } from 'vitest';
import type { BenchJob } from '../config/expand-jobs.js';
import { expectedJobSeconds } from './job-cost.js';

function job(learner: string, stream: string, maxInstances?: number): BenchJob {
  return { key: `${learner}|${stream}`, index: 0, learner, learnerId: learner, params: {}, implementation: 'native', stream, streamSpec: stream, seed: 1, ...(maxInstances ? { maxInstances } : {}) };
}

describe('expectedJobSeconds', () => {
  const lengths = new Map([['long', 100_000], ['short', 1_000]]);

  it('prices a job at its learner rate times the instances it will see, the cap when smaller', () => {
    const rates = new Map([['slow', 1e-3], ['fast', 1e-5]]);
    const costs = expectedJobSeconds([job('slow', 'long'), job('fast', 'long')], rates, lengths);
    expect(costs.get('slow|long')).toBeCloseTo(100, 9);
    expect(costs.get('fast|long')).toBeCloseTo(1, 9);
    // A 20,000 cap binds on the long stream, not on the short one.
    const capped = expectedJobSeconds([job('slow', 'long', 20_000)], rates, lengths);
    expect(capped.get('slow|long')).toBeCloseTo(20, 9);
    const short = expectedJobSeconds([job('slow', 'short', 20_000)], rates, lengths);
    expect(short.get('slow|short')).toBeCloseTo(1, 9);
  });

  it('falls back to the median rate for a learner never seen and the median length for an unknown stream', () => {
    const rates = new Map([['a', 1e-4], ['b', 3e-4], ['c', 5e-4]]);
    const costs = expectedJobSeconds([job('new', 'long'), job('a', 'mystery'), job('a', 'short')], rates, lengths);
    expect(costs.get('new|long')).toBeCloseTo(3e-4 * 100_000, 9);
    // known lengths of the jobs: 100,000 and 1,000, median 50,500
    expect(costs.get('a|mystery')).toBeCloseTo(1e-4 * 50_500, 9);
  });

  it('weighs every job alike with no history', () => {
    const costs = expectedJobSeconds([job('a', 'x'), job('b', 'y')], new Map(), new Map());
    expect([...costs.values()]).toEqual([1, 1]);
  });
});
