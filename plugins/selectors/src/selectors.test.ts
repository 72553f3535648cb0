import { describe, expect, it } from 'vitest';
import { BaseLearner, PluginRegistry, Random, StreamSchema, argMax, type HyperparametersSchema, type LearnerContext, type LearnerManifest } from '@tributary/core';
import { plugins } from './index.js';
import { buildSearchSpace, mutateConfiguration, rangesOf, sampleConfiguration } from './search-space.js';

/** A threshold learner on feature 0 with a searchable threshold: a stand-in third-party learner. */
const stumpSchema: HyperparametersSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    threshold: { type: 'number', default: 0.5, minimum: 0, maximum: 1, description: 'split point on feature 0', 'x-search': { minimum: 0, maximum: 1 } },
    rate: { type: 'number', default: 0.1, exclusiveMinimum: 0, maximum: 10, description: 'unused rate', 'x-search': { log: true, minimum: 0.001, maximum: 10 } },
    mode: { type: 'string', enum: ['a', 'b'], default: 'a', description: 'a mode' },
    detail: { type: 'integer', default: 3, minimum: 1, maximum: 9, description: 'only for mode b', 'x-search': { minimum: 1, maximum: 9, when: { mode: 'b' } } },
  },
};
class Stump extends BaseLearner<{ threshold: number }> {
  constructor(params: Partial<{ threshold: number }>, context: LearnerContext, schema = stumpSchema) {
    super({ id: 'stump', hyperparameters: schema }, params, context);
  }
  private counts = new Float64Array(8);
  learnOne(x: Float64Array, y: number): void {
    const side = x[0] > this.params.threshold ? 1 : 0;
    if (this.counts.length < 2 * (y + 1)) {
      const grown = new Float64Array(4 * (y + 1));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[2 * y + side]++;
  }
  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    const side = x[0] > this.params.threshold ? 1 : 0;
    for (let c = 0; c < k && 2 * c + 1 < this.counts.length; c++) out[c] = this.counts[2 * c + side];
  }
}
const stump: LearnerManifest = { id: 'stump', kind: 'learner', version: '1.0.0', description: 'A decision stump.', family: 'test', hyperparameters: stumpSchema, create: (p, c) => new Stump(p, c) };
const constant: LearnerManifest = { ...stump, id: 'always-first', create: (p, c) => new (class extends Stump { protected override predictInto(_x: Float64Array, out: Float64Array) { out[0] = 1; } })(p, c) };

/** Predictions made per threshold, to check which candidates a selector asks. */
const predictions = new Map<number, number>();
const counting: LearnerManifest = {
  ...stump,
  id: 'counting-stump',
  create: (p, c) =>
    new (class extends Stump {
      protected override predictInto(x: Float64Array, out: Float64Array, k: number) {
        predictions.set(this.params.threshold, (predictions.get(this.params.threshold) ?? 0) + 1);
        super.predictInto(x, out, k);
      }
    })(p, c),
};
/** A stump that declares an ensemble size: Confluence counts it as that many base models. */
const sizedSchema: HyperparametersSchema = { ...stumpSchema, properties: { ...stumpSchema.properties, ensembleSize: { type: 'integer', default: 4, minimum: 1, maximum: 100, description: 'cost' } } };
const sized: LearnerManifest = { ...stump, id: 'sized-stump', hyperparameters: sizedSchema, create: (p, c) => new Stump(p, c, sizedSchema) };

/** Predicts the first class until it has learned 1,000 instances, then as a stump at 0.3: a slow starter. */
const lateBloomer: LearnerManifest = {
  ...stump,
  id: 'late-bloomer',
  create: (p, c) =>
    new (class extends Stump {
      private learned = 0;
      override learnOne(x: Float64Array, y: number): void {
        this.learned++;
        super.learnOne(x, y);
      }
      protected override predictInto(x: Float64Array, out: Float64Array, k: number) {
        if (this.learned < 1000) out[0] = 1;
        else out[x[0] > 0.3 ? 1 : 0] = 1;
        void k;
      }
    })(p, c),
};

const registry = new PluginRegistry().register(stump, constant, counting, sized, lateBloomer, ...plugins);

