import type { Batch } from '../data/batch.js';
import type { Learner } from './learner.js';
import type { BatchCost, LearnerSession, ModelMeasurements } from './session.js';

/**
 * Runs a native learner in process. CPU time is read once per batch
 * (`process.cpuUsage`, a system call) and split between predict and learn in
 * proportion to their wall time measured with `performance.now()`, which is
 * far cheaper per call; on a single-threaded learner CPU and wall time track
 * each other closely, so the split is faithful without a syscall per instance.
 */
export class NativeSession implements LearnerSession {
  readonly implementation = 'native';
  readonly learnerId: string;
  readonly params: Readonly<Record<string, unknown>>;
  private row = new Float64Array(0);

  constructor(readonly learner: Learner) {
    this.learnerId = learner.id;
    this.params = learner.params;
  }

  async testThenTrain(batch: Batch, proba: Float64Array, k: number): Promise<BatchCost> {
    return this.testThenTrainSync(batch, proba, k);
  }

  /** Synchronous form used by in-process loops (benchmarks, selectors). */
  testThenTrainSync(batch: Batch, proba: Float64Array, k: number): BatchCost {
    const { n, d, x, y, w } = batch;
    const learner = this.learner;
    if (this.row.length < k) this.row = new Float64Array(Math.max(k, 2 * this.row.length));
    const row = this.row;
    let predictMs = 0;
    let learnMs = 0;
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const xi = x.subarray(i * d, i * d + d);
      const t0 = performance.now();
      const p = learner.predictProbaOne(xi, row);
      const t1 = performance.now();
      learner.learnOne(xi, y[i], w ? w[i] : 1);
      const t2 = performance.now();
      predictMs += t1 - t0;
      learnMs += t2 - t1;
      const base = i * k;
      const m = Math.min(k, p.length);
      for (let c = 0; c < m; c++) proba[base + c] = p[c];
      for (let c = m; c < k; c++) proba[base + c] = 0;
    }
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const measured = predictMs + learnMs;
    const predictShare = measured > 0 ? predictMs / measured : 0.5;
    return { predictCpuSeconds: cpuSeconds * predictShare, learnCpuSeconds: cpuSeconds * (1 - predictShare) };
  }

  async measure(): Promise<ModelMeasurements> {
    return { sizeBytes: this.learner.sizeInBytes(), ...(this.learner.measurements?.() ?? {}) };
  }

  async dispose(): Promise<void> {}
}
