import { beforeAll, describe, expect, it } from 'vitest';
import { argMax, StreamSchema, TributaryError } from '@tributary/core';
import type { BridgeSession, InprocessLoopReply } from '@tributary/bridge-protocol';
import { pythonAvailable } from '../test/python.js';
import { ensurePythonEnvironment } from './python-env.js';
import { openPythonSession } from './providers.js';

const describeBridge = pythonAvailable ? describe : describe.skip;

/** Gaussian blobs around one centre per class (2 numeric features); `classes` limits the classes drawn. */
function blobs(n: number, seed: number, classes: number) {
  const centres = [
    [-2, -1],
    [2, -1],
    [0, 2],
  ];
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  // Sum of three uniforms: close enough to a normal for well-separated blobs.
  const noise = () => (rand() + rand() + rand() - 1.5) * 1.4;
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() * classes);
    y[i] = c;
    x[i * 2] = centres[c][0] + noise();
    x[i * 2 + 1] = centres[c][1] + noise();
  }
  return { n, d: 2, x, y };
}

type Data = ReturnType<typeof blobs>;

function slice(data: Data, from: number, to: number): Data {
  return { n: to - from, d: data.d, x: data.x.slice(from * data.d, to * data.d), y: data.y.slice(from, to) };
}

function predictions(proba: Float64Array, n: number, k: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => argMax(proba.subarray(i * k, i * k + k), k));
}

function correctCount(predicted: Int32Array, y: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) correct++;
  return correct;
}

function accuracy(predicted: Int32Array, y: Int32Array): number {
  return correctCount(predicted, y) / y.length;
}

function share(predicted: Int32Array, label: number): number {
  return predicted.filter((p) => p === label).length / predicted.length;
}

function majorityRate(y: Int32Array): number {
  const counts = new Map<number, number>();
  for (const label of y) counts.set(label, (counts.get(label) ?? 0) + 1);
  return Math.max(...counts.values()) / y.length;
}

async function run(session: BridgeSession, data: Data, k: number): Promise<Float64Array> {
  const proba = new Float64Array(data.n * k);
  await session.testThenTrain(data, proba, k);
  return proba;
}

const open = (learnerId: string, params: Record<string, unknown>, schema: StreamSchema) => openPythonSession('river', { learnerId, params, schema, seed: 1 }) as Promise<BridgeSession>;

