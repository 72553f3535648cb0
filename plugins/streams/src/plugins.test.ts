import { PluginRegistry, type GenericManifest, type StreamSource } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { plugins } from './plugins.js';
import { GENERATORS } from './generators/definitions.js';
import { listStreams } from './list-streams.js';
import { SUITE, suiteSpec } from './suite.js';
import { namePositionalArguments, parseGeneratorSpec } from './stream-spec.js';
import { parseStreamSpec } from './open-stream.js';

describe('stream plugins', () => {
  it('every generator is a valid `stream` manifest (schemas compile, defaults valid) and creates a stream', async () => {
    const registry = new PluginRegistry().register(...plugins);
    expect(registry.list('stream').map((m) => m.id).sort()).toEqual(GENERATORS.map((g) => `generator:${g.id}`).sort());
    expect(registry.has('sea')).toBe(false); // the bare name is the dataset
    const sea = registry.get('generator:sea') as GenericManifest;
    const stream = sea.create({ function: 3, noisePercentage: 0 }, { maxInstances: 5, seed: 9 }) as StreamSource;
    const batch = await stream.nextBatch(10);
    expect(batch!.n).toBe(5);
    expect(stream.id).toBe('sea(function=3,noisePercentage=0)');
    for (let i = 0; i < batch!.n; i++) expect(batch!.y[i]).toBe(batch!.x[i * 3] + batch!.x[i * 3 + 1] <= 7 ? 0 : 1);
  });

  it('listStreams lists datasets, generators and the suite', async () => {
    const rows = await listStreams();
    expect(rows.filter((r) => r.kind === 'dataset')).toHaveLength(21);
    expect(rows.filter((r) => r.kind === 'generator')).toHaveLength(GENERATORS.length);
    expect(rows.filter((r) => r.kind === 'suite').map((r) => r.id)).toEqual(SUITE.map((s) => `suite:${s.name}`));
    expect(rows.some((r) => r.kind === 'fetch-only dataset' && r.id === 'covertype')).toBe(true);
  });

  it('every suite scenario parses, and the suite covers the required kinds', () => {
    expect(SUITE.length).toBeGreaterThanOrEqual(12);
    for (const s of SUITE) expect(() => parseGeneratorSpec(suiteSpec(s.name, 7))).not.toThrow();
    const tags = new Set(SUITE.flatMap((s) => s.tags));
    for (const kind of ['abrupt', 'gradual', 'incremental', 'recurring', 'noise', 'imbalanced', 'many-classes', 'many-features']) expect(tags.has(kind)).toBe(true);
    expect(new Set(SUITE.map((s) => s.name)).size).toBe(SUITE.length);
  });
});

describe('stream specs', () => {
  it('names positional arguments of drift specs, nested and quoted', () => {
    expect(namePositionalArguments('drift(sea(function=1), sea(function=3), 50000, 1000)')).toBe('drift(stream=sea(function=1),driftStream=sea(function=3),position=50000,width=1000)');
    expect(namePositionalArguments('drift(drift(a,b,1,2),c,position=3)')).toBe('drift(stream=drift(stream=a,driftStream=b,position=1,width=2),driftStream=c,position=3)');
    expect(namePositionalArguments('csv(path="a,b.csv")')).toBe('csv(path="a,b.csv")');
  });

  it('tells datasets, files, suite entries and generators apart', () => {
    expect(parseStreamSpec('electricity').kind).toBe('dataset');
    expect(parseStreamSpec('sea').kind).toBe('dataset');
    expect(parseStreamSpec('sea()').kind).toBe('generator');
    expect(parseStreamSpec('generator:sea')).toMatchObject({ kind: 'generator', spec: { id: 'sea' } });
    expect(parseStreamSpec('data/x.csv.gz')).toMatchObject({ kind: 'file', format: 'csv' });
    expect(parseStreamSpec('/tmp/x.arff')).toMatchObject({ kind: 'file', format: 'arff' });
    expect(parseStreamSpec('suite:sea-abrupt').kind).toBe('suite');
    expect(parseStreamSpec('suite:sea-abrupt(seed=4)')).toMatchObject({ kind: 'suite', spec: expect.stringContaining('sea(function=2,seed=5)') });
    expect(parseStreamSpec('suite:sea-abrupt', { seed: 4 })).toEqual(parseStreamSpec('suite:sea-abrupt(seed=4)'));
    expect(() => parseStreamSpec('suite:sea-abrupt(4)')).toThrow(expect.objectContaining({ code: 'INVALID_SPEC' }));
    expect(parseStreamSpec('agrawal(function=3,seed=7)')).toMatchObject({ kind: 'generator', spec: { id: 'agrawal', params: { function: 3, seed: 7, perturbFraction: 0.05, balanceClasses: false } } });
    expect(parseStreamSpec('RandomRBF(classes=4)')).toMatchObject({ kind: 'generator', spec: { id: 'random-rbf', params: { numClasses: 4 } } });
    expect(() => parseStreamSpec('x.parquet/')).toThrow(expect.objectContaining({ code: 'INVALID_SPEC' }));
    expect(() => parseStreamSpec('')).toThrow(expect.objectContaining({ code: 'INVALID_SPEC' }));
    expect(() => parseStreamSpec('sea(noise=5,noisePercentage=6)')).toThrow(expect.objectContaining({ code: 'INVALID_SPEC', message: expect.stringContaining('twice') }));
  });
});
