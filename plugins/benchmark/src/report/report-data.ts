import type { ImplementationAgreement } from './compare-implementations.js';

/**
 * Everything the HTML report shows, independent of where it came from. The benchmark's
 * results database is converted into this shape by the runner side; tests build it by hand.
 */

/** A metric that gets ranked, tabulated and drawn. */
export interface ReportMetric {
  /** Key in `ReportResult.metrics` and in curve points, e.g. 'accuracy', 'kappa', 'auc'. */
  id: string;
  /** Human label, e.g. 'Accuracy'. */
  label: string;
  /** Larger values are better (accuracy) or worse (log loss). */
  higherIsBetter: boolean;
}

/** How a job ended. */
export type ReportRunStatus = 'done' | 'failed' | 'timeout' | 'budget';

/** Final result of one job: one learner implementation on one stream with one seed. */
export interface ReportResult {
  /** Learner id or spec as configured, e.g. 'hoeffding-tree'. */
  learner: string;
  /** Engine that ran it: 'native', 'river', 'moa', 'capymoa'. */
  implementation: string;
  /** Stream name or spec. */
  stream: string;
  seed: number;
  status: ReportRunStatus;
  /** Error message when the job did not finish. */
  error?: string;
  /** Final (whole-stream) metric values by metric id; may be partial for unfinished jobs. */
  metrics: Record<string, number>;
  /** CPU time of learning and predicting, in seconds. */
  cpuSeconds: number;
  /** Wall-clock time of the job, in seconds. */
  wallSeconds: number;
  /** Model size at the end (or peak, as the runner measures it), in bytes. */
  memoryBytes: number;
  /** Instances processed. */
  instances: number;
}

/** One point of a prequential curve (windowed metric values at a checkpoint). */
export interface ReportCurvePoint {
  /** Instances seen when the point was taken. */
  instances: number;
  /** Windowed metric values by metric id. */
  metrics: Record<string, number>;
}

/** Windowed metrics over time for one job. */
export interface ReportCurve {
  learner: string;
  /** Engine, as in `ReportResult.implementation`; 'native' when absent. */
  implementation?: string;
  stream: string;
  seed: number;
  points: ReportCurvePoint[];
}

/** Input of `renderReport`. */
export interface ReportData {
  /** Page title, e.g. 'Tributary classification benchmark'. */
  title: string;
  /** When the report data was produced (ISO 8601 string or Date). */
  generatedAt: string | Date;
  /** Versions and machine facts, shown as a table (e.g. node, river, moa, cpu). */
  environment: Record<string, string>;
  /** Metrics to rank and show, the first one being the headline metric (usually accuracy). */
  metrics: ReportMetric[];
  results: ReportResult[];
  curves: ReportCurve[];
  /** Known drift positions (instance index) per stream name. */
  driftPositions: Record<string, number[]>;
  /** Native against each reference implementation (see compareImplementations); the section is left out when absent or empty. */
  agreement?: ImplementationAgreement[];
}