describeBridge('River bridge: multiclass=one-vs-rest for binary-only learners', () => {
  beforeAll(async () => {
    await ensurePythonEnvironment();
  });

  it('runs the learner in River’s OneVsRestClassifier on a stream of three classes: every class predicted, above the majority class, as River’s own wrapper does', async () => {
    const data = blobs(3000, 3, 3);
    const k = 3;
    const tail = data.y.slice(2000);
    for (const learner of ['linear_model.LogisticRegression', 'linear_model.PAClassifier']) {
      const schema = StreamSchema.numeric(2, ['a', 'b', 'c']);
      const [wrapped, plain] = await Promise.all([open(`river:${learner}`, { multiclass: 'one-vs-rest' }, schema), open(`river:${learner}`, {}, schema)]);
      try {
        const [wrappedProba, plainProba] = await Promise.all([run(wrapped, data, k), run(plain, data, k)]);
        const predicted = predictions(wrappedProba, data.n, k);
        const last = predicted.slice(2000);
        for (let c = 0; c < k; c++) expect(share(last, c), `${learner}: share of class ${c}`).toBeGreaterThan(0.2);
        expect(accuracy(last, tail), learner).toBeGreaterThan(majorityRate(tail) + 0.4);
        // Unwrapped, the binary learner never predicts the third class.
        expect(share(predictions(plainProba, data.n, k), 2), learner).toBe(0);
        // River's own loop over multiclass.OneVsRestClassifier(learner) gets the same instances right.
        const { header } = await wrapped.supervisor!.client.request<InprocessLoopReply>(
          'inprocess_loop',
          { learner: 'multiclass.OneVsRestClassifier', params: { classifier: { id: learner, params: {} } }, schema: schema.toJSON(), seed: 1, n: data.n, d: data.d, k },
          [data.x, data.y],
        );
        expect(header.correct, learner).toBe(correctCount(predicted, data.y));
        // Reported as the learner's own parameters plus the option, so they reopen the same session.
        expect(wrapped.params).toMatchObject({ multiclass: 'one-vs-rest' });
        expect(Object.keys(wrapped.params)).toEqual([...Object.keys(plain.params), 'multiclass']);
      } finally {
        await Promise.all([wrapped.dispose(), plain.dispose()]);
      }
    }
  });

  it('leaves the learner unwrapped on a binary stream, declared or discovered: the same probabilities as without the option', async () => {
    const data = blobs(2000, 7, 2);
    const k = 2;
    for (const declared of [['a', 'b'], []]) {
      const schema = StreamSchema.numeric(2, declared);
      const [wrapped, plain] = await Promise.all([
        open('river:linear_model.LogisticRegression', { multiclass: 'one-vs-rest' }, schema),
        open('river:linear_model.LogisticRegression', {}, schema),
      ]);
      try {
        // As a file reader does: the classes enter the schema when the first batch is read.
        for (const label of ['a', 'b']) schema.addClass(label);
        const [wrappedProba, plainProba] = await Promise.all([run(wrapped, data, k), run(plain, data, k)]);
        expect(Array.from(wrappedProba)).toEqual(Array.from(plainProba));
        expect(accuracy(predictions(plainProba, data.n, k), data.y)).toBeGreaterThan(0.9);
      } finally {
        await Promise.all([wrapped.dispose(), plain.dispose()]);
      }
    }
  });

  it('wraps when a third class appears mid-stream, carrying on what the binary learner learned', async () => {
    const binary = blobs(1500, 11, 2);
    const later = blobs(3000, 13, 3);
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const [wrapped, plain] = await Promise.all([
      open('river:linear_model.LogisticRegression', { multiclass: 'one-vs-rest' }, schema),
      open('river:linear_model.LogisticRegression', {}, schema),
    ]);
    try {
      expect(Array.from(await run(wrapped, binary, 2))).toEqual(Array.from(await run(plain, binary, 2)));
      schema.addClass('c');
      // Until the third class is learned, one-vs-rest over the carried-on learner predicts as the learner.
      const beforeThird = later.y.indexOf(2);
      expect(beforeThird).toBeGreaterThan(0);
      const head = slice(later, 0, beforeThird);
      const [wrappedHead, plainHead] = await Promise.all([run(wrapped, head, 3), run(plain, head, 3)]);
      for (let i = 0; i < head.n * 3; i++) expect(wrappedHead[i]).toBeCloseTo(plainHead[i], 12);
      const rest = slice(later, beforeThird, later.n);
      const [wrappedRest, plainRest] = await Promise.all([run(wrapped, rest, 3), run(plain, rest, 3)]);
      const last = predictions(wrappedRest, rest.n, 3).slice(-1000);
      const tail = rest.y.slice(-1000);
      for (let c = 0; c < 3; c++) expect(share(last, c), `share of class ${c}`).toBeGreaterThan(0.2);
      expect(accuracy(last, tail)).toBeGreaterThan(majorityRate(tail) + 0.4);
      expect(share(predictions(plainRest, rest.n, 3), 2)).toBe(0);
    } finally {
      await Promise.all([wrapped.dispose(), plain.dispose()]);
    }
  });

  it('rejects an unknown multiclass wrapper before starting a server', async () => {
    const error = (await open('river:linear_model.LogisticRegression', { multiclass: 'one-vs-one' }, StreamSchema.numeric(2, ['a', 'b'])).catch((e: unknown) => e)) as TributaryError;
    expect(error).toBeInstanceOf(TributaryError);
    expect(error.code).toBe('INVALID_HYPERPARAMETER');
    expect(error.message).toMatch(/multiclass must be one of none, one-vs-rest.*"one-vs-one"/);
  });
});
