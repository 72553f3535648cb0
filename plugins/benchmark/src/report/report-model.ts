import { compareAlgorithms, type AlgorithmComparison } from '@tributary/stats';
import type { ReportCurvePoint, ReportData, ReportMetric, ReportResult } from './report-data.js';

/** One compared algorithm: a learner in one implementation. */
export interface ModelAlgorithm {
  /** Stable key `learner|implementation`. */
  key: string;
  /** Display name: the learner, with the implementation in brackets unless native. */
  label: string;
  learner: string;
  implementation: string;
  /** Index into the categorical palette. */
  colorIndex: number;
}

/** Seed-averaged results of one algorithm on one stream. */
export interface ModelCell {
  /** Mean over finished seeds, by metric id. */
  metrics: Record<string, number>;
  /** Standard deviation over finished seeds (0 for one seed), by metric id. */
  metricsStd: Record<string, number>;
  cpuSeconds: number;
  wallSeconds: number;
  memoryBytes: number;
  instances: number;
  /** Seeds that finished. */
  seedsDone: number;
  /** Seeds attempted. */
  seedsTotal: number;
}

/** Statistical comparison of one metric, or why there is none. */
export interface MetricAnalysis {
  metric: ReportMetric;
  /** Streams used: those where every algorithm has a finished result with this metric. */
  streams: string[];
  /** Streams left out because some algorithm has no finished value there. */
  droppedStreams: string[];
  comparison?: AlgorithmComparison;
  /** Why there is no comparison (too few algorithms or complete streams, too many algorithms). */
  reason?: string;
}

/** A prequential curve averaged over seeds. */
export interface ModelCurve {
  algorithm: ModelAlgorithm;
  points: { instances: number; value: number }[];
}

/** Everything the renderer draws, derived once from `ReportData`. */
export interface ReportModel {
  data: ReportData;
  algorithms: ModelAlgorithm[];
  streams: string[];
  /** cells.get(algorithmKey)?.get(stream). */
  cells: Map<string, Map<string, ModelCell>>;
  analyses: MetricAnalysis[];
  failures: ReportResult[];
  /** Metric id drawn in the curves: 'accuracy' when present, else the headline metric. */
  curveMetric: ReportMetric | undefined;
  /** Seed-averaged curves per stream. */
  curves: Map<string, ModelCurve[]>;
}

function algorithmKey(learner: string, implementation: string): string {
  return `${learner}|${implementation}`;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function std(values: number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) * (v - m), 0) / (values.length - 1));
}

/** Largest number of algorithms the stored Nemenyi table covers. */
const MAX_ALGORITHMS = 50;

/** Builds the report model: algorithms, seed-averaged cells, per-metric statistics, curves. */
export function buildReportModel(data: ReportData): ReportModel {
  const implementations = new Map<string, Set<string>>();
  for (const r of data.results) {
    if (!implementations.has(r.learner)) implementations.set(r.learner, new Set());
    implementations.get(r.learner)!.add(r.implementation);
  }
  const algorithmMap = new Map<string, ModelAlgorithm>();
  for (const r of data.results) {
    const key = algorithmKey(r.learner, r.implementation);
    if (algorithmMap.has(key)) continue;
    const label = r.implementation === 'native' ? r.learner : `${r.learner} [${r.implementation}]`;
    algorithmMap.set(key, { key, label, learner: r.learner, implementation: r.implementation, colorIndex: 0 });
  }
  const algorithms = [...algorithmMap.values()].sort((a, b) => a.label.localeCompare(b.label));
  algorithms.forEach((a, i) => (a.colorIndex = i));
  const streams = [...new Set(data.results.map((r) => r.stream))].sort((a, b) => a.localeCompare(b));

  const grouped = new Map<string, Map<string, ReportResult[]>>();
  for (const r of data.results) {
    const key = algorithmKey(r.learner, r.implementation);
    if (!grouped.has(key)) grouped.set(key, new Map());
    const byStream = grouped.get(key)!;
    if (!byStream.has(r.stream)) byStream.set(r.stream, []);
    byStream.get(r.stream)!.push(r);
  }
  const cells = new Map<string, Map<string, ModelCell>>();
  for (const [key, byStream] of grouped) {
    const row = new Map<string, ModelCell>();
    for (const [stream, runs] of byStream) {
      const done = runs.filter((r) => r.status === 'done');
      if (done.length === 0) continue;
      const metricIds = new Set(done.flatMap((r) => Object.keys(r.metrics)));
      const metrics: Record<string, number> = {};
      const metricsStd: Record<string, number> = {};
      for (const id of metricIds) {
        const values = done.map((r) => r.metrics[id]).filter((v) => Number.isFinite(v));
        if (values.length === 0) continue;
        metrics[id] = mean(values);
        metricsStd[id] = std(values);
      }
      row.set(stream, {
        metrics,
        metricsStd,
        cpuSeconds: mean(done.map((r) => r.cpuSeconds)),
        wallSeconds: mean(done.map((r) => r.wallSeconds)),
        memoryBytes: mean(done.map((r) => r.memoryBytes)),
        instances: mean(done.map((r) => r.instances)),
        seedsDone: done.length,
        seedsTotal: runs.length,
      });
    }
    cells.set(key, row);
  }

  const analyses = data.metrics.map((metric) => analyseMetric(metric, algorithms, streams, cells));
  const curveMetric = data.metrics.find((m) => m.id === 'accuracy') ?? data.metrics[0];
  return {
    data,
    algorithms,
    streams,
    cells,
    analyses,
    failures: data.results.filter((r) => r.status !== 'done'),
    curveMetric,
    curves: curveMetric ? averageCurves(data, algorithmMap, curveMetric.id) : new Map(),
  };
}

