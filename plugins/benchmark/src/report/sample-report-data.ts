import { Random } from '@tributary/core';
import { compareImplementations } from './compare-implementations.js';
import type { ReportCurve, ReportData, ReportResult } from './report-data.js';

/** Learners of the sample, with a skill that sets their accuracy and a cost per instance. */
const LEARNERS = [
  { learner: 'adaptive-random-forest', implementation: 'native', skill: 0.06, cost: 60e-6, memory: 24e6 },
  { learner: 'hoeffding-adaptive-tree', implementation: 'native', skill: 0.035, cost: 9e-6, memory: 1.5e6 },
  { learner: 'hoeffding-tree', implementation: 'native', skill: 0.02, cost: 6e-6, memory: 1.1e6 },
  { learner: 'hoeffding-tree', implementation: 'river', skill: 0.018, cost: 45e-6, memory: 2.4e6 },
  { learner: 'naive-bayes', implementation: 'native', skill: -0.01, cost: 2e-6, memory: 0.2e6 },
  { learner: 'majority-class', implementation: 'native', skill: -0.12, cost: 0.4e-6, memory: 0.01e6 },
];

const STREAMS = [
  { stream: 'electricity', rows: 45312, base: 0.78, drifts: [] as number[] },
  { stream: 'covtype', rows: 60000, base: 0.8, drifts: [] },
  { stream: 'agrawal-abrupt', rows: 50000, base: 0.85, drifts: [12500, 25000, 37500] },
  { stream: 'sea-gradual', rows: 40000, base: 0.86, drifts: [10000, 20000, 30000] },
  { stream: 'hyperplane', rows: 30000, base: 0.82, drifts: [] },
  { stream: 'airlines', rows: 55000, base: 0.63, drifts: [] },
  { stream: 'led-drift', rows: 40000, base: 0.7, drifts: [20000] },
  { stream: 'rbf-incremental', rows: 30000, base: 0.75, drifts: [] },
  { stream: 'stagger-abrupt', rows: 20000, base: 0.9, drifts: [5000, 10000, 15000] },
  { stream: 'weather', rows: 18159, base: 0.74, drifts: [] },
  { stream: 'kdd99-sample', rows: 50000, base: 0.93, drifts: [] },
];

/**
 * A deterministic synthetic benchmark (6 learners × 11 streams × 2 seeds, curves with drifts, one
 * timeout and one failed learner-stream) for tests, demos and trying the report out. Adaptive
 * random forest is built to rank first on accuracy.
 */
export function sampleReportData(seed = 42): ReportData {
  const random = new Random(seed);
  const results: ReportResult[] = [];
  const curves: ReportCurve[] = [];
  for (const s of STREAMS) {
    for (const l of LEARNERS) {
      for (const runSeed of [1, 2]) {
        const noise = () => (random.nextDouble() - 0.5) * 0.02;
        const accuracy = Math.min(0.99, Math.max(0.05, s.base + l.skill + noise()));
        const instances = s.rows;
        let status: ReportResult['status'] = 'done';
        let error: string | undefined;
        if (l.implementation === 'river' && s.stream === 'covtype') {
          status = 'failed';
          error = 'BRIDGE_CRASHED: river server exited with code 137 (killed: out of memory)';
        } else if (l.learner === 'adaptive-random-forest' && s.stream === 'airlines' && runSeed === 2) {
          status = 'timeout';
          error = 'job exceeded its 600 s time budget';
        }
        const finished = status === 'done';
        const seen = finished ? instances : Math.floor(instances * 0.4);
        results.push({
          learner: l.learner,
          implementation: l.implementation,
          stream: s.stream,
          seed: runSeed,
          status,
          error,
          metrics: finished ? { accuracy, kappa: Math.max(-0.2, (accuracy - 0.5) * 1.6 + noise()), auc: Math.min(0.999, accuracy + 0.06 + noise()) } : {},
          cpuSeconds: l.cost * seen * (1 + noise() * 5),
          wallSeconds: l.cost * seen * 1.2 + 0.4,
          memoryBytes: l.memory * (0.8 + random.nextDouble() * 0.4),
          instances: seen,
        });
        const points = [];
        for (let at = 1000; at <= seen; at += 1000) {
          const sinceDrift = Math.min(...s.drifts.map((d) => (at >= d ? at - d : Number.POSITIVE_INFINITY)), Number.POSITIVE_INFINITY);
          // accuracy dips after a drift and recovers faster for adaptive learners
          const recovery = l.learner.includes('adaptive') ? 2500 : 9000;
          const dip = Number.isFinite(sinceDrift) ? 0.18 * Math.exp(-sinceDrift / recovery) : 0;
          const warmup = 0.1 * Math.exp(-at / 4000);
          const value = Math.min(0.995, Math.max(0, accuracy - dip - warmup + noise()));
          points.push({ instances: at, metrics: { accuracy: value, kappa: (value - 0.5) * 1.6 } });
        }
        curves.push({ learner: l.learner, implementation: l.implementation, stream: s.stream, seed: runSeed, points });
      }
    }
  }
  return {
    title: 'Tributary benchmark — sample data',
    generatedAt: '2026-01-15T12:00:00Z',
    environment: { tributary: '0.1.0', node: 'v20.20.2', river: '0.22.0', moa: '2024.07.0', python: '3.11.7', java: '17.0.12', cpu: 'sample CPU (2 cores)', memory: '8 GiB' },
    metrics: [
      { id: 'accuracy', label: 'Accuracy', higherIsBetter: true },
      { id: 'kappa', label: 'Kappa', higherIsBetter: true },
      { id: 'auc', label: 'AUC', higherIsBetter: true },
    ],
    results,
    curves,
    driftPositions: Object.fromEntries(STREAMS.filter((s) => s.drifts.length).map((s) => [s.stream, s.drifts])),
    agreement: compareImplementations(results.map((r) => ({ ...r, done: r.status === 'done', accuracy: r.metrics.accuracy }))),
  };
}
