import { randomUUID } from 'node:crypto';
import type { Batch } from '../data/batch.js';
import type { StreamSource } from '../data/stream.js';
import { TributaryError, isTributaryError } from '../errors.js';
import { argMax } from '../learning/learner.js';
import type { LearnerSession } from '../learning/session.js';
import type { MetricAccumulator, MetricDescriptor, Observation } from './metric.js';
import { STANDARD_METRICS } from './metrics/index.js';
import type { CheckpointRecord, MetricValues, ResultSink, RunSummary } from './records.js';

/** Progress reported after every batch. */
export interface PrequentialProgress {
  instances: number;
  /** Known total, when the stream or the limit says. */
  total?: number;
  accuracy: number;
  wallSeconds: number;
  instancesPerSecond: number;
}

/** Options of a prequential (test-then-train) run. */
export interface PrequentialOptions {
  session: LearnerSession;
  stream: StreamSource;
  /** Stop after this many instances (default: the whole stream). */
  maxInstances?: number;
  /** Size of the sliding window of the windowed metrics (default 1000). */
  windowSize?: number;
  /** Record a checkpoint every this many instances (default 10,000); one is always recorded at the end. */
  checkpointEvery?: number;
  /** Instances read and sent to the learner at once (default: the session's `preferredBatchSize`, else 1000); metrics stay per instance. */
  batchSize?: number;
  /** Metrics (default: accuracy, kappa, kappa_m, kappa_t, f1_macro, log_loss, auc). */
  metrics?: readonly MetricDescriptor[];
  /** Where checkpoints and the summary go as they are produced. */
  sink?: ResultSink;
  runId?: string;
  seed?: number;
  onProgress?: (progress: PrequentialProgress) => void;
  /** Aborts the run after the current batch; the summary records the abort. */
  signal?: AbortSignal;
}

/** A metric's cumulative and windowed accumulators. */
interface MetricPair {
  descriptor: MetricDescriptor;
  cumulative: MetricAccumulator;
  windowed: MetricAccumulator;
  windowRevert: boolean;
}

/**
 * Keeps the last `size` observations so the windowed accumulators can revert
 * the oldest one; probabilities are copied into a ring of typed arrays.
 */
class ObservationWindow {
  private proba = new Float64Array(0);
  private capacityK = 0;
  private readonly y: Int32Array;
  private readonly predicted: Int32Array;
  private readonly k: Int32Array;
  private readonly weight: Float64Array;
  private readonly flags: Uint8Array;
  private start = 0;
  count = 0;
  private readonly oldest: Observation = { y: 0, predicted: 0, proba: new Float64Array(0), k: 0, weight: 1, majorityCorrect: false, noChangeCorrect: false };

  constructor(readonly size: number) {
    this.y = new Int32Array(size);
    this.predicted = new Int32Array(size);
    this.k = new Int32Array(size);
    this.weight = new Float64Array(size);
    this.flags = new Uint8Array(size);
  }

  /** Adds `o`; when full, returns the evicted oldest observation (valid until the next push). */
  push(o: Observation): Observation | undefined {
    if (o.k > this.capacityK) this.growK(o.k);
    let evicted: Observation | undefined;
    if (this.count === this.size) {
      const slot = this.start;
      const old = this.oldest;
      old.y = this.y[slot];
      old.predicted = this.predicted[slot];
      old.k = this.k[slot];
      old.weight = this.weight[slot];
      old.majorityCorrect = (this.flags[slot] & 1) !== 0;
      old.noChangeCorrect = (this.flags[slot] & 2) !== 0;
      if (old.proba.length < this.capacityK) old.proba = new Float64Array(this.capacityK);
      old.proba.set(this.proba.subarray(slot * this.capacityK, slot * this.capacityK + old.k));
      evicted = old;
      this.start = (this.start + 1) % this.size;
      this.count--;
    }
    const slot = (this.start + this.count) % this.size;
    this.y[slot] = o.y;
    this.predicted[slot] = o.predicted;
    this.k[slot] = o.k;
    this.weight[slot] = o.weight;
    this.flags[slot] = (o.majorityCorrect ? 1 : 0) | (o.noChangeCorrect ? 2 : 0);
    this.proba.set(o.proba.subarray(0, o.k), slot * this.capacityK);
    this.count++;
    return evicted;
  }

