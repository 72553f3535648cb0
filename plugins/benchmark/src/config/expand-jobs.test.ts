import { PluginRegistry, type PluginManifest } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { plugins } from '../../test/fixtures/test-plugins.js';
import { parseBenchConfig } from './load-bench-config.js';
import { expandJobs, wildcardMatch } from './expand-jobs.js';

const fakeRiver: PluginManifest = {
  id: 'fake-river',
  kind: 'session-provider',
  version: '0.0.0',
  description: 'a provider that is never opened',
  prefix: 'river:',
  openSession: () => Promise.reject(new Error('not in this test')),
};

function registry(): PluginRegistry {
  const majority = plugins.find((p) => p.id === 'test-majority')!;
  // The native majority learner names a River equivalent, so the bridged one inherits "not randomised".
  return new PluginRegistry().register(...plugins.filter((p) => p !== majority), { ...majority, equivalents: { river: { id: 'river:dummy.PriorClassifier', params: {} } } } as PluginManifest, fakeRiver);
}

describe('expandJobs', () => {
  it('runs randomised learners once per seed and the others once', async () => {
    const { config } = parseBenchConfig(
      'seeds: [1, 2, 3]\nlearners: [test-majority, test-noisy, "river:dummy.PriorClassifier", "river:forest.ARFClassifier", {id: test-noisy(slowMs=1), label: n2, randomized: false}]\nstreams: [a, b]\n',
    );
    const jobs = await expandJobs(config, registry());
    const count = (learner: string) => jobs.filter((j) => j.learner === learner).length;
    expect(count('test-majority')).toBe(2);
    expect(count('test-noisy')).toBe(6);
    expect(count('river:dummy.PriorClassifier')).toBe(2);
    expect(count('river:forest.ARFClassifier')).toBe(6);
    expect(count('n2')).toBe(2);
    expect(new Set(jobs.map((j) => j.key)).size).toBe(jobs.length);
    expect(jobs.map((j) => j.index)).toEqual(jobs.map((_, i) => i));
    expect(jobs.find((j) => j.learner === 'n2')).toMatchObject({ learnerId: 'test-noisy', params: { slowMs: 1 }, implementation: 'native', seed: 1 });
    expect(jobs.find((j) => j.learnerId.startsWith('river:'))!.implementation).toBe('river');
  });

  it('applies caps in order: global, stream, learner, then limit rules', async () => {
    const { config } = parseBenchConfig(`
maxInstances: 1000
budget: {timeSeconds: 60, memoryMB: 500}
learners:
  - test-majority
  - {id: test-noisy, maxInstances: 300, memoryMB: 900}
streams:
  - big
  - {spec: "gen(seed={seed})", label: gen, maxInstances: 2000}
limits:
  - {learner: "test-n*", stream: "g*", maxInstances: 50, timeSeconds: 5, reason: slow on gen}
`);
    const jobs = await expandJobs(config, registry());
    const job = (learner: string, stream: string) => jobs.find((j) => j.learner === learner && j.stream === stream)!;
    expect(job('test-majority', 'big')).toMatchObject({ maxInstances: 1000, timeSeconds: 60, memoryMB: 500 });
    expect(job('test-majority', 'big').capReason).toBeUndefined();
    expect(job('test-majority', 'gen')).toMatchObject({ maxInstances: 2000, streamSpec: 'gen(seed=1)' });
    expect(job('test-noisy', 'big')).toMatchObject({ maxInstances: 300, memoryMB: 900, timeSeconds: 60 });
    expect(job('test-noisy', 'gen')).toMatchObject({ maxInstances: 50, timeSeconds: 5, capReason: 'slow on gen' });
  });

  it('rejects unknown learners, bad hyperparameters, missing bridges and duplicate names', async () => {
    const expand = (text: string) => expandJobs(parseBenchConfig(text).config, registry());
    await expect(expand('learners: [test-majorty]\nstreams: [a]')).rejects.toThrow(/learners\[0\] \("test-majorty"\): unknown plugin "test-majorty"; did you mean "test-majority"/);
    await expect(expand('learners: ["test-majority(slowMs=-1)"]\nstreams: [a]')).rejects.toThrow(/slowMs/);
    await expect(expand('learners: ["moa:trees.HoeffdingTree"]\nstreams: [a]')).rejects.toThrow(/no bridge handles "moa:" learners; installed bridges: river:/);
    await expect(expand('learners: [test-majority, {id: test-noisy, label: test-majority}]\nstreams: [a]')).rejects.toThrow(/two learners are named "test-majority"/);
    await expect(expand('learners: [test-majority]\nstreams: ["suite:*"]')).rejects.toThrow(/no stream suite is available/);
  });

  it('expands suite patterns through the given lister, capping each scenario at its own length', async () => {
    const suite = [{ spec: 'suite:sea-abrupt', instances: 100 }, { spec: 'suite:agrawal-gradual', instances: 200 }, { spec: 'suite:sea-gradual' }];
    const { config } = parseBenchConfig('learners: [test-majority]\nstreams: ["suite:sea-*", {spec: "suite:agrawal-gradual", label: ag, maxInstances: 50}, c]\n');
    const jobs = await expandJobs(config, registry(), () => suite);
    expect(jobs.map((j) => [j.stream, j.maxInstances])).toEqual([['suite:sea-abrupt', 100], ['suite:sea-gradual', undefined], ['ag', 50], ['c', undefined]]);
    // a seed suffix carries over to every scenario a pattern matches; {seed} becomes each job's seed
    const seeded = await expandJobs(parseBenchConfig('seeds: [1, 2]\nlearners: [test-noisy]\nstreams: ["suite:sea-*(seed={seed})", "suite:agrawal-gradual(seed=7)"]').config, registry(), () => suite);
    expect(seeded.map((j) => [j.stream, j.streamSpec])).toEqual([
      ['suite:sea-abrupt(seed={seed})', 'suite:sea-abrupt(seed=1)'],
      ['suite:sea-abrupt(seed={seed})', 'suite:sea-abrupt(seed=2)'],
      ['suite:sea-gradual(seed={seed})', 'suite:sea-gradual(seed=1)'],
      ['suite:sea-gradual(seed={seed})', 'suite:sea-gradual(seed=2)'],
      ['suite:agrawal-gradual(seed=7)', 'suite:agrawal-gradual(seed=7)'],
      ['suite:agrawal-gradual(seed=7)', 'suite:agrawal-gradual(seed=7)'],
    ]);
    await expect(expandJobs(parseBenchConfig('learners: [test-majority]\nstreams: ["suite:nope"]').config, registry(), () => suite)).rejects.toThrow(/matches no scenario of the suite; known: suite:sea-abrupt/);
    await expect(expandJobs(parseBenchConfig('learners: [test-majority]\nstreams: ["suite:sea-abrupt(seed=two)"]').config, registry(), () => suite)).rejects.toThrow(/"suite:sea-abrupt\(seed=two\)" matches no scenario/);
    const warnings: string[] = [];
    const partial = await expandJobs(parseBenchConfig('learners: [test-majority]\nstreams: ["suite:x*", c]').config, registry(), () => suite, (w) => warnings.push(w));
    expect(partial.map((j) => j.stream)).toEqual(['c']);
    expect(warnings).toEqual([expect.stringMatching(/"suite:x\*" matches no scenario/)]);
  });
});

describe('wildcardMatch', () => {
  it('matches * against any run of characters and the rest literally', () => {
    expect(wildcardMatch('river:*', 'river:forest.ARFClassifier')).toBe(true);
    expect(wildcardMatch('*forest*', 'river:forest.ARFClassifier')).toBe(true);
    expect(wildcardMatch('river:*', 'moa:meta.OzaBag')).toBe(false);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('*', '')).toBe(true);
  });
});