function prequentialAccuracy(id: string, params: Record<string, unknown>, n = 4000, flipAt = Infinity): { accuracy: number; after: number } {
  const schema = StreamSchema.numeric(2, ['a', 'b']);
  const learner = registry.createLearner({ id, params }, { schema, seed: 3 });
  const random = new Random(9);
  let correct = 0;
  let afterCorrect = 0;
  const x = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    x[0] = random.nextDouble();
    x[1] = random.nextDouble();
    let y = x[0] > 0.3 ? 1 : 0;
    if (i >= flipAt) y = 1 - y;
    const p = learner.predictProbaOne(x);
    const hit = argMax(p, 2) === y ? 1 : 0;
    correct += hit;
    if (i >= flipAt + 500) afterCorrect += hit;
    learner.learnOne(x, y);
  }
  return { accuracy: correct / n, after: Number.isFinite(flipAt) ? afterCorrect / (n - flipAt - 500) : NaN };
}

describe('search spaces from plugin schemas', () => {
  it('reads ranges, log scales, choices and conditions from a third-party schema', () => {
    const ranges = rangesOf(stump);
    expect(ranges.map((r) => r.name)).toEqual(['threshold', 'rate', 'mode', 'detail']);
    expect(ranges.find((r) => r.name === 'rate')).toMatchObject({ kind: 'number', log: true, minimum: 0.001, maximum: 10 });
    const [space] = buildSearchSpace({ learners: ['stump'] }, (id) => registry.learnerManifest(id));
    const random = new Random(1);
    for (let i = 0; i < 200; i++) {
      const configuration = sampleConfiguration(space, random);
      expect(configuration.params.threshold as number).toBeGreaterThanOrEqual(0);
      expect(configuration.params.threshold as number).toBeLessThanOrEqual(1);
      expect('detail' in configuration.params).toBe(configuration.params.mode === 'b');
      // every sample and every mutation is a valid configuration of the learner
      registry.createLearner(configuration, { schema: StreamSchema.numeric(2, ['a']), seed: 1 });
      registry.createLearner(mutateConfiguration(configuration, space, random), { schema: StreamSchema.numeric(2, ['a']), seed: 1 });
    }
  });

  it('rejects an invalid space declaration with its path', () => {
    expect(() => buildSearchSpace({ learners: [{ id: 'stump', bogus: 1 }] }, (id) => registry.learnerManifest(id))).toThrow(/invalid search space at "\/learners\/0"/);
    expect(() => buildSearchSpace({ learners: ['no-such'] }, (id) => registry.learnerManifest(id))).toThrow(/unknown plugin "no-such"/);
  });
});

