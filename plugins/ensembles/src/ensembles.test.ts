import { describe, expect, it } from 'vitest';
import { BaseLearner, PluginRegistry, StreamSchema, TributaryError, type Learner, type LearnerContext, type LearnerManifest } from '@tributary/core';
import { describeLearnerContract } from '@tributary/core/testing';
import { AdaptiveRandomForest, AdwinBag, DynamicWeightedMajority, LeveragingBag, plugins, StreamingRandomPatches } from './index.js';
import { abruptFlipStream, prequentialAccuracy, prequentialOutputs } from './testing/synthetic.js';
import { tinyGaussianNaiveBayesManifest } from './testing/tiny-learners.js';

const registry = new PluginRegistry().register(...plugins, tinyGaussianNaiveBayesManifest);
const BASE = 'tiny-gaussian-nb';

/** Every ensemble with the tiny base and sizes small enough for fast tests. */
const SMALL: Record<string, Record<string, unknown>> = {
  'oza-bag': { baseLearner: BASE, ensembleSize: 5 },
  'oza-boost': { baseLearner: BASE, ensembleSize: 5 },
  'adwin-bag': { baseLearner: BASE, ensembleSize: 5 },
  'leveraging-bag': { baseLearner: BASE, ensembleSize: 5 },
  arf: { baseLearner: BASE, ensembleSize: 5 },
  srp: { baseLearner: BASE, ensembleSize: 5 },
  dwm: { baseLearner: BASE },
};
const IDS = Object.keys(SMALL);
/** Ensembles with a drift mechanism (replacement, background learners, expert turnover, or re-weighting by boosting). */
const DRIFT_AWARE = ['adwin-bag', 'leveraging-bag', 'arf', 'srp', 'dwm'];

function build(id: string, schemaSeed: { schema: ReturnType<typeof abruptFlipStream>['schema'] }, seed: number, params = SMALL[id]): Learner {
  return registry.createLearner({ id, params }, { schema: schemaSeed.schema, seed });
}

