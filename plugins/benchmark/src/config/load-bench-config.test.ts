import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_CONFIG_SCHEMA_PATH, parseBenchConfig } from './load-bench-config.js';

function errorOf(text: string): string {
  try {
    parseBenchConfig(text, 'grid.yaml');
  } catch (e) {
    expect((e as { code?: string }).code).toBe('CONFIG_ERROR');
    return (e as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseBenchConfig', () => {
  it('fills the defaults of the published schema', () => {
    const { config } = parseBenchConfig('learners: [naive-bayes]\nstreams: [electricity]\n');
    expect(config.seeds).toEqual([1]);
    expect(config.evaluator).toEqual({ windowSize: 1000, checkpointEvery: 10000 });
    expect(config.metrics).toContain('kappa');
    expect(config.limits).toEqual([]);
    expect(config.plugins).toEqual([]);
  });

  it('reads JSON as well as YAML, and hashes equal configs equally whatever the formatting', () => {
    const yaml = parseBenchConfig('streams: [electricity]\nlearners:\n  - naive-bayes\nseeds: [1, 2]\n');
    const json = parseBenchConfig('{"learners": ["naive-bayes"], "seeds": [1,2], "streams": ["electricity"]}');
    expect(json.config).toEqual(yaml.config);
    expect(json.hash).toBe(yaml.hash);
    expect(parseBenchConfig('learners: [naive-bayes]\nstreams: [electricity]\nseeds: [3]\n').hash).not.toBe(yaml.hash);
  });

  it('names the line, the field and what is allowed for each error', () => {
    const message = errorOf(
      ['learners:', '  - id: hoeffding-tree', '    gracePeriod: 50', 'streams: [electricity]', 'seeds: [1, "two"]', 'evaluator:', '  windowSize: 0', 'metrics: [acuracy]'].join('\n'),
    );
    expect(message).toContain('grid.yaml:3:5: unknown field "gracePeriod" in learners[0]; allowed: id, params, label');
    expect(message).toContain('grid.yaml:5:12: seeds[1] is string "two"; it must be integer');
    expect(message).toContain('grid.yaml:7:15: evaluator.windowSize must be >= 1');
    expect(message).toMatch(/grid\.yaml:8:11: metrics\[0\] is "acuracy"; allowed: "accuracy"/);
    // Reported in line order.
    expect(message.indexOf(':3:5:')).toBeLessThan(message.indexOf(':8:11:'));
  });

  it('reports a missing field at its object and a syntax error at its line', () => {
    expect(errorOf('learners: [a]\nstreams:\n  - label: x\n')).toContain('grid.yaml:3:5: streams[0] needs a "spec" field');
    expect(errorOf('learners: [a]\n')).toContain('(top level) needs a "streams" field');
    expect(errorOf('learners: [a\nstreams: b\n')).toMatch(/not valid YAML\/JSON:\n {2}grid\.yaml:\d+:\d+:/);
    expect(errorOf('{"learners": ["a"], "streams": [], "budget": {"timeSeconds": -1}}')).toMatch(/streams must NOT have fewer than 1 items[\s\S]*budget\.timeSeconds must be > 0/);
  });

  it('publishes a JSON Schema that documents every field', () => {
    const schema = JSON.parse(readFileSync(BENCH_CONFIG_SCHEMA_PATH, 'utf8')) as { properties: Record<string, { description?: string }> };
    for (const [name, property] of Object.entries(schema.properties)) {
      if (name === 'budget') continue; // a $ref, described in definitions
      expect(property.description, name).toBeTruthy();
    }
  });
});