describe('selectors pick the better candidate', () => {
  const pool = ['always-first', 'stump(threshold=0.9)', 'stump(threshold=0.3)'];
  for (const [id, params] of [
    ['best-so-far', { candidates: pool }],
    ['successive-halving', { candidates: pool, budget: 900 }],
    ['bandit', { candidates: pool, policy: 'ucb' }],
    ['bandit', { candidates: pool, policy: 'thompson' }],
    ['bandit', { candidates: pool, policy: 'epsilon-greedy' }],
    ['evo-automl', { space: { learners: ['stump', 'always-first'] }, populationSize: 6, mutationInterval: 200 }],
    ['confluence', { pool, vote: false }],
    ['confluence', { pool }],
  ] as [string, Record<string, unknown>][]) {
    it(`${id} ${JSON.stringify(params.policy ?? params.vote ?? '')} beats the weak candidates`, () => {
      // the perfect stump scores 1.0; the others at most 0.7
      expect(prequentialAccuracy(id, params).accuracy).toBeGreaterThan(0.9);
    });
  }

  it('confluence recovers after an abrupt drift (labels flip), with drift reaction and warm start', () => {
    const result = prequentialAccuracy('confluence', { pool: ['stump(threshold=0.3)', 'stump(threshold=0.9)'], maxCandidates: 6 }, 8000, 4000);
    const frozen = prequentialAccuracy('best-so-far', { candidates: ['stump(threshold=0.3)', 'stump(threshold=0.9)'] }, 8000, 4000);
    // stumps count forever, so they relearn slowly after the flip; fresh copies trained on post-drift instances recover fast
    expect(result.after).toBeGreaterThan(frozen.after + 0.1);
    const learner = registry.createLearner({ id: 'confluence', params: { pool: ['stump(threshold=0.3)'] } }, { schema: StreamSchema.numeric(2, ['a', 'b']), seed: 1 });
    expect(learner.measurements?.().candidates).toBe(1);
  });
  it('confluence racing retires a clearly worse candidate and adds challengers mutated from the leader', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const learner = registry.createLearner({ id: 'confluence', params: { pool: ['always-first', 'stump(threshold=0.3)', 'stump(threshold=0.9)'], driftReaction: false, maxCandidates: 5 } }, { schema, seed: 2 });
    const random = new Random(4);
    const x = new Float64Array(2);
    for (let i = 0; i < 3000; i++) {
      x[0] = random.nextDouble();
      x[1] = random.nextDouble();
      learner.predictProbaOne(x);
      learner.learnOne(x, x[0] > 0.3 ? 1 : 0);
    }
    const specs = (learner as unknown as { candidateStatus(): { spec: string }[] }).candidateStatus().map((c) => c.spec);
    // always-first is right 30 % of the time against the leader's 100 %: far outside both Hoeffding bounds
    expect(specs).not.toContain('always-first');
    expect(learner.measurements?.().retired).toBeGreaterThanOrEqual(1);
    // challengers are stumps with thresholds the initial pool did not have
    expect(specs.some((s) => s.startsWith('stump') && !s.includes('threshold=0.3)') && !s.includes('threshold=0.9)'))).toBe(true);
    expect(specs.length).toBeLessThanOrEqual(5);
  });

  it('confluence brings back a family racing retired too early, and tries a family that keeps losing ever more rarely', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const run = (reviveFamilies: boolean) => {
      const pool = ['stump(threshold=0.35)', 'late-bloomer', 'always-first', 'stump(threshold=0.9)'];
      const learner = registry.createLearner({ id: 'confluence', params: { pool, reviveFamilies, driftReaction: false, maxChallengers: 0, scoreFraction: 1 } }, { schema, seed: 3 });
      const random = new Random(5);
      const x = new Float64Array(2);
      let lateCorrect = 0;
      for (let i = 0; i < 40_000; i++) {
        x[0] = random.nextDouble();
        x[1] = random.nextDouble();
        const y = x[0] > 0.3 ? 1 : 0;
        if (i >= 36_000) lateCorrect += argMax(learner.predictProbaOne(x), 2) === y ? 1 : 0;
        learner.learnOne(x, y);
      }
      const specs = (learner as unknown as { candidateStatus(): { spec: string }[] }).candidateStatus().map((c) => c.spec);
      return { specs, revivals: learner.measurements!().revivals, lateAccuracy: lateCorrect / 4000 };
    };
    const revived = run(true);
    const without = run(false);
    // the slow starter loses its first race (1,000 instances of one class), comes back warm-started and leads
    expect(without.specs).not.toContain('late-bloomer');
    expect(revived.specs).toContain('late-bloomer');
    expect(revived.lateAccuracy).toBeGreaterThan(0.99);
    expect(without.lateAccuracy).toBeLessThan(0.97);
    // always-first loses every trial: back after 4,000 and then 16,000 instances, not a third time within 40,000
    expect(revived.specs).not.toContain('always-first');
    expect(revived.revivals).toBe(3);
    expect(without.revivals).toBe(0);
  });

  it('confluence keeps the pool within its compute budget while drift copies join', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const run = (maxCost: number) => {
      const learner = registry.createLearner({ id: 'confluence', params: { pool: ['sized-stump(threshold=0.3)', 'stump(threshold=0.9)', 'stump(threshold=0.5)'], racing: false, maxCost, minRaceInstances: 200 } }, { schema, seed: 5 });
      const random = new Random(6);
      const x = new Float64Array(2);
      let highest = 0;
      for (let i = 0; i < 8000; i++) {
        x[0] = random.nextDouble();
        x[1] = random.nextDouble();
        // the labels flip every 1000 instances: the leader's errors drift again and again
        const y = (x[0] > 0.3 ? 1 : 0) ^ (Math.floor(i / 1000) % 2);
        learner.predictProbaOne(x);
        learner.learnOne(x, y);
        highest = Math.max(highest, learner.measurements!().cost);
      }
      return { highest, drifts: learner.measurements!().drifts, retired: learner.measurements!().retired };
    };
    const bounded = run(7);
    const unbounded = run(1000);
    expect(bounded.drifts).toBeGreaterThan(2);
    // initial pool: 4 + 1 + 1; a copy of the sized leader (4 more) must push a cheap one out first
    expect(bounded.highest).toBeLessThanOrEqual(7);
    expect(bounded.retired).toBeGreaterThan(0);
    expect(unbounded.highest).toBeGreaterThan(7);
  });

  it('confluence scores candidates outside the vote on a sample of the instances only', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const asked = (scoreFraction: number) => {
      predictions.clear();
      const learner = registry.createLearner({ id: 'confluence', params: { pool: ['counting-stump(threshold=0.3)', 'counting-stump(threshold=0.9)'], voteSize: 1, scoreFraction, racing: false, driftReaction: false } }, { schema, seed: 7 });
      const random = new Random(8);
      const x = new Float64Array(2);
      for (let i = 0; i < 4000; i++) {
        x[0] = random.nextDouble();
        x[1] = random.nextDouble();
        learner.predictProbaOne(x);
        learner.learnOne(x, x[0] > 0.3 ? 1 : 0);
      }
      return { leader: predictions.get(0.3) ?? 0, loser: predictions.get(0.9) ?? 0 };
    };
    // the leader predicts once per instance (the evaluator's prediction is reused for its score)
    expect(asked(1)).toEqual({ leader: 4000, loser: 4000 });
    const sampled = asked(0.25);
    expect(sampled.leader).toBe(4000);
    expect(sampled.loser).toBeGreaterThan(800);
    expect(sampled.loser).toBeLessThan(1200);
  });

  it('every selector predicts a refilled buffer as it predicts fresh arrays (the cache is keyed by values)', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const specs: [string, Record<string, unknown>][] = [
      ['best-so-far', { candidates: pool }],
      ['successive-halving', { candidates: pool, budget: 900 }],
      ['bandit', { candidates: pool }],
      ['evo-automl', { space: { learners: ['stump', 'always-first'] }, populationSize: 4 }],
      ['confluence', { pool }],
    ];
    for (const [id, params] of specs) {
      const reused = registry.createLearner({ id, params }, { schema, seed: 5 });
      const fresh = registry.createLearner({ id, params }, { schema, seed: 5 });
      const random = new Random(4);
      const buffer = new Float64Array(2);
      for (let i = 0; i < 600; i++) {
        const first = [random.nextDouble(), random.nextDouble()];
        const second = [random.nextDouble(), random.nextDouble()];
        // Ask about two instances in turn through one buffer before learning: a reference-keyed cache would answer the second with the first's prediction.
        buffer.set(first);
        const p1 = Array.from(reused.predictProbaOne(buffer).subarray(0, 2));
        buffer.set(second);
        const p2 = Array.from(reused.predictProbaOne(buffer).subarray(0, 2));
        expect(p1, `${id} at ${i}`).toEqual(Array.from(fresh.predictProbaOne(Float64Array.from(first)).subarray(0, 2)));
        expect(p2, `${id} at ${i}`).toEqual(Array.from(fresh.predictProbaOne(Float64Array.from(second)).subarray(0, 2)));
        const y = second[0] > 0.3 ? 1 : 0;
        reused.learnOne(buffer, y);
        fresh.learnOne(Float64Array.from(second), y);
      }
    }
  });

  it('bandit asks only the pulled arm and the best one to predict after the burn-in', () => {
    predictions.clear();
    const thresholds = [0.1, 0.3, 0.5, 0.7, 0.9];
    const learner = registry.createLearner({ id: 'bandit', params: { candidates: thresholds.map((t) => `counting-stump(threshold=${t})`), burnIn: 100 } }, { schema: StreamSchema.numeric(2, ['a', 'b']), seed: 1 });
    const random = new Random(2);
    const x = new Float64Array(2);
    for (let i = 0; i < 2000; i++) {
      x[0] = random.nextDouble();
      x[1] = random.nextDouble();
      learner.predictProbaOne(x);
      learner.learnOne(x, x[0] > 0.3 ? 1 : 0);
    }
    const total = [...predictions.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(100 * thresholds.length + 2 * 1900);
    expect(total).toBeGreaterThanOrEqual(100 * thresholds.length + 1900);
  });
});
