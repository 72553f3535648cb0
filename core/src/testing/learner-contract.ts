import { describe, expect, it } from 'vitest';
import { isTributaryError } from '../errors.js';
import type { Learner } from '../learning/learner.js';
import { argMax } from '../learning/learner.js';
import type { LearnerManifest } from '../plugins/manifest.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { contractData, contractSchema, expectProbabilities, type ContractData } from './fixtures.js';
import type { StreamSchema } from '../data/schema.js';

/** The checks of the learner contract; each may be opted out of with a stated reason. */
export type LearnerContractCheck =
  | 'determinism'
  | 'clone'
  | 'probabilities'
  | 'missing-values'
  | 'new-class'
  | 'invalid-hyperparameters'
  | 'batch-equals-loop'
  | 'separable';

/** Options of `describeLearnerContract`. */
export interface LearnerContractOptions {
  /** Learner id, registered in `registry`. */
  id: string;
  registry: PluginRegistry;
  /** Hyperparameters for the run (e.g. a smaller ensemble to keep the suite fast). */
  params?: Record<string, unknown>;
  /** Checks skipped for this learner, each with the reason (shown in the test name). */
  optOut?: Partial<Record<LearnerContractCheck, string>>;
  /** Instances per contract stream (default 3000). */
  instances?: number;
}

function feed(learner: Learner, data: ContractData, schema: StreamSchema, until = data.n): Float64Array[] {
  const outputs: Float64Array[] = [];
  for (let i = 0; i < until; i++) {
    const label = data.labels[data.y[i]];
    schema.addClass(label);
    const row = data.x.subarray(i * data.d, (i + 1) * data.d);
    outputs.push(Float64Array.from(learner.predictProbaOne(row).subarray(0, schema.numClasses)));
    learner.learnOne(row, data.y[i]);
  }
  return outputs;
}


/**
 * Registers the shared learner contract as vitest tests. Every learner plugin —
 * native, a third party's, or a selector — runs it (see `tests/contract`).
 */
