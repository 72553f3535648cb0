import { beforeAll, describe, expect, it } from 'vitest';
import { argMax, StreamSchema, TributaryError } from '@tributary/core';
import { contractData, contractSchema, describeSessionContract } from '@tributary/core/testing';
import type { BridgeSession, InprocessLoopReply, ListLearnersReply } from '@tributary/bridge-protocol';
import { javaAvailable, pythonAvailable } from '../test/python.js';
import { ensurePythonEnvironment } from './python-env.js';
import { openPythonSession } from './providers.js';
import { startPythonServer } from './python-server.js';

const available = pythonAvailable && javaAvailable;
const describeBridge = available ? describe : describe.skip;

describeBridge('CapyMOA bridge (real Python server, MOA through JPype)', () => {
  beforeAll(async () => {
    await ensurePythonEnvironment();
  });

  it('lists CapyMOA classifiers with CapyMOA’s own defaults (which differ from MOA’s in places)', async () => {
    const server = await startPythonServer('capymoa');
    try {
      expect(server.hello.library).toBe('capymoa');
      expect(server.hello.library_version).toBe('0.15.1');
      const { header } = await server.client.request<ListLearnersReply>('list_learners');
      const ht = header.learners.find((l) => l.id === 'HoeffdingTree')!;
      expect(ht).toBeDefined();
      expect(ht.params.schema).toBeUndefined();
      expect(ht.params.grace_period.default).toBe(200);
      // CapyMOA's split confidence is 1e-3 where MOA's -c default is 1e-7: reported, not hidden.
      expect(ht.params.confidence.default).toBe(0.001);
      expect(header.learners.map((l) => l.id)).toEqual(expect.arrayContaining(['NaiveBayes', 'AdaptiveRandomForestClassifier', 'OnlineBagging']));
    } finally {
      await server.dispose();
    }
  });

  it('runs a Hoeffding tree with CapyMOA parameters and reports the MOA command line it built', async () => {
    const schema = contractSchema();
    const data = contractData(2000, 21);
    for (const label of data.labels) schema.addClass(label);
    const session = await openPythonSession('capymoa', { learnerId: 'capymoa:HoeffdingTree', params: { grace_period: 50, confidence: 0.01 }, schema, seed: 1 });
    try {
      expect(String(session.params.moa_cli)).toMatch(/-g \(?50\)?/);
      expect(String(session.params.moa_cli)).toMatch(/-c \(?0\.01\)?/);
      const k = schema.numClasses;
      const proba = new Float64Array(data.n * k);
      const cost = await session.testThenTrain({ n: data.n, d: data.d, x: data.x, y: data.y }, proba, k);
      expect(cost.learnCpuSeconds).toBeGreaterThan(0);
      let correct = 0;
      for (let i = 1000; i < 2000; i++) if (argMax(proba.subarray(i * k, i * k + k), k) === data.y[i]) correct++;
      expect(correct / 1000).toBeGreaterThan(0.95);
      const size = (await session.measure()).sizeBytes;
      // -1 when the sizeofag java agent is not available to put on the JVM command line.
      expect(size === -1 || size > 0).toBe(true);
      // CapyMOA's own loop over the same instances predicts exactly the same labels.
      let bridgedCorrect = 0;
      for (let i = 0; i < data.n; i++) if (argMax(proba.subarray(i * k, i * k + k), k) === data.y[i]) bridgedCorrect++;
      const { header } = await (session as BridgeSession).supervisor!.client.request<InprocessLoopReply>(
        'inprocess_loop',
        { learner: 'HoeffdingTree', params: { grace_period: 50, confidence: 0.01 }, schema: schema.toJSON(), seed: 1, n: data.n, d: data.d, k },
        [data.x, data.y],
      );
      expect(header.correct).toBe(bridgedCorrect);
    } finally {
      await session.dispose();
    }
  });

  it('reports CapyMOA’s own error for an unknown parameter and an unknown learner', async () => {
    const bad = (await openPythonSession('capymoa', { learnerId: 'capymoa:HoeffdingTree', params: { grace_periodd: 5 }, schema: StreamSchema.numeric(2, ['a', 'b']), seed: 1 }).catch((e: unknown) => e)) as TributaryError;
    expect(bad.code).toBe('INVALID_HYPERPARAMETER');
    expect(bad.message).toContain('grace_periodd');
    const unknown = (await openPythonSession('capymoa', { learnerId: 'capymoa:NoSuchTree', params: {}, schema: StreamSchema.numeric(2, ['a']), seed: 1 }).catch((e: unknown) => e)) as TributaryError;
    expect(unknown.code).toBe('UNKNOWN_PLUGIN');
    expect(unknown.message).toContain('HoeffdingTree');
    // MOA takes nominal attributes itself: a one-hot request is refused, not silently ignored.
    const oneHot = (await openPythonSession('capymoa', { learnerId: 'capymoa:NaiveBayes', params: { nominalEncoding: 'one-hot' }, schema: StreamSchema.numeric(2, ['a']), seed: 1 }).catch((e: unknown) => e)) as TributaryError;
    expect(oneHot.code).toBe('INVALID_HYPERPARAMETER');
    expect(oneHot.message).toContain('River-only');
  });
});

if (available) {
  describeSessionContract({
    name: 'capymoa:HoeffdingTree (majority-class leaves)',
    // With its default naive-Bayes-adaptive leaves MOA's tree returns all-zero votes ("no opinion")
    // for early instances whose Gaussian likelihoods are all zero; the bridge passes that through
    // unchanged, so the contract's "sums to 1" check runs with majority-class leaves.
    open: (schema, seed) => openPythonSession('capymoa', { learnerId: 'capymoa:HoeffdingTree', params: { grace_period: 50, leaf_prediction: 'MajorityClass' }, schema, seed }),
    openInvalid: { open: (schema) => openPythonSession('capymoa', { learnerId: 'capymoa:HoeffdingTree', params: { no_such_argument: 1 }, schema, seed: 1 }), mentions: 'no_such_argument' },
    instances: 1500,
  });
}
