import { MULTICLASS_OPTION, NOMINAL_ENCODING_OPTION, TributaryError, type Batch, type BatchCost, type LearnerSession, type ModelMeasurements, type StreamSchema } from '@tributary/core';
import type { BridgeClient } from './client.js';
import { float64Frame } from './codec.js';
import type { CreateReply, MulticlassWrapper, NominalEncoding, PrequentialReply } from './messages.js';
import type { ServerSupervisor } from './supervisor.js';

/**
 * Default largest number of rows per `prequential` request. Batches the evaluator
 * passes are split into requests of at most this many rows, sent back to back
 * (pipelined) so the server never waits for the next request. Measured with
 * `bridges/river/bench/bridge-efficiency.ts`: see docs/bridge-protocol.md, "Batch size".
 */
export const DEFAULT_MAX_ROWS_PER_REQUEST = 2000;

/** Options of a bridged session. */
export interface BridgeSessionOptions {
  /** Server-side session handle from `create`. */
  session: string;
  /** Learner id as the user gave it, e.g. `river:tree.HoeffdingTreeClassifier`. */
  learnerId: string;
  /** Implementation name: `river`, `moa`, `capymoa`. */
  implementation: string;
  /** Parameters as the library resolved them (from the `create` reply). */
  params: Record<string, unknown>;
  /** The live stream schema; growth (new classes / nominal values) is sent to the server before the next batch. */
  schema: StreamSchema;
  /** Client connected to the server. */
  client: BridgeClient;
  /** Server the session owns and stops on dispose (one server per session). */
  supervisor?: ServerSupervisor;
  /** Largest rows per request (default {@link DEFAULT_MAX_ROWS_PER_REQUEST}). */
  maxRowsPerRequest?: number;
  /** Rows per testThenTrain call the evaluator should send when no batch size is configured (see core's `LearnerSession`). */
  preferredBatchSize?: number;
}

/** What {@link BridgeSession.open} needs. */
export interface OpenBridgeSessionOptions {
  supervisor: ServerSupervisor;
  learnerId: string;
  implementation: string;
  /** Learner name as the server knows it (without the Tributary prefix). */
  learner: string;
  params: Record<string, unknown>;
  schema: StreamSchema;
  seed: number;
  maxRowsPerRequest?: number;
  preferredBatchSize?: number;
  /** How nominal features reach the library (`create`'s `nominal_encoding`); omitted: the server's default, `value`. */
  nominalEncoding?: NominalEncoding;
  /** Whether a binary-only learner is made multi-class (`create`'s `multiclass`); omitted: the server's default, `none`. */
  multiclass?: MulticlassWrapper;
}

/**
 * A learner living in a bridge server, driven one batch per round trip.
 * Prequential semantics stay exact: the server predicts then learns each row in order.
 */
export class BridgeSession implements LearnerSession {
  readonly learnerId: string;
  readonly implementation: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Largest rows per request. */
  readonly maxRowsPerRequest: number;
  readonly preferredBatchSize?: number;
  private readonly client: BridgeClient;
  private readonly sessionHandle: string;
  private readonly schema: StreamSchema;
  private schemaVersionSent: number;
  private disposed = false;

  constructor(private readonly options: BridgeSessionOptions) {
    this.learnerId = options.learnerId;
    this.implementation = options.implementation;
    this.params = options.params;
    this.client = options.client;
    this.sessionHandle = options.session;
    this.schema = options.schema;
    this.schemaVersionSent = options.schema.version;
    this.maxRowsPerRequest = options.maxRowsPerRequest ?? DEFAULT_MAX_ROWS_PER_REQUEST;
    if (!Number.isInteger(this.maxRowsPerRequest) || this.maxRowsPerRequest < 1) {
      throw new TributaryError('INVALID_HYPERPARAMETER', `maxRowsPerRequest must be an integer ≥ 1, got ${this.maxRowsPerRequest}`);
    }
    this.preferredBatchSize = options.preferredBatchSize;
    if (this.preferredBatchSize !== undefined && (!Number.isInteger(this.preferredBatchSize) || this.preferredBatchSize < 1)) {
      throw new TributaryError('INVALID_HYPERPARAMETER', `preferredBatchSize must be an integer ≥ 1, got ${this.preferredBatchSize}`);
    }
  }

  /**
   * Creates the learner on a started server and wraps it; on failure the server is stopped.
   * @throws TributaryError UNKNOWN_PLUGIN / INVALID_HYPERPARAMETER with the library's own error text
   */
  static async open(o: OpenBridgeSessionOptions): Promise<BridgeSession> {
    try {
      const { header } = await o.supervisor.client.request<CreateReply>('create', {
        learner: o.learner,
        params: o.params,
        schema: o.schema.toJSON(),
        seed: o.seed,
        ...(o.nominalEncoding === undefined ? {} : { nominal_encoding: o.nominalEncoding }),
        ...(o.multiclass === undefined ? {} : { multiclass: o.multiclass }),
      });
      return new BridgeSession({
        session: header.session,
        learnerId: o.learnerId,
        implementation: o.implementation,
        // Session options are reported with the parameters, so a result's params reopen the same session.
        params: {
          ...header.params,
          ...(o.nominalEncoding === undefined ? {} : { [NOMINAL_ENCODING_OPTION]: o.nominalEncoding }),
          ...(o.multiclass === undefined ? {} : { [MULTICLASS_OPTION]: o.multiclass }),
        },
        schema: o.schema,
        client: o.supervisor.client,
        supervisor: o.supervisor,
        maxRowsPerRequest: o.maxRowsPerRequest,
        preferredBatchSize: o.preferredBatchSize,
      });
    } catch (e) {
      await o.supervisor.dispose();
      throw e;
    }
  }

