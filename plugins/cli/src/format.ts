import Table from 'cli-table3';
import type { RunSummary } from '@tributary/core';

/** Formats a byte count with binary units. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return 'n/a';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

const fixed = (v: number | undefined, digits = 4) => (v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits));

/** The summary table printed at the end of runs and comparisons. */
export function summaryTable(summaries: RunSummary[]): string {
  const table = new Table({
    head: ['learner', 'impl', 'stream', 'instances', 'accuracy', 'kappa', 'kappa_t', 'auc', 'cpu s', 'inst/s', 'model'],
    style: { head: [], border: [] },
  });
  for (const s of summaries) {
    table.push([
      s.learner,
      s.implementation,
      s.stream,
      s.instances.toLocaleString('en-US'),
      fixed(s.cumulative.accuracy),
      fixed(s.cumulative.kappa),
      fixed(s.cumulative.kappa_t),
      fixed(s.cumulative.auc),
      s.cpuSeconds.toFixed(2),
      Math.round(s.instancesPerSecond).toLocaleString('en-US'),
      formatBytes(s.model.sizeBytes),
    ]);
  }
  return table.toString();
}

/** The one JSON object `run --json` prints. */
export function summaryJson(s: RunSummary): Record<string, unknown> {
  return {
    learner: s.learner,
    implementation: s.implementation,
    params: s.params,
    stream: s.stream,
    seed: s.seed,
    instances: s.instances,
    accuracy: s.cumulative.accuracy,
    kappa: s.cumulative.kappa,
    kappa_m: s.cumulative.kappa_m,
    kappa_t: s.cumulative.kappa_t,
    f1_macro: s.cumulative.f1_macro,
    log_loss: s.cumulative.log_loss,
    auc: s.cumulative.auc,
    windowed: s.windowed,
    cpu_seconds: s.cpuSeconds,
    predict_cpu_seconds: s.predictCpuSeconds,
    learn_cpu_seconds: s.learnCpuSeconds,
    wall_seconds: s.wallSeconds,
    instances_per_second: s.instancesPerSecond,
    memory_bytes: s.model.sizeBytes,
    model: s.model,
    peak_rss_bytes: s.peakRssBytes,
    classes: s.classes,
    ...(s.error ? { error: s.error } : {}),
  };
}