describe('manifests', () => {
  it('registers the seven ensembles with family, references and MOA equivalents', () => {
    expect(plugins.map((p) => p.id).sort()).toEqual(['adwin-bag', 'arf', 'dwm', 'leveraging-bag', 'oza-bag', 'oza-boost', 'srp']);
    for (const manifest of plugins as LearnerManifest[]) {
      expect(manifest.family).toBe('ensembles');
      expect(manifest.randomized).toBe(true);
      expect(manifest.references?.length).toBeGreaterThan(0);
      expect(manifest.equivalents?.moa?.id).toMatch(/^moa:meta\./);
      const base = manifest.hyperparameters.properties.baseLearner;
      expect(base['x-learner-spec']).toBe(true);
      expect(base.type).toEqual(['string', 'object']);
      expect(manifest.equivalents?.moa?.params.baseLearner).toBe('l');
    }
  });

  it('defaults follow MOA', () => {
    const defaults = (id: string) => registry.createLearner({ id, params: { baseLearner: BASE } }, { schema: abruptFlipStream(1, 1, 1).schema, seed: 1 }).params;
    expect(defaults('oza-bag')).toMatchObject({ ensembleSize: 10 });
    expect(defaults('oza-boost')).toMatchObject({ ensembleSize: 10, pureBoost: false });
    expect(defaults('adwin-bag')).toMatchObject({ ensembleSize: 10 });
    expect(defaults('leveraging-bag')).toMatchObject({ ensembleSize: 10, weightShrink: 6, deltaAdwin: 0.002, leveragingBagAlgorithm: 'LeveragingBag' });
    expect(defaults('arf')).toMatchObject({ ensembleSize: 100, mFeaturesMode: 'Percentage', mFeaturesPerTreeSize: 60, lambda: 6, driftDetectionDelta: 0.001, warningDetectionDelta: 0.01 });
    expect(defaults('srp')).toMatchObject({ ensembleSize: 100, subspaceMode: 'Percentage', subspaceSize: 60, trainingMethod: 'RandomPatches', lambda: 6, driftDetectionDelta: 1e-5, warningDetectionDelta: 1e-4 });
    expect(defaults('dwm')).toMatchObject({ period: 50, beta: 0.5, theta: 0.01, maxExperts: 2147483647 });
    const manifest = (id: string) => registry.learnerManifest(id).hyperparameters.properties.baseLearner.default;
    expect(manifest('oza-bag')).toBe('hoeffding-tree');
    expect(manifest('dwm')).toBe('naive-bayes');
    expect(manifest('arf')).toMatchObject({ id: 'arf-hoeffding-tree', params: { gracePeriod: 50, splitConfidence: 0.01 } });
    expect(manifest('srp')).toMatchObject({ id: 'hoeffding-tree', params: { gracePeriod: 50, splitConfidence: 0.01 } });
  });

  it('rejects bad hyperparameters with a coded error naming them', () => {
    const schema = abruptFlipStream(1, 1, 1).schema;
    expect(() => registry.createLearner({ id: 'arf', params: { lambda: 0 } }, { schema, seed: 1 })).toThrow(/lambda/);
    expect(() => registry.createLearner({ id: 'srp', params: { trainingMethod: 'Bagging' } }, { schema, seed: 1 })).toThrow(/trainingMethod/);
    expect(() => registry.createLearner({ id: 'oza-bag', params: { baseLearner: 'no-such-learner' } }, { schema, seed: 1 })).toThrow(/no-such-learner/);
  });

  it('needs a registry to build members', () => {
    const schema = abruptFlipStream(1, 1, 1).schema;
    try {
      new AdwinBag({ baseLearner: BASE }, { schema, seed: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TributaryError);
      expect((error as TributaryError).code).toBe('CONFIG_ERROR');
    }
  });
});

describe('seeding', () => {
  for (const id of IDS) {
    it(`${id}: same seed → same predictions`, () => {
      const a = abruptFlipStream(1500, 700, 3);
      const b = abruptFlipStream(1500, 700, 3);
      expect(prequentialOutputs(build(id, b, 42), b)).toEqual(prequentialOutputs(build(id, a, 42), a));
    });
  }

  for (const id of ['oza-bag', 'oza-boost', 'leveraging-bag', 'arf', 'srp']) {
    it(`${id}: another seed → other predictions`, () => {
      const a = abruptFlipStream(800, 400, 3);
      const b = abruptFlipStream(800, 400, 3);
      expect(prequentialOutputs(build(id, b, 43), b)).not.toEqual(prequentialOutputs(build(id, a, 42), a));
    });
  }
});

describe('prediction cache', () => {
  for (const id of ['arf', 'srp', 'dwm']) {
    it(`${id}: learning right after predicting the same instance gives the same model as without the cache`, () => {
      const a = abruptFlipStream(4000, 2000, 4);
      const b = abruptFlipStream(4000, 2000, 4);
      const cached = build(id, a, 3);
      const uncached = build(id, b, 3);
      const decoy = new Float64Array(a.d).fill(0.5);
      for (let i = 0; i < a.n; i++) {
        const row = a.x.subarray(i * a.d, (i + 1) * a.d);
        const copy = Float64Array.from(row);
        const p1 = Array.from(cached.predictProbaOne(row));
        cached.learnOne(copy, a.y[i]);
        const p2 = Array.from(uncached.predictProbaOne(row));
        uncached.predictProbaOne(decoy);
        uncached.learnOne(row, b.y[i]);
        expect(p1).toEqual(p2);
      }
      expect(cached.measurements?.()).toEqual(uncached.measurements?.());
    });
  }
});

describe('on an abrupt drift (concept flips at 3000 of 6000)', () => {
  const base = (() => {
    const s = abruptFlipStream(6000, 3000, 1);
    const learner = registry.createLearner(BASE, { schema: s.schema, seed: 1 });
    const before = prequentialAccuracy(learner, s, 0, 3000);
    const s2 = abruptFlipStream(6000, 3000, 1);
    const after = prequentialAccuracy(registry.createLearner(BASE, { schema: s2.schema, seed: 1 }), s2, 3000);
    return { before, after };
  })();

  for (const id of IDS) {
    it(`${id} beats or ties its base learner`, () => {
      const s = abruptFlipStream(6000, 3000, 1);
      const before = prequentialAccuracy(build(id, s, 1), s, 0, 3000);
      const s2 = abruptFlipStream(6000, 3000, 1);
      const after = prequentialAccuracy(build(id, s2, 1), s2, 3000);
      expect(before).toBeGreaterThan(0.9);
      expect(before + after).toBeGreaterThanOrEqual(base.before + base.after - 0.01);
      if (DRIFT_AWARE.includes(id)) expect(after).toBeGreaterThan(base.after + 0.3);
    });
  }

  it('adwin-bag and leveraging-bag replace members after the drift, not before', () => {
    for (const id of ['adwin-bag', 'leveraging-bag']) {
      const s = abruptFlipStream(6000, 3000, 1);
      const ensemble = build(id, s, 1) as AdwinBag | LeveragingBag;
      prequentialAccuracy(ensemble, s, 0, 3000);
      expect(ensemble.measurements().membersReplaced, id).toBe(0);
      const before = [...ensemble.members];
      prequentialAccuracy(ensemble, s, 0, 6000);
      expect(ensemble.measurements().membersReplaced, id).toBeGreaterThan(0);
      expect(ensemble.members.filter((m, i) => m !== before[i]).length, id).toBeGreaterThan(0);
    }
  });

  it('arf and srp detect warnings and drifts and swap in new learners', () => {
    for (const id of ['arf', 'srp']) {
      const s = abruptFlipStream(6000, 3000, 1);
      const ensemble = build(id, s, 1) as AdaptiveRandomForest | StreamingRandomPatches;
      prequentialAccuracy(ensemble, s, 0, 3000);
      const calm = ensemble.measurements();
      const before = ensemble.memberLearners();
      prequentialAccuracy(ensemble, s, 0, 6000);
      const after = ensemble.measurements();
      expect(after.driftsDetected - calm.driftsDetected, id).toBeGreaterThanOrEqual(3);
      expect(after.warningsDetected - calm.warningsDetected, id).toBeGreaterThanOrEqual(3);
      const replaced = ensemble.memberLearners().filter((m, i) => m !== before[i]).length;
      expect(replaced, id).toBeGreaterThanOrEqual(3);
    }
  });

  it('srp gives a replaced member a fresh random subspace of the same size', () => {
    const s = abruptFlipStream(6000, 3000, 1, 6);
    const ensemble = build('srp', s, 1) as StreamingRandomPatches;
    const initial = ensemble.memberSubspaces().map((f) => Array.from(f!));
    expect(new Set(initial.map((f) => f.join(','))).size).toBe(initial.length);
    prequentialAccuracy(ensemble, s, 0, 6000);
    const later = ensemble.memberSubspaces().map((f) => Array.from(f!));
    for (const f of later) expect(f.length).toBe(ensemble.featuresPerMember);
    expect(later.some((f, i) => f.join(',') !== initial[i].join(','))).toBe(true);
  });

  it('dwm adds experts when it errs and prunes them as weights fall', () => {
    const s = abruptFlipStream(6000, 3000, 1);
    const dwm = build('dwm', s, 1) as DynamicWeightedMajority;
    prequentialAccuracy(dwm, s, 0, 6000);
    const m = dwm.measurements();
    expect(m.expertsCreated).toBeGreaterThan(1);
    expect(m.expertsRemoved).toBeGreaterThan(0);
    expect(m.members).toBe(m.expertsCreated - m.expertsRemoved);
    for (const w of dwm.expertWeights()) expect(w).toBeGreaterThanOrEqual(0.01);
  });

  it('dwm keeps at most maxExperts experts', () => {
    const s = abruptFlipStream(6000, 3000, 1);
    const dwm = build('dwm', s, 1, { baseLearner: BASE, maxExperts: 2, period: 10, theta: 0 }) as DynamicWeightedMajority;
    for (let i = 0; i < s.n; i++) {
      dwm.learnOne(s.x.subarray(i * s.d, (i + 1) * s.d), s.y[i]);
      expect(dwm.numExperts).toBeLessThanOrEqual(2);
    }
    expect(dwm.measurements().expertsCreated).toBeGreaterThan(2);
  });
});

describe('leveraging-bag with output codes', () => {
  /** Three classes by the third of [0, 1) x0 falls in; a fourth (label "late") from `lateFrom` when x1 > 0.9. */
  function threeClassStream(n: number, lateFrom = n) {
    const s = abruptFlipStream(n, n, 9, 1);
    s.schema = StreamSchema.numeric(s.d, ['0', '1', '2']);
    for (let i = 0; i < n; i++) {
      s.y[i] = Math.min(2, Math.floor(s.x[i * s.d] * 3));
      if (i >= lateFrom && s.x[i * s.d + 1] > 0.9) s.y[i] = 3;
    }
    return s;
  }

  it('trains binary members and decodes their bits into the classes', () => {
    const s = threeClassStream(4000);
    const bag = build('leveraging-bag', s, 1, { baseLearner: BASE, ensembleSize: 9, outputCodes: true }) as LeveragingBag;
    expect(prequentialAccuracy(bag, s)).toBeGreaterThan(0.85);
    for (const member of bag.members) expect(member.context.schema.classes).toEqual(['0', '1']);
  });

  it('extends the codes when a class appears mid-stream', () => {
    const s = threeClassStream(6000, 3000);
    // An even ensemble with an odd number of classes: MOA's balancing loop would never end here.
    const bag = build('leveraging-bag', s, 1, { baseLearner: BASE, ensembleSize: 10, outputCodes: true }) as LeveragingBag;
    const k = new Float64Array(4);
    for (let i = 0; i < s.n; i++) {
      if (s.y[i] === 3 && s.schema.numClasses < 4) s.schema.addClass('late');
      const row = s.x.subarray(i * s.d, (i + 1) * s.d);
      const p = bag.predictProbaOne(row, k);
      let sum = 0;
      for (let c = 0; c < s.schema.numClasses; c++) sum += p[c];
      if (i > 0) expect(sum).toBeCloseTo(1, 9);
      bag.learnOne(row, s.y[i]);
    }
    expect(s.schema.numClasses).toBe(4);
  });
});

/** A third party's learner: nearest class centroid, registered only in this test's registry. */
class AcmeNearestCentroid extends BaseLearner<{ shrink: number }> {
  private sums = new Float64Array(0);
  private weights = new Float64Array(0);
  constructor(params: Partial<{ shrink: number }> | undefined, context: LearnerContext) {
    super({ id: 'acme-nearest-centroid', hyperparameters: ACME.hyperparameters }, params, context);
  }
  learnOne(x: Float64Array, y: number, weight = 1): void {
    const d = x.length;
    if (this.weights.length <= y) {
      const sums = new Float64Array((y + 1) * d);
      sums.set(this.sums);
      const weights = new Float64Array(y + 1);
      weights.set(this.weights);
      this.sums = sums;
      this.weights = weights;
    }
    this.weights[y] += weight;
    for (let j = 0; j < d; j++) if (!Number.isNaN(x[j])) this.sums[y * d + j] += weight * x[j];
  }
  protected predictInto(x: Float64Array, out: Float64Array, k: number): void {
    const d = x.length;
    for (let c = 0; c < Math.min(k, this.weights.length); c++) {
      if (this.weights[c] === 0) continue;
      let distance = 0;
      for (let j = 0; j < d; j++) if (!Number.isNaN(x[j])) distance += (x[j] - this.sums[c * d + j] / this.weights[c]) ** 2;
      out[c] = Math.exp(-distance / this.params.shrink);
    }
  }
}
const ACME: LearnerManifest<{ shrink: number }> = {
  id: 'acme-nearest-centroid',
  kind: 'learner',
  version: '1.0.0',
  description: 'A third-party nearest-centroid learner.',
  hyperparameters: { type: 'object', properties: { shrink: { type: 'number', default: 0.1, exclusiveMinimum: 0, description: 'Temperature of the distance softmax.' } }, additionalProperties: false },
  create: (params, context) => new AcmeNearestCentroid(params, context),
};

describe('a third-party base learner', () => {
  const thirdParty = new PluginRegistry().register(...plugins, ACME);
  for (const id of IDS) {
    it(`${id} builds its members from acme-nearest-centroid (with its parameters)`, () => {
      const s = abruptFlipStream(2000, 2000, 5, 0);
      const spec = id === 'srp' ? 'acme-nearest-centroid(shrink=0.05)' : { id: 'acme-nearest-centroid', params: { shrink: 0.05 } };
      const learner = thirdParty.createLearner({ id, params: { ...SMALL[id], baseLearner: spec } }, { schema: s.schema, seed: 1 });
      expect(prequentialAccuracy(learner, s)).toBeGreaterThan(0.9);
      const inner = id === 'arf' || id === 'srp' ? (learner as AdaptiveRandomForest).memberLearners()[0] : id === 'dwm' ? undefined : (learner as AdwinBag).members[0];
      if (inner) {
        expect(inner).toBeInstanceOf(AcmeNearestCentroid);
        expect(inner.params.shrink).toBe(0.05);
      }
    });
  }
});

describe('the shared learner contract, with a tiny base', () => {
  for (const id of IDS) describeLearnerContract({ id, registry, params: SMALL[id], instances: 1500 });
  describeLearnerContract({ id: 'leveraging-bag', registry, params: { ...SMALL['leveraging-bag'], outputCodes: true }, instances: 1500 });
  describeLearnerContract({ id: 'srp', registry, params: { ...SMALL.srp, trainingMethod: 'RandomSubspaces' }, instances: 1500 });
  describeLearnerContract({ id: 'arf', registry, params: { ...SMALL.arf, disableBackgroundLearner: true }, instances: 1500 });
});
