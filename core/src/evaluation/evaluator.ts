import type { StreamSource } from '../data/stream.js';
import type { LearnerSession } from '../learning/session.js';
import type { MetricDescriptor } from './metric.js';
import { runPrequential, type PrequentialOptions } from './prequential.js';
import type { ResultSink, RunSummary } from './records.js';

/** Settings every evaluator accepts. */
export interface EvaluationSettings {
  maxInstances?: number;
  windowSize?: number;
  checkpointEvery?: number;
  batchSize?: number;
  metrics?: readonly MetricDescriptor[];
  seed?: number;
  runId?: string;
}

/** The evaluator contract: drives a learner session over a stream and reports as it goes. */
export interface Evaluator {
  readonly id: string;
  evaluate(session: LearnerSession, stream: StreamSource, settings: EvaluationSettings, sink?: ResultSink, extra?: Pick<PrequentialOptions, 'onProgress' | 'signal'>): Promise<RunSummary>;
}

/** Interleaved test-then-train, one instance at a time. */
export const prequentialEvaluator: Evaluator = {
  id: 'prequential',
  evaluate: (session, stream, settings, sink, extra) => runPrequential({ ...settings, ...extra, session, stream, sink }),
};
