import { describe, expect, it } from 'vitest';
import type { StreamSchema } from '../data/schema.js';
import { argMax } from '../learning/learner.js';
import type { LearnerSession } from '../learning/session.js';
import { contractData, contractSchema, contractStream, expectProbabilities, type ContractData } from './fixtures.js';

/** Checks of the session contract (what bridged learners are held to). */
export type SessionContractCheck = 'determinism' | 'probabilities' | 'missing-values' | 'new-class' | 'invalid-hyperparameters' | 'separable';

/** Options of `describeSessionContract`. */
export interface SessionContractOptions {
  /** Name shown in test titles, e.g. `river:tree.HoeffdingTreeClassifier`. */
  name: string;
  /** Opens a session for the learner under test. */
  open(schema: StreamSchema, seed: number): Promise<LearnerSession>;
  /** Opens a session with invalid hyperparameters; must reject with an error whose message contains `mentions`. */
  openInvalid?: { open(schema: StreamSchema): Promise<LearnerSession>; mentions: string };
  optOut?: Partial<Record<SessionContractCheck, string>>;
  instances?: number;
  /** Rows per testThenTrain call (default 250). */
  batchSize?: number;
}

async function run(session: LearnerSession, data: ContractData, schema: StreamSchema, batchSize: number): Promise<Float64Array[]> {
  const stream = contractStream(data, schema);
  const outputs: Float64Array[] = [];
  try {
    for (;;) {
      const batch = await stream.nextBatch(batchSize);
      if (!batch) break;
      const k = schema.numClasses;
      const proba = new Float64Array(batch.n * k);
      await session.testThenTrain(batch, proba, k);
      for (let i = 0; i < batch.n; i++) outputs.push(proba.slice(i * k, i * k + k));
    }
  } finally {
    await session.dispose();
  }
  return outputs;
}


/**
 * The learner contract for sessions (bridged learners run remotely and are
 * driven batch by batch): the same guarantees that make sense across a process
 * boundary.
 */
export function describeSessionContract(options: SessionContractOptions): void {
  const n = options.instances ?? 2000;
  const batchSize = options.batchSize ?? 250;
  const check = (name: SessionContractCheck, title: string, body: () => Promise<void>) => {
    const reason = options.optOut?.[name];
    if (reason) it(`${title} — opted out: ${reason}`, () => expect(reason.length).toBeGreaterThan(0));
    else it(title, body, 180_000);
  };

  describe(`session contract: ${options.name}`, () => {
    check('determinism', 'same seed → same predictions', async () => {
      const data = contractData(Math.min(n, 1000), 11);
      const s1 = contractSchema();
      const s2 = contractSchema();
      const a = await run(await options.open(s1, 5), data, s1, batchSize);
      const b = await run(await options.open(s2, 5), data, s2, batchSize);
      for (let i = 0; i < a.length; i++) expect(Array.from(b[i]), `instance ${i}`).toEqual(Array.from(a[i]));
    });

    check('probabilities', 'probabilities are finite and sum to 1 once a class is known', async () => {
      const schema = contractSchema();
      const outputs = await run(await options.open(schema, 1), contractData(Math.min(n, 1000), 13), schema, batchSize);
      for (let i = 1; i < outputs.length; i++) expectProbabilities(outputs[i], outputs[i].length, `instance ${i}`);
    });

    check('missing-values', 'NaN features are handled', async () => {
      const schema = contractSchema();
      const outputs = await run(await options.open(schema, 1), contractData(Math.min(n, 1000), 14, { missingRate: 0.2 }), schema, batchSize);
      for (let i = 1; i < outputs.length; i++) expectProbabilities(outputs[i], outputs[i].length, `instance ${i}`);
    });

    check('new-class', 'a class label first seen mid-stream is handled', async () => {
      const data = contractData(n, 15, { thirdClassFrom: Math.floor(n / 3) });
      const schema = contractSchema();
      const outputs = await run(await options.open(schema, 1), data, schema, batchSize);
      expect(schema.numClasses).toBe(3);
      let hits = 0;
      const late = data.labels.indexOf('late');
      for (let i = Math.floor((2 * n) / 3); i < n; i++) if (data.y[i] === late && argMax(outputs[i], outputs[i].length) === late) hits++;
      expect(hits).toBeGreaterThan(0);
    });

    check('invalid-hyperparameters', 'invalid hyperparameters are rejected with the library’s message', async () => {
      if (!options.openInvalid) throw new Error('openInvalid not given: state an opt-out reason instead');
      await expect(options.openInvalid.open(contractSchema())).rejects.toThrow(options.openInvalid.mentions);
    });

    check('separable', 'a simple separable stream is learned to more than 95% accuracy', async () => {
      const data = contractData(n, 17);
      const schema = contractSchema();
      const outputs = await run(await options.open(schema, 1), data, schema, batchSize);
      const tail = Math.min(1000, Math.floor(n / 3));
      let correct = 0;
      for (let i = n - tail; i < n; i++) if (argMax(outputs[i], outputs[i].length) === data.y[i]) correct++;
      expect(correct / tail).toBeGreaterThan(0.95);
    });
  });
}
