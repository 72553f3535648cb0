import { describe, expect, it } from 'vitest';
import { ArrayStream } from '../data/array-stream.js';
import type { Batch } from '../data/batch.js';
import { StreamSchema } from '../data/schema.js';
import type { BatchCost, LearnerSession, ModelMeasurements } from '../learning/session.js';
import { runPrequential } from './prequential.js';
import type { CheckpointRecord, RunSummary } from './records.js';
import { exactAuc } from './metrics/auc.js';

/** Replays fixed P(class 1) scores, one per instance, whatever it is taught. */
class ScriptedSession implements LearnerSession {
  readonly learnerId = 'scripted';
  readonly implementation = 'native';
  readonly params = {};
  /** Rows of each testThenTrain call, in order. */
  readonly callSizes: number[] = [];
  private next = 0;
  constructor(
    private readonly p1: number[],
    private readonly failAt = Infinity,
    readonly preferredBatchSize?: number,
  ) {}
  async testThenTrain(batch: Batch, proba: Float64Array, k: number): Promise<BatchCost> {
    this.callSizes.push(batch.n);
    for (let i = 0; i < batch.n; i++) {
      if (this.next >= this.failAt) throw new Error('server died');
      const p = this.p1[this.next++];
      proba[i * k] = 1 - p;
      proba[i * k + 1] = p;
    }
    return { predictCpuSeconds: 0.001, learnCpuSeconds: 0.002 };
  }
  async measure(): Promise<ModelMeasurements> {
    return { sizeBytes: 100 };
  }
  async dispose(): Promise<void> {}
}

// Six instances worked by hand (see the derivation in each expectation).
const labels = [1, 1, 0, 0, 0, 1];
const p1 = [0.2, 0.8, 0.4, 0.3, 0.9, 0.6];
// predictions (argmax): 0 1 0 0 1 1 → correct: ✗ ✓ ✓ ✓ ✗ ✓

function stream(): ArrayStream {
  const schema = StreamSchema.numeric(1, ['no', 'yes']);
  return new ArrayStream('fixture', schema, new Float64Array(labels.length), Int32Array.from(labels));
}

describe('runPrequential metrics on a hand-computed fixture', () => {
  it('computes cumulative metrics', async () => {
    const summary = await runPrequential({ session: new ScriptedSession(p1), stream: stream(), windowSize: 3, batchSize: 4 });
    const m = summary.cumulative;
    expect(summary.instances).toBe(6);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    // marginals: true (3,3), predicted (3,3) → pc = 0.5
    expect(m.kappa).toBeCloseTo((4 / 6 - 0.5) / 0.5, 12);
    // majority-so-far correct only at instance 2 → pm = 1/6
    expect(m.kappa_m).toBeCloseTo((4 / 6 - 1 / 6) / (5 / 6), 12);
    // previous label correct at instances 2, 4, 5 → pe = 1/2
    expect(m.kappa_t).toBeCloseTo((4 / 6 - 0.5) / 0.5, 12);
    // class 0: TP 2 FP 1 FN 1; class 1: TP 2 FP 1 FN 1
    expect(m.f1_macro).toBeCloseTo(2 / 3, 12);
    const trueClassProbability = [0.2, 0.8, 0.6, 0.7, 0.1, 0.6];
    expect(m.log_loss).toBeCloseTo(trueClassProbability.reduce((s, p) => s - Math.log(p), 0) / 6, 12);
    // class 1: positives {0.2,0.8,0.6} vs negatives {0.4,0.3,0.9}: 4 of 9 pairs ordered; class 0 likewise
    expect(m.auc).toBeCloseTo(4 / 9, 12);
    expect(summary.cpuSeconds).toBeCloseTo(0.006, 12);
  });

  it('computes windowed metrics over the last three instances', async () => {
    const summary = await runPrequential({ session: new ScriptedSession(p1), stream: stream(), windowSize: 3, batchSize: 1 });
    const w = summary.windowed;
    expect(w.accuracy).toBeCloseTo(2 / 3, 12);
    // window true (2,1), predicted (1,2) → pc = 4/9
    expect(w.kappa).toBeCloseTo((2 / 3 - 4 / 9) / (5 / 9), 12);
    expect(w.kappa_m).toBeCloseTo(2 / 3, 12); // majority baseline wrong on all three
    expect(w.kappa_t).toBeCloseTo(0, 12); // no-change right on two of three, like the learner
    expect(w.auc).toBeCloseTo(0.5, 12);
  });

  it('writes checkpoints as it goes and a summary with the error when the learner dies', async () => {
    const checkpoints: CheckpointRecord[] = [];
    const summaries: RunSummary[] = [];
    const sink = { checkpoint: (r: CheckpointRecord) => void checkpoints.push(r), summary: (r: RunSummary) => void summaries.push(r) };
    await expect(runPrequential({ session: new ScriptedSession(p1, 5), stream: stream(), checkpointEvery: 2, batchSize: 10, sink })).rejects.toThrow('server died');
    expect(checkpoints.map((c) => c.instances)).toEqual([2, 4]);
    expect(checkpoints[1].cumulative.accuracy).toBeCloseTo(3 / 4, 12);
    expect(summaries).toHaveLength(1);
    expect(summaries[0].error?.message).toBe('server died');
    expect(summaries[0].instances).toBe(4);
  });

  it('honours maxInstances and checkpoints at exact positions across batches', async () => {
    const checkpoints: number[] = [];
    const summary = await runPrequential({
      session: new ScriptedSession(p1),
      stream: stream(),
      maxInstances: 5,
      checkpointEvery: 2,
      batchSize: 3,
      sink: { checkpoint: (r) => void checkpoints.push(r.instances), summary: () => {} },
    });
    expect(summary.instances).toBe(5);
    expect(checkpoints).toEqual([2, 4, 5]);
  });

  it("reads batches of the session's preferred size unless a batch size is given, with the same results", async () => {
    const preferring = new ScriptedSession(p1, Infinity, 4);
    const preferred = await runPrequential({ session: preferring, stream: stream() });
    expect(preferring.callSizes).toEqual([4, 2]);
    const overridden = new ScriptedSession(p1, Infinity, 4);
    await runPrequential({ session: overridden, stream: stream(), batchSize: 5 });
    expect(overridden.callSizes).toEqual([5, 1]);
    const plain = new ScriptedSession(p1);
    const byDefault = await runPrequential({ session: plain, stream: stream() });
    expect(plain.callSizes).toEqual([6]); // the default of 1000 rows takes the whole stream at once
    expect(preferred.cumulative).toEqual(byDefault.cumulative);
  });
});

describe('exactAuc', () => {
  it('counts ties as one half', () => {
    expect(exactAuc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1), 4)).toBeCloseTo(0.75, 12);
    // positives {0.5, 0.9}, negatives {0.5, 0.5}: 0.5+0.5+1+1 of 4 pairs
    expect(exactAuc(Float64Array.of(0.5, 0.5, 0.5, 0.9), Uint8Array.of(1, 0, 0, 1), 4)).toBeCloseTo(0.75, 12);
    expect(exactAuc(Float64Array.of(0.3, 0.3, 0.3), Uint8Array.of(1, 0, 1), 3)).toBeCloseTo(0.5, 12);
    expect(exactAuc(Float64Array.of(0.3, 0.4), Uint8Array.of(1, 1), 2)).toBeNaN();
  });
});
