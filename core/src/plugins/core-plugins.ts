import { prequentialEvaluator } from '../evaluation/evaluator.js';
import { STANDARD_METRICS } from '../evaluation/metrics/index.js';
import type { GenericManifest, MetricManifest, PluginManifest } from './manifest.js';

const VERSION = '0.1.0';

/** Plugins core ships itself: the standard metrics and the prequential evaluator. */
export const corePlugins: PluginManifest[] = [
  ...STANDARD_METRICS.map((metric): MetricManifest => ({ id: `metric:${metric.id}`, kind: 'metric', version: VERSION, description: metric.description, metric })),
  {
    id: 'prequential',
    kind: 'evaluator',
    version: VERSION,
    description: 'Interleaved test-then-train evaluation with cumulative and windowed metrics.',
    create: () => prequentialEvaluator,
  } satisfies GenericManifest,
];