function analyseMetric(metric: ReportMetric, algorithms: ModelAlgorithm[], streams: string[], cells: Map<string, Map<string, ModelCell>>): MetricAnalysis {
  const complete: string[] = [];
  const dropped: string[] = [];
  for (const stream of streams) {
    const ok = algorithms.every((a) => Number.isFinite(cells.get(a.key)?.get(stream)?.metrics[metric.id]));
    (ok ? complete : dropped).push(stream);
  }
  const base = { metric, streams: complete, droppedStreams: dropped };
  if (algorithms.length < 2) return { ...base, reason: 'needs at least 2 algorithms' };
  if (algorithms.length > MAX_ALGORITHMS) return { ...base, reason: `more than ${MAX_ALGORITHMS} algorithms (the Nemenyi table's limit)` };
  if (complete.length < 2) return { ...base, reason: `needs at least 2 streams where every algorithm finished (has ${complete.length})` };
  const scores = complete.map((stream) => algorithms.map((a) => cells.get(a.key)!.get(stream)!.metrics[metric.id]));
  const comparison = compareAlgorithms(
    algorithms.map((a) => a.label),
    scores,
    { higherIsBetter: metric.higherIsBetter, alpha: 0.05 },
  );
  return { ...base, comparison };
}

function averageCurves(data: ReportData, algorithmMap: Map<string, ModelAlgorithm>, metricId: string): Map<string, ModelCurve[]> {
  const sums = new Map<string, Map<string, Map<number, { sum: number; count: number }>>>();
  for (const curve of data.curves) {
    const key = algorithmKey(curve.learner, curve.implementation ?? 'native');
    if (!algorithmMap.has(key)) continue;
    if (!sums.has(curve.stream)) sums.set(curve.stream, new Map());
    const byAlgorithm = sums.get(curve.stream)!;
    if (!byAlgorithm.has(key)) byAlgorithm.set(key, new Map());
    const byInstances = byAlgorithm.get(key)!;
    for (const point of curve.points as ReportCurvePoint[]) {
      const value = point.metrics[metricId];
      if (!Number.isFinite(value)) continue;
      const slot = byInstances.get(point.instances) ?? { sum: 0, count: 0 };
      slot.sum += value;
      slot.count++;
      byInstances.set(point.instances, slot);
    }
  }
  const result = new Map<string, ModelCurve[]>();
  for (const [stream, byAlgorithm] of sums) {
    const curves: ModelCurve[] = [];
    for (const [key, byInstances] of byAlgorithm) {
      const points = [...byInstances.entries()].sort((a, b) => a[0] - b[0]).map(([instances, s]) => ({ instances, value: s.sum / s.count }));
      if (points.length > 0) curves.push({ algorithm: algorithmMap.get(key)!, points });
    }
    curves.sort((a, b) => a.algorithm.colorIndex - b.algorithm.colorIndex);
    result.set(stream, curves);
  }
  return result;
}
