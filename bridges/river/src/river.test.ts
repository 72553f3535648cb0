import { beforeAll, describe, expect, it } from 'vitest';
import { argMax, StreamSchema, TributaryError } from '@tributary/core';
import { describeSessionContract } from '@tributary/core/testing';
import { BridgeSession, type InprocessLoopReply, type ListLearnersReply } from '@tributary/bridge-protocol';
import { pythonAvailable } from '../test/python.js';
import { ensurePythonEnvironment } from './python-env.js';
import { openPythonSession, splitSessionOptions } from './providers.js';
import { startPythonServer } from './python-server.js';
import { plugins } from './index.js';

const describeBridge = pythonAvailable ? describe : describe.skip;

/** A stream with a numeric, a nominal and a noisy feature; the nominal value moves the class threshold on the numeric one. */
function xorData(n: number, seed: number, missingRate = 0) {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const d = 3;
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rand();
    const colour = Math.floor(rand() * 2);
    x[i * d] = a;
    x[i * d + 1] = colour;
    x[i * d + 2] = rand();
    y[i] = a > (colour === 1 ? 0.2 : 0.8) ? 1 : 0;
    for (let j = 0; j < d; j++) if (missingRate && rand() < missingRate) x[i * d + j] = NaN;
  }
  return { n, d, x, y };
}

const xorSchema = () =>
  new StreamSchema(
    [
      { name: 'a', kind: 'numeric' },
      { name: 'colour', kind: 'nominal', values: ['red', 'blue'] },
      { name: 'noise', kind: 'numeric' },
    ],
    'class',
    ['no', 'yes'],
  );

/**
 * An agrawal-like stream: the class is `income + lift(car) > 0.9`, with a car's lift one of
 * 0, 0.2, …, 0.8 (linear in the one-hot car columns); `zip` is nominal noise. The classes are balanced.
 */
function nominalData(n: number, seed: number) {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const d = 3;
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const income = rand();
    const car = Math.floor(rand() * 5);
    x[i * d] = income;
    x[i * d + 1] = car;
    x[i * d + 2] = Math.floor(rand() * 4);
    y[i] = income + car * 0.2 > 0.9 ? 1 : 0;
  }
  return { n, d, x, y };
}

const nominalSchema = () =>
  new StreamSchema(
    [
      { name: 'income', kind: 'numeric' },
      { name: 'car', kind: 'nominal', values: ['a', 'b', 'c', 'd', 'e'] },
      { name: 'zip', kind: 'nominal', values: ['z0', 'z1', 'z2', 'z3'] },
    ],
    'class',
    ['no', 'yes'],
  );

function majorityRate(y: Int32Array, from: number, to: number): number {
  let ones = 0;
  for (let i = from; i < to; i++) ones += y[i];
  return Math.max(ones, to - from - ones) / (to - from);
}

function accuracy(proba: Float64Array, y: Int32Array, k: number, from: number, to: number): number {
  let correct = 0;
  for (let i = from; i < to; i++) if (argMax(proba.subarray(i * k, i * k + k), k) === y[i]) correct++;
  return correct / (to - from);
}