  /** The server's supervisor, when the session owns one. */
  get supervisor(): ServerSupervisor | undefined {
    return this.options.supervisor;
  }

  async testThenTrain(batch: Batch, proba: Float64Array, k: number): Promise<BatchCost> {
    this.checkOpen();
    const { n, d, x, y, w } = batch;
    if (n === 0) return { predictCpuSeconds: 0, learnCpuSeconds: 0 };
    if (proba.length < n * k) throw new TributaryError('INVALID_DATA', `proba buffer holds ${proba.length} values, needs n×k = ${n}×${k}`);
    await this.syncSchema();
    const step = this.maxRowsPerRequest;
    const requests: Promise<{ start: number; rows: number; header: PrequentialReply; payloads: Buffer[] }>[] = [];
    for (let start = 0; start < n; start += step) {
      const rows = Math.min(step, n - start);
      const frames: ArrayBufferView[] = [x.subarray(start * d, (start + rows) * d), y.subarray(start, start + rows)];
      if (w) frames.push(w.subarray(start, start + rows));
      requests.push(
        this.client
          .request<PrequentialReply>('prequential', { session: this.sessionHandle, n: rows, d, k, weighted: w !== undefined }, frames)
          .then((r) => ({ start, rows, ...r })),
      );
    }
    // Pipelined: every request is queued before awaiting, so the server never idles between them.
    const settled = await Promise.allSettled(requests);
    let predictCpuSeconds = 0;
    let learnCpuSeconds = 0;
    for (const s of settled) {
      if (s.status === 'rejected') throw s.reason;
      const { start, rows, header, payloads } = s.value;
      proba.set(float64Frame(payloads[0], rows * k, 'proba'), start * k);
      predictCpuSeconds += header.predict_cpu_s;
      learnCpuSeconds += header.learn_cpu_s;
    }
    return { predictCpuSeconds, learnCpuSeconds };
  }

  /** Trains on a batch without predicting. */
  async learn(batch: Batch): Promise<{ learnCpuSeconds: number }> {
    this.checkOpen();
    if (batch.n === 0) return { learnCpuSeconds: 0 };
    await this.syncSchema();
    const frames: ArrayBufferView[] = [batch.x.subarray(0, batch.n * batch.d), batch.y.subarray(0, batch.n)];
    if (batch.w) frames.push(batch.w.subarray(0, batch.n));
    const { header } = await this.client.request<{ v: 1; id: number; ok: true; learn_cpu_s: number }>(
      'learn',
      { session: this.sessionHandle, n: batch.n, d: batch.d, weighted: batch.w !== undefined },
      frames,
    );
    return { learnCpuSeconds: header.learn_cpu_s };
  }

  /** Predicts a batch into `proba` (row-major `n × k`) without learning. */
  async predict(batch: Pick<Batch, 'n' | 'd' | 'x'>, proba: Float64Array, k: number): Promise<{ predictCpuSeconds: number }> {
    this.checkOpen();
    if (batch.n === 0) return { predictCpuSeconds: 0 };
    await this.syncSchema();
    const { header, payloads } = await this.client.request<{ v: 1; id: number; ok: true; predict_cpu_s: number }>(
      'predict',
      { session: this.sessionHandle, n: batch.n, d: batch.d, k },
      [batch.x.subarray(0, batch.n * batch.d)],
    );
    proba.set(float64Frame(payloads[0], batch.n * k, 'proba'));
    return { predictCpuSeconds: header.predict_cpu_s };
  }

  async measure(): Promise<ModelMeasurements> {
    this.checkOpen();
    const { header } = await this.client.request<{ v: 1; id: number; ok: true; bytes: number }>('size', { session: this.sessionHandle });
    return { sizeBytes: header.bytes };
  }

  /** Forgets everything learned, keeping the parameters. */
  async reset(): Promise<void> {
    this.checkOpen();
    await this.client.request('reset', { session: this.sessionHandle });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const supervisor = this.options.supervisor;
    if (!this.client.failure && !(supervisor?.hasExited ?? false)) {
      await this.client.request('close', { session: this.sessionHandle }, [], 5000).catch(() => undefined);
    }
    await supervisor?.dispose();
  }

  private checkOpen(): void {
    if (this.disposed) throw new TributaryError('BRIDGE_ERROR', `session of ${this.learnerId} is disposed`);
  }

  private async syncSchema(): Promise<void> {
    if (this.schema.version === this.schemaVersionSent) return;
    const version = this.schema.version;
    await this.client.request('update_schema', { session: this.sessionHandle, schema: this.schema.toJSON() });
    this.schemaVersionSent = version;
  }
}