  private growK(k: number): void {
    const capacity = Math.max(k, this.capacityK * 2);
    const next = new Float64Array(this.size * capacity);
    for (let r = 0; r < this.size; r++) next.set(this.proba.subarray(r * this.capacityK, (r + 1) * this.capacityK), r * capacity);
    this.proba = next;
    this.capacityK = capacity;
  }
}

function sliceBatch(batch: Batch, from: number, to: number): Batch {
  if (from === 0 && to === batch.n) return batch;
  const { d } = batch;
  return {
    n: to - from,
    d,
    x: batch.x.subarray(from * d, to * d),
    y: batch.y.subarray(from, to),
    w: batch.w?.subarray(from, to),
  };
}

function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Prequential (interleaved test-then-train) evaluation: every instance is first
 * predicted, then learned. Metrics are computed here, in one place, whatever
 * runs the learner, so native and bridged implementations are measured alike.
 *
 * Checkpoints are written to the sink as they are reached; the summary last.
 * If the learner fails (e.g. a bridge dies), the summary records the error and
 * the metrics so far, then the error is rethrown.
 */
export async function runPrequential(options: PrequentialOptions): Promise<RunSummary> {
  const { session, stream, sink, signal } = options;
  const windowSize = options.windowSize ?? 1000;
  const checkpointEvery = options.checkpointEvery ?? 10_000;
  const batchSize = options.batchSize ?? session.preferredBatchSize ?? 1000;
  const maxInstances = options.maxInstances ?? Infinity;
  const descriptors = options.metrics ?? STANDARD_METRICS;
  const runId = options.runId ?? randomUUID();
  if (!(windowSize >= 1) || !(checkpointEvery >= 1) || !(batchSize >= 1)) {
    throw new TributaryError('CONFIG_ERROR', `window (${windowSize}), checkpoint interval (${checkpointEvery}) and batch size (${batchSize}) must be positive integers`);
  }

  const metrics: MetricPair[] = descriptors.map((descriptor) => {
    const own = descriptor.createWindowed?.(windowSize);
    return { descriptor, cumulative: descriptor.create(), windowed: own ?? descriptor.create(), windowRevert: own === undefined };
  });
  for (const m of metrics) {
    if (m.windowRevert && !m.windowed.revert) {
      throw new TributaryError('INVALID_PLUGIN', `metric "${m.descriptor.id}" supports neither revert() nor createWindowed(); it cannot be windowed`);
    }
  }
  const window = new ObservationWindow(windowSize);
  const observation: Observation = { y: 0, predicted: 0, proba: new Float64Array(0), k: 0, weight: 1, majorityCorrect: false, noChangeCorrect: false };
  let classCounts = new Float64Array(4);
  let majorityClass = -1;
  let previousLabel = -1;

  const startedAt = new Date();
  const wallStart = performance.now();
  let instances = 0;
  let predictCpu = 0;
  let learnCpu = 0;
  let nextCheckpoint = checkpointEvery;
  let lastModel: Record<string, number> = {};
  let proba = new Float64Array(0);
  let failure: { code: string; message: string } | undefined;
  let thrown: unknown;

  const values = (which: 'cumulative' | 'windowed'): MetricValues => {
    const out: MetricValues = {};
    for (const m of metrics) out[m.descriptor.id] = m[which].value();
    return out;
  };
  const wallSeconds = () => (performance.now() - wallStart) / 1000;

  const writeCheckpoint = async () => {
    lastModel = { ...(await session.measure()) };
    const wall = wallSeconds();
    const record: CheckpointRecord = {
      type: 'checkpoint',
      runId,
      instances,
      cumulative: values('cumulative'),
      windowed: values('windowed'),
      predictCpuSeconds: predictCpu,
      learnCpuSeconds: learnCpu,
      wallSeconds: wall,
      instancesPerSecond: wall > 0 ? instances / wall : 0,
      model: lastModel,
      peakRssBytes: peakRssBytes(),
    };
    await sink?.checkpoint(record);
  };

  let lastCheckpointAt = 0;
  try {
    while (instances < maxInstances) {
      if (signal?.aborted) throw new TributaryError('CONFIG_ERROR', 'run aborted');
      const want = Math.min(batchSize, nextCheckpoint - instances, maxInstances - instances);
      const read = await stream.nextBatch(want);
      if (!read || read.n === 0) break;
      const batch = read.n > want ? sliceBatch(read, 0, want) : read;
      const k = stream.schema.numClasses;
      if (proba.length < batch.n * k) proba = new Float64Array(Math.max(batch.n * k, proba.length * 2));
      proba.fill(0, 0, batch.n * k);
      const cost = await session.testThenTrain(batch, proba, k);
      predictCpu += cost.predictCpuSeconds;
      learnCpu += cost.learnCpuSeconds;

      if (classCounts.length < k) {
        const grown = new Float64Array(Math.max(k, classCounts.length * 2));
        grown.set(classCounts);
        classCounts = grown;
      }
      observation.k = k;
      for (let i = 0; i < batch.n; i++) {
        const y = batch.y[i];
        const row = proba.subarray(i * k, i * k + k);
        observation.y = y;
        observation.proba = row;
        observation.predicted = argMax(row, k);
        observation.weight = batch.w ? batch.w[i] : 1;
        observation.majorityCorrect = majorityClass === y;
        observation.noChangeCorrect = previousLabel === y;
        for (const m of metrics) {
          m.cumulative.update(observation);
          m.windowed.update(observation);
        }
        const evicted = window.push(observation);
        if (evicted) {
          for (const m of metrics) if (m.windowRevert) m.windowed.revert!(evicted);
        }
        classCounts[y] += observation.weight;
        if (majorityClass < 0 || classCounts[y] > classCounts[majorityClass]) majorityClass = y;
        previousLabel = y;
      }
      instances += batch.n;
      if (instances >= nextCheckpoint) {
        await writeCheckpoint();
        lastCheckpointAt = instances;
        nextCheckpoint += checkpointEvery;
      }
      if (options.onProgress) {
        const wall = wallSeconds();
        options.onProgress({
          instances,
          total: Number.isFinite(maxInstances) ? Math.min(maxInstances, stream.info.rows ?? Infinity) : stream.info.rows,
          accuracy: metrics[0]?.cumulative.value() ?? NaN,
          wallSeconds: wall,
          instancesPerSecond: wall > 0 ? instances / wall : 0,
        });
      }
    }
    if (instances > lastCheckpointAt) await writeCheckpoint();
  } catch (error) {
    thrown = error;
    failure = { code: isTributaryError(error) ? error.code : 'ERROR', message: (error as Error)?.message ?? String(error) };
  }

  const wall = wallSeconds();
  const summary: RunSummary = {
    type: 'summary',
    runId,
    learner: session.learnerId,
    implementation: session.implementation,
    params: { ...session.params },
    stream: stream.id,
    seed: options.seed ?? 0,
    instances,
    windowSize,
    cumulative: values('cumulative'),
    windowed: values('windowed'),
    predictCpuSeconds: predictCpu,
    learnCpuSeconds: learnCpu,
    cpuSeconds: predictCpu + learnCpu,
    wallSeconds: wall,
    instancesPerSecond: wall > 0 ? instances / wall : 0,
    model: lastModel,
    peakRssBytes: peakRssBytes(),
    classes: [...stream.schema.classes],
    driftPositions: stream.info.driftPositions,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    ...(failure ? { error: failure } : {}),
  };
  await sink?.summary(summary);
  if (thrown) throw thrown;
  return summary;
}