describeBridge('River bridge (real Python server)', () => {
  beforeAll(async () => {
    await ensurePythonEnvironment();
  });

  it('exports session providers for river: and capymoa:', () => {
    expect(plugins.map((p) => (p as { prefix?: string }).prefix)).toEqual(['river:', 'capymoa:']);
  });

  it('shakes hands and lists River classifiers with the defaults River reports', async () => {
    const server = await startPythonServer('river');
    try {
      expect(server.hello.library).toBe('river');
      expect(server.hello.library_version).toBe('0.26.1');
      expect(server.hello.language_version).toMatch(/^Python 3\./);
      const { header } = await server.client.request<ListLearnersReply>('list_learners');
      const ids = header.learners.map((l) => l.id);
      expect(ids).toEqual(expect.arrayContaining(['tree.HoeffdingTreeClassifier', 'naive_bayes.GaussianNB', 'ensemble.BaggingClassifier', 'forest.ARFClassifier']));
      const ht = header.learners.find((l) => l.id === 'tree.HoeffdingTreeClassifier')!;
      expect(ht.params.grace_period.default).toBe(200);
      expect(ht.params.delta.default).toBe(1e-7);
      expect(ht.params.tau.default).toBe(0.05);
      expect(ht.params.max_size.default).toBe(100);
      expect(ht.params.grace_period.doc).toBeTruthy();
      const bagging = header.learners.find((l) => l.id === 'ensemble.BaggingClassifier')!;
      expect(bagging.params.model.required).toBe(true);
      expect(bagging.params.n_models.default).toBe(10);
    } finally {
      await server.dispose();
    }
  });

  it('gives the same predictions over the bridge as River’s own in-process loop (nominal values, missing values)', async () => {
    const data = xorData(3000, 7, 0.05);
    const schema = xorSchema();
    const k = 2;
    const session = (await openPythonSession('river', { learnerId: 'river:tree.HoeffdingTreeClassifier', params: { grace_period: 100 }, schema, seed: 1 }, { maxRowsPerRequest: 700 })) as BridgeSession;
    const proba = new Float64Array(data.n * k);
    let correctBridged = 0;
    try {
      // Uneven batches: the result must not depend on how rows are cut.
      for (let start = 0; start < data.n; ) {
        const rows = Math.min(data.n - start, start % 2 === 0 ? 1234 : 333);
        const out = new Float64Array(rows * k);
        const cost = await session.testThenTrain({ n: rows, d: data.d, x: data.x.subarray(start * data.d, (start + rows) * data.d), y: data.y.subarray(start, start + rows) }, out, k);
        expect(cost.predictCpuSeconds).toBeGreaterThan(0);
        expect(cost.learnCpuSeconds).toBeGreaterThan(0);
        proba.set(out, start * k);
        start += rows;
      }
      for (let i = 0; i < data.n; i++) if (argMax(proba.subarray(i * k, i * k + k), k) === data.y[i]) correctBridged++;
      // Above the 60% a single threshold on `a` reaches: the tree uses the nominal feature.
      expect(accuracy(proba, data.y, k, 2000, 3000)).toBeGreaterThan(0.85);
      const server = session.supervisor!;
      const { header } = await server.client.request<InprocessLoopReply>(
        'inprocess_loop',
        { learner: 'tree.HoeffdingTreeClassifier', params: { grace_period: 100 }, schema: schema.toJSON(), seed: 1, n: data.n, d: data.d, k },
        [data.x, data.y],
      );
      expect(header.correct).toBe(correctBridged);
      expect(header.instances_per_second).toBeGreaterThan(0);
    } finally {
      await session.dispose();
    }
  });

  /** Prequential probabilities of a River learner over `data` under one seed; `check` inspects the session's reported params. */
  async function seededRun(learnerId: string, params: Record<string, unknown>, data: ReturnType<typeof xorData>, seed: number, check: (reported: Record<string, unknown>) => void): Promise<number[]> {
    const session = await openPythonSession('river', { learnerId, params, schema: xorSchema(), seed });
    const proba = new Float64Array(data.n * 2);
    try {
      await session.testThenTrain(data, proba, 2);
      check(session.params);
    } finally {
      await session.dispose();
    }
    return Array.from(proba);
  }

  it('builds nested learners ({id, params}) and passes the seed: same seed, same predictions', async () => {
    const data = xorData(1500, 3);
    const params = { model: { id: 'tree.HoeffdingTreeClassifier', params: { grace_period: 50 } }, n_models: 3 };
    const run = (seed: number) =>
      seededRun('river:ensemble.BaggingClassifier', params, data, seed, (reported) => {
        expect(reported.n_models).toBe(3);
        expect((reported.model as { id: string }).id).toMatch(/HoeffdingTreeClassifier$/);
        expect((reported.model as { params: { grace_period: number } }).params.grace_period).toBe(50);
      });
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('seeds the random parts a learner builds for itself: KNNClassifier’s default SWINN engine repeats under one seed', async () => {
    // More rows than SWINN's warm-up (500), so its random graph decides the neighbours.
    const data = xorData(1500, 11);
    const run = (seed: number) =>
      seededRun('river:neighbors.KNNClassifier', { n_neighbors: 5, nominalEncoding: 'one-hot' }, data, seed, (reported) => {
        expect((reported.engine as { params: { seed: number | null } }).params.seed).toBe(seed);
      });
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('reports River’s own error text for an unknown learner and a bad keyword argument', async () => {
    const unknown = await openPythonSession('river', { learnerId: 'river:tree.NoSuchTree', params: {}, schema: xorSchema(), seed: 1 }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(TributaryError);
    expect((unknown as TributaryError).code).toBe('UNKNOWN_PLUGIN');
    expect((unknown as TributaryError).message).toMatch(/river:tree\.NoSuchTree[\s\S]*HoeffdingTreeClassifier/);
    const badKwarg = (await openPythonSession('river', { learnerId: 'river:tree.HoeffdingTreeClassifier', params: { grace_periodd: 10 }, schema: xorSchema(), seed: 1 }).catch((e: unknown) => e)) as TributaryError;
    expect(badKwarg.code).toBe('INVALID_HYPERPARAMETER');
    expect(badKwarg.message).toContain("unexpected keyword argument 'grace_periodd'");
    expect(badKwarg.details?.libraryTrace).toMatch(/Traceback/);
  });

  it('feeds River’s numeric-only learners one-hot nominal features when asked, and they learn; without it River’s own error comes back', async () => {
    const data = nominalData(3000, 5);
    const k = 2;
    const run = async (learnerId: string, params: Record<string, unknown>) => {
      const session = (await openPythonSession('river', { learnerId, params, schema: nominalSchema(), seed: 1 })) as BridgeSession;
      const proba = new Float64Array(data.n * k);
      try {
        await session.testThenTrain(data, proba, k);
        let correct = 0;
        for (let i = 0; i < data.n; i++) if (argMax(proba.subarray(i * k, i * k + k), k) === data.y[i]) correct++;
        // River's own loop over the same one-hot dicts: the encoding reaches inprocess_loop too.
        const { params: constructorParams, nominalEncoding } = splitSessionOptions(learnerId, params);
        const { header } = await session.supervisor!.client.request<InprocessLoopReply>(
          'inprocess_loop',
          { learner: learnerId.slice('river:'.length), params: constructorParams, schema: nominalSchema().toJSON(), seed: 1, n: data.n, d: data.d, k, nominal_encoding: nominalEncoding },
          [data.x, data.y],
        );
        expect(header.correct).toBe(correct);
      } finally {
        await session.dispose();
      }
      return accuracy(proba, data.y, k, 2000, 3000);
    };
    const oneHot = { nominalEncoding: 'one-hot' };
    const [logistic, knn, gaussianDense, gaussianSparse] = await Promise.all([
      run('river:linear_model.LogisticRegression', { ...oneHot }),
      // Exact search: River's default SWINN engine is randomised and unseeded.
      run('river:neighbors.KNNClassifier', { ...oneHot, engine: { id: 'neighbors.LazySearch', params: { window_size: 1000 } } }),
      run('river:naive_bayes.GaussianNB', { nominalEncoding: 'one-hot-dense' }),
      run('river:naive_bayes.GaussianNB', { ...oneHot }),
    ]);
    const majority = majorityRate(data.y, 2000, 3000);
    expect(majority).toBeLessThan(0.6);
    // Without the car column a learner reaches about 0.75; with it the classes are linearly separable.
    expect(logistic).toBeGreaterThan(majority + 0.25);
    expect(knn).toBeGreaterThan(majority + 0.25);
    expect(gaussianDense).toBeGreaterThan(majority + 0.25);
    // GaussianNB models only the keys it is given: sparse indicators, always 1.0, have zero variance
    // and the same density in every class, so it learns from `income` alone.
    expect(gaussianDense).toBeGreaterThan(gaussianSparse + 0.05);

    const session = await openPythonSession('river', { learnerId: 'river:linear_model.LogisticRegression', params: {}, schema: nominalSchema(), seed: 1 });
    try {
      const failure = (await session.testThenTrain(data, new Float64Array(data.n * k), k).catch((e: unknown) => e)) as TributaryError;
      expect(failure).toBeInstanceOf(TributaryError);
      expect(failure.details?.serverCode).toBe('LIBRARY_ERROR');
      expect(failure.message).toContain('VectorDict values must be real numbers');
    } finally {
      await session.dispose();
    }
  });

  it('one-hot encodes nominal values as name=value keys (dense: the others as 0), leaves NaN features out, gives a value added mid-stream its own key', async () => {
    const schema = new StreamSchema(
      [
        { name: 'size', kind: 'numeric' },
        { name: 'colour', kind: 'nominal', values: ['red', 'green'] },
      ],
      'class',
      ['a', 'b'],
    );
    const open = (nominalEncoding: string) =>
      openPythonSession('river', { learnerId: 'river:linear_model.LogisticRegression', params: { nominalEncoding }, schema, seed: 1 }, { env: { TRIBUTARY_BRIDGE_FAULTS: '1' } }) as Promise<BridgeSession>;
    const [sparse, dense] = await Promise.all([open('one-hot'), open('one-hot-dense')]);
    const rows = async (session: BridgeSession, x: number[]) =>
      (await session.supervisor!.client.request<{ v: 1; id: number; ok: true; rows: unknown[] }>('__features', { session: 's1', n: x.length / 2, d: 2 }, [Float64Array.from(x)])).header.rows;
    try {
      expect(await rows(sparse, [1.5, 1, NaN, 0, 2, NaN])).toEqual([{ size: 1.5, 'colour=green': 1 }, { 'colour=red': 1 }, { size: 2 }]);
      expect(await rows(dense, [1.5, 1, NaN, 0, 2, NaN])).toEqual([{ size: 1.5, 'colour=red': 0, 'colour=green': 1 }, { 'colour=red': 1, 'colour=green': 0 }, { size: 2 }]);
      schema.addNominalValue(1, 'blue');
      for (const session of [sparse, dense]) await session.testThenTrain({ n: 1, d: 2, x: Float64Array.from([3, 2]), y: Int32Array.from([1]) }, new Float64Array(2), 2);
      expect(await rows(sparse, [3, 2, 1, 0])).toEqual([{ size: 3, 'colour=blue': 1 }, { size: 1, 'colour=red': 1 }]);
      expect(await rows(dense, [3, 2])).toEqual([{ size: 3, 'colour=red': 0, 'colour=green': 0, 'colour=blue': 1 }]);
      expect(sparse.params.nominalEncoding).toBe('one-hot');
    } finally {
      await Promise.all([sparse.dispose(), dense.dispose()]);
    }
  });

  it('rejects an unknown nominal encoding before starting a server', async () => {
    const error = (await openPythonSession('river', { learnerId: 'river:linear_model.LogisticRegression', params: { nominalEncoding: 'dummy' }, schema: nominalSchema(), seed: 1 }).catch((e: unknown) => e)) as TributaryError;
    expect(error.code).toBe('INVALID_HYPERPARAMETER');
    expect(error.message).toMatch(/nominalEncoding must be one of value, one-hot, one-hot-dense.*"dummy"/);
  });

  it('learns a class first seen mid-stream and grows the probability rows', async () => {
    const schema = StreamSchema.numeric(1, ['low']);
    const session = await openPythonSession('river', { learnerId: 'river:naive_bayes.GaussianNB', params: {}, schema, seed: 1 });
    try {
      const n = 400;
      const x = new Float64Array(n).map((_, i) => (i % 2 === 0 ? 0 : 10) + (i % 7) * 0.01);
      const first = new Float64Array(n);
      await session.testThenTrain({ n, d: 1, x, y: new Int32Array(n) }, first, 1);
      schema.addClass('high');
      const y = Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : 1));
      const proba = new Float64Array(n * 2);
      await session.testThenTrain({ n, d: 1, x, y }, proba, 2);
      expect(accuracy(proba, y, 2, n / 2, n)).toBeGreaterThan(0.95);
    } finally {
      await session.dispose();
    }
  });

  it('reports the model size River measures, growing as the model learns', async () => {
    const session = await openPythonSession('river', { learnerId: 'river:tree.HoeffdingTreeClassifier', params: { grace_period: 50 }, schema: xorSchema(), seed: 1 });
    try {
      const before = (await session.measure()).sizeBytes;
      const data = xorData(2000, 11);
      await session.testThenTrain(data, new Float64Array(data.n * 2), 2);
      const after = (await session.measure()).sizeBytes;
      expect(before).toBeGreaterThan(0);
      expect(after).toBeGreaterThan(before);
    } finally {
      await session.dispose();
    }
  });
});

if (pythonAvailable) {
  for (const [learnerId, params] of [
    ['river:tree.HoeffdingTreeClassifier', { grace_period: 50 }],
    // River's GaussianNB takes numeric features only (it fails on the contract's nominal feature), so
    // the contract runs on two learners that take both kinds.
    ['river:tree.HoeffdingAdaptiveTreeClassifier', { grace_period: 50 }],
  ] as const) {
    describeSessionContract({
      name: learnerId,
      open: (schema, seed) => openPythonSession('river', { learnerId, params: { ...params }, schema, seed }),
      openInvalid: { open: (schema) => openPythonSession('river', { learnerId, params: { no_such_argument: 1 }, schema, seed: 1 }), mentions: 'no_such_argument' },
      instances: 1500,
    });
  }
}