export function describeLearnerContract(options: LearnerContractOptions): void {
  const { id, registry } = options;
  const n = options.instances ?? 3000;
  const params = options.params ?? {};
  const create = (schema: StreamSchema, seed = 7) => registry.createLearner({ id, params }, { schema, seed });
  const check = (name: LearnerContractCheck, title: string, body: () => void | Promise<void>) => {
    const reason = options.optOut?.[name];
    if (reason) it(`${title} — opted out: ${reason}`, () => expect(reason.length).toBeGreaterThan(0));
    else it(title, body);
  };

  describe(`learner contract: ${id}`, () => {
    check('determinism', 'same seed → same predictions', () => {
      const data = contractData(Math.min(n, 1500), 11);
      const s1 = contractSchema();
      const s2 = contractSchema();
      const a = feed(create(s1, 5), data, s1);
      const b = feed(create(s2, 5), data, s2);
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) expect(Array.from(b[i]), `instance ${i}`).toEqual(Array.from(a[i]));
    });

    check('clone', 'clone() is unlearned, with equal hyperparameters', () => {
      const data = contractData(Math.min(n, 1500), 12);
      const schema = contractSchema();
      const trained = create(schema, 5);
      feed(trained, data, schema);
      const clone = trained.clone();
      expect(clone).not.toBe(trained);
      expect(clone.id).toBe(trained.id);
      expect({ ...clone.params }).toEqual({ ...trained.params });
      // Unlearned: on a new stream the clone behaves exactly as a fresh learner with the same seed.
      const other = contractData(Math.min(n, 800), 21);
      const fresh = create(schema, 5);
      const fromClone = feed(clone, other, schema);
      const fromFresh = feed(fresh, other, schema);
      for (let i = 0; i < fromFresh.length; i++) expect(Array.from(fromClone[i]), `instance ${i}`).toEqual(Array.from(fromFresh[i]));
      // Independent: training the clone did not change the trained learner.
      const again = create(schema, 5);
      feed(again, data, schema);
      const k = schema.numClasses;
      const probe = data.x.subarray(0, data.d);
      expect(Array.from(trained.predictProbaOne(probe).subarray(0, k))).toEqual(Array.from(again.predictProbaOne(probe).subarray(0, k)));
    });

    check('probabilities', 'probabilities are finite and sum to 1 once a class is known', () => {
      const data = contractData(Math.min(n, 1000), 13);
      const schema = contractSchema();
      const learner = create(schema);
      const outputs = feed(learner, data, schema);
      for (let i = 1; i < outputs.length; i++) expectProbabilities(outputs[i], outputs[i].length, `instance ${i}`);
    });

    check('missing-values', 'NaN features are handled', () => {
      const data = contractData(Math.min(n, 1000), 14, { missingRate: 0.2 });
      const schema = contractSchema();
      const learner = create(schema);
      const outputs = feed(learner, data, schema);
      for (let i = 1; i < outputs.length; i++) expectProbabilities(outputs[i], outputs[i].length, `instance ${i}`);
      const allMissing = new Float64Array(data.d).fill(NaN);
      expectProbabilities(learner.predictProbaOne(allMissing), schema.numClasses, 'all features missing');
    });

    check('new-class', 'a class label first seen mid-stream is handled', () => {
      const data = contractData(n, 15, { thirdClassFrom: Math.floor(n / 3) });
      const schema = contractSchema();
      const learner = create(schema);
      const outputs = feed(learner, data, schema);
      expect(schema.numClasses).toBe(3);
      const last = outputs[outputs.length - 1];
      expect(last.length).toBe(3);
      for (let i = 1; i < outputs.length; i++) expectProbabilities(outputs[i], outputs[i].length, `instance ${i}`);
      // the new class must be learnable: predicted at least once for instances of it after a warm-up
      let hits = 0;
      const late = data.labels.indexOf('late');
      for (let i = Math.floor((2 * n) / 3); i < n; i++) if (data.y[i] === late && argMax(outputs[i], 3) === late) hits++;
      expect(hits, 'the class that appeared mid-stream is never predicted').toBeGreaterThan(0);
    });

    check('invalid-hyperparameters', 'invalid hyperparameters are rejected with a clear message', () => {
      const manifest = registry.learnerManifest(id) as LearnerManifest;
      const schema = contractSchema();
      const expectRejected = (bad: Record<string, unknown>, mentions: string) => {
        let error: unknown;
        try {
          registry.createLearner({ id, params: { ...params, ...bad } }, { schema, seed: 1 });
        } catch (e) {
          error = e;
        }
        expect(isTributaryError(error), `${JSON.stringify(bad)} was accepted`).toBe(true);
        expect((error as Error).message).toContain(mentions);
      };
      expectRejected({ noSuchParameter: 1 }, 'noSuchParameter');
      for (const [name, prop] of Object.entries(manifest.hyperparameters.properties)) {
        if (prop.type === 'number' || prop.type === 'integer') {
          expectRejected({ [name]: 'not-a-number' }, name);
          if (prop.minimum !== undefined) expectRejected({ [name]: prop.minimum - 1 }, name);
          if (prop.maximum !== undefined) expectRejected({ [name]: prop.maximum + 1 }, name);
        } else if (prop.enum) {
          expectRejected({ [name]: '__not_an_option__' }, name);
        } else if (prop.type === 'boolean') {
          expectRejected({ [name]: 'yes please' }, name);
        }
      }
    });

    check('batch-equals-loop', 'batch forms equal a loop of single calls', () => {
      const data = contractData(Math.min(n, 1200), 16);
      const s1 = contractSchema(data.labels.slice(0, 2));
      const s2 = contractSchema(data.labels.slice(0, 2));
      const looped = create(s1, 3);
      const batched = create(s2, 3);
      const half = Math.floor(data.n / 2);
      for (let i = 0; i < half; i++) looped.learnOne(data.x.subarray(i * data.d, (i + 1) * data.d), data.y[i]);
      batched.learnBatch({ n: half, d: data.d, x: data.x.subarray(0, half * data.d), y: data.y.subarray(0, half) });
      const rest = { n: data.n - half, d: data.d, x: data.x.subarray(half * data.d), y: data.y.subarray(half) };
      const k = s1.numClasses;
      const batchOut = batched.predictProbaBatch(rest);
      for (let i = 0; i < rest.n; i++) {
        const single = looped.predictProbaOne(rest.x.subarray(i * data.d, (i + 1) * data.d));
        expect(Array.from(batchOut.subarray(i * k, i * k + k)), `row ${i}`).toEqual(Array.from(single.subarray(0, k)));
      }
    });

    check('separable', 'a simple separable stream is learned to more than 95% accuracy', () => {
      const data = contractData(n, 17);
      const schema = contractSchema();
      const learner = create(schema);
      const outputs = feed(learner, data, schema);
      const tail = Math.min(1000, Math.floor(n / 3));
      let correct = 0;
      for (let i = n - tail; i < n; i++) if (argMax(outputs[i], outputs[i].length) === data.y[i]) correct++;
      expect(correct / tail).toBeGreaterThan(0.95);
    });
  });
}
