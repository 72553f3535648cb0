import { ArrayStream } from '../data/array-stream.js';
import type { Batch } from '../data/batch.js';
import { StreamSchema } from '../data/schema.js';
import type { StreamSource } from '../data/stream.js';
import { TributaryError } from '../errors.js';
import { argMax } from '../learning/learner.js';
import type { BatchCost, LearnerSession, ModelMeasurements } from '../learning/session.js';
import { runPrequential, type PrequentialOptions } from './prequential.js';
import type { RunSummary } from './records.js';

/** A stream read once into memory, to be replayed identically to every implementation. */
export interface RecordedStream {
  id: string;
  schemaJson: ReturnType<StreamSchema['toJSON']>;
  /** Labels in the order they first appeared (replays reveal them at the same instants). */
  x: Float64Array;
  y: Int32Array;
  n: number;
  d: number;
  driftPositions?: number[];
}

/** Reads up to `maxInstances` of a stream into memory (the schema as it ends up after reading). */
export async function recordStream(stream: StreamSource, maxInstances = Infinity, limitBytes = 2 ** 31): Promise<RecordedStream> {
  const d = stream.schema.numFeatures;
  let x = new Float64Array(1024 * d);
  let y = new Int32Array(1024);
  let n = 0;
  for (;;) {
    if (n >= maxInstances) break;
    const batch = await stream.nextBatch(Math.min(5000, maxInstances - n));
    if (!batch) break;
    if (n + batch.n > y.length) {
      const capacity = Math.max(n + batch.n, y.length * 2);
      if (capacity * d * 8 > limitBytes) {
        throw new TributaryError('CONFIG_ERROR', `stream "${stream.id}" is too large to replay from memory; give --max-instances (≤ ${Math.floor(limitBytes / (8 * d))})`);
      }
      const nx = new Float64Array(capacity * d);
      nx.set(x.subarray(0, n * d));
      x = nx;
      const ny = new Int32Array(capacity);
      ny.set(y.subarray(0, n));
      y = ny;
    }
    x.set(batch.x.subarray(0, batch.n * d), n * d);
    y.set(batch.y.subarray(0, batch.n), n);
    n += batch.n;
  }
  return { id: stream.id, schemaJson: stream.schema.toJSON(), x: x.subarray(0, n * d), y: y.subarray(0, n), n, d, driftPositions: stream.info.driftPositions };
}

/**
 * A replay of a recorded stream with a fresh schema that starts with no classes
 * and learns them in order of appearance, exactly as the original reader did.
 */
export function replayStream(recorded: RecordedStream): ArrayStream {
  const json = recorded.schemaJson;
  const schema = new StreamSchema(json.features, json.target, []);
  return new ArrayStream(recorded.id, schema, recorded.x, recorded.y, {
    revealClasses: json.classes,
    info: { rows: recorded.n, driftPositions: recorded.driftPositions },
  });
}

/** Wraps a session and records its predicted label per instance. */
export class RecordingSession implements LearnerSession {
  readonly predictions: Int32Array;
  private count = 0;
  constructor(readonly inner: LearnerSession, capacity: number) {
    this.predictions = new Int32Array(capacity);
  }
  get learnerId() {
    return this.inner.learnerId;
  }
  get implementation() {
    return this.inner.implementation;
  }
  get params() {
    return this.inner.params;
  }
  async testThenTrain(batch: Batch, proba: Float64Array, k: number): Promise<BatchCost> {
    const cost = await this.inner.testThenTrain(batch, proba, k);
    for (let i = 0; i < batch.n; i++) this.predictions[this.count++] = argMax(proba.subarray(i * k, i * k + k), k);
    return cost;
  }
  measure(): Promise<ModelMeasurements> {
    return this.inner.measure();
  }
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
  /** Number of instances recorded. */
  get instances(): number {
    return this.count;
  }
}

/** Agreement of two implementations' predicted labels, instance by instance. */
export interface PairAgreement {
  a: string;
  b: string;
  /** Fraction of instances with the same predicted label. */
  agreement: number;
  /** Longest run of consecutive disagreements, and where it starts. */
  longestDisagreement: { length: number; start: number };
}

/** Per-instance agreement of two prediction sequences over their common length. */
export function agreementOf(a: Int32Array, b: Int32Array, n: number): Omit<PairAgreement, 'a' | 'b'> {
  let same = 0;
  let run = 0;
  let runStart = 0;
  let longest = { length: 0, start: 0 };
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) {
      same++;
      run = 0;
    } else {
      if (run === 0) runStart = i;
      run++;
      if (run > longest.length) longest = { length: run, start: runStart };
    }
  }
  return { agreement: n > 0 ? same / n : NaN, longestDisagreement: longest };
}

/** Result of running several implementations on the very same instances. */
export interface ComparisonResult {
  stream: string;
  instances: number;
  runs: { label: string; summary?: RunSummary; error?: string }[];
  pairs: PairAgreement[];
}

/**
 * Runs each implementation on the same recorded instances (generated or read
 * once, replayed to each), then compares their predictions instance by instance.
 * An implementation that fails is reported with its error; the others still run.
 */
export async function compareImplementations(
  recorded: RecordedStream,
  implementations: { label: string; open: (schema: StreamSchema) => Promise<LearnerSession> }[],
  options: Omit<PrequentialOptions, 'session' | 'stream'> = {},
): Promise<ComparisonResult> {
  const runs: ComparisonResult['runs'] = [];
  const recordings: { label: string; recording: RecordingSession }[] = [];
  for (const implementation of implementations) {
    const stream = replayStream(recorded);
    let recording: RecordingSession | undefined;
    try {
      recording = new RecordingSession(await implementation.open(stream.schema), recorded.n);
      const summary = await runPrequential({ ...options, session: recording, stream });
      runs.push({ label: implementation.label, summary });
      recordings.push({ label: implementation.label, recording });
    } catch (error) {
      runs.push({ label: implementation.label, error: (error as Error).message });
    } finally {
      await recording?.dispose().catch(() => {});
    }
  }
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < recordings.length; i++) {
    for (let j = i + 1; j < recordings.length; j++) {
      const a = recordings[i];
      const b = recordings[j];
      const n = Math.min(a.recording.instances, b.recording.instances);
      pairs.push({ a: a.label, b: b.label, ...agreementOf(a.recording.predictions, b.recording.predictions, n) });
    }
  }
  return { stream: recorded.id, instances: recorded.n, runs, pairs };
}
