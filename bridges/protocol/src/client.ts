import { TributaryError, type TributaryErrorCode } from '@tributary/core';
import { decodeMessage, encodeMessage } from './codec.js';
import type { DebugRequestType, ReplyHeader, RequestType, ServerError } from './messages.js';
import { PROTOCOL_VERSION } from './messages.js';
import { validateAgainst } from './schemas.js';
import type { Transport } from './transport.js';

/** Default per-request timeout in milliseconds (env `TRIBUTARY_BRIDGE_TIMEOUT_MS` overrides). */
export const DEFAULT_REQUEST_TIMEOUT_MS = Number(process.env.TRIBUTARY_BRIDGE_TIMEOUT_MS) || 300_000;

/** A decoded reply: its header and payload frames. */
export interface Reply<H> {
  header: H;
  payloads: Buffer[];
}

/** What errors say about the server they came from. */
export interface ClientContext {
  /** Names the learner/server in error messages, e.g. `River learner "river:tree.HoeffdingTreeClassifier"`. */
  label: string;
  /** The server's recent stderr, appended to fatal errors. */
  stderrTail?: () => string;
}

/** Options of a client. */
export interface BridgeClientOptions extends ClientContext {
  /** Per-request timeout in ms (default {@link DEFAULT_REQUEST_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Called once when the client becomes unusable (timeout, malformed reply): the supervisor kills the server. */
  onFatal?: (error: TributaryError) => void;
  /** Check reply headers against the JSON Schemas (default true). */
  validateReplies?: boolean;
}

interface Pending {
  type: string;
  resolve: (reply: Reply<ReplyHeader>) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

// Server error codes that mean the caller's input was wrong, mapped to core's codes.
const CALLER_ERROR_CODES: Partial<Record<ServerError['code'], TributaryErrorCode>> = {
  UNKNOWN_LEARNER: 'UNKNOWN_PLUGIN',
  INVALID_PARAMS: 'INVALID_HYPERPARAMETER',
  INVALID_DATA: 'INVALID_DATA',
};

/**
 * Request/reply client of the bridge protocol over any {@link Transport}.
 * Requests carry increasing ids and may be pipelined; each has its own timeout.
 * A timeout or a malformed reply makes the client unusable (the server's state is
 * unknown), every later request failing with the same error.
 */
export class BridgeClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private broken: TributaryError | null = null;
  private readonly timeoutMs: number;
  private readonly validateReplies: boolean;

  constructor(
    private readonly transport: Transport,
    private readonly options: BridgeClientOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.validateReplies = options.validateReplies ?? true;
    transport.onMessage((frames) => this.onMessage(frames));
  }

  /** The error that made the client unusable, or null. */
  get failure(): TributaryError | null {
    return this.broken;
  }

  /** Number of requests awaiting a reply. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Sends one request and resolves with its successful reply. A reply with
   * `ok: false` rejects with a TributaryError carrying the server's code and the library's trace.
   * @param fields type-specific header fields
   * @param payloads binary frames (typed arrays are sent without copying)
   * @param timeoutMs overrides the client's per-request timeout
   */
  request<H extends ReplyHeader = ReplyHeader>(
    type: RequestType | DebugRequestType,
    fields: Record<string, unknown> = {},
    payloads: readonly ArrayBufferView[] = [],
    timeoutMs = this.timeoutMs,
  ): Promise<Reply<H>> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    const header = { v: PROTOCOL_VERSION, id, type, ...fields };
    return new Promise<Reply<H>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          this.fatal('BRIDGE_TIMEOUT', `no reply to "${type}" request #${id} within ${timeoutMs} ms; the server is considered hung and is stopped`, { requestType: type, timeoutMs }),
        );
      }, timeoutMs);
      this.pending.set(id, { type, resolve: resolve as (r: Reply<ReplyHeader>) => void, reject, timer });
      this.transport.send(encodeMessage(header, payloads)).catch((e: unknown) => {
        this.fail(this.fatal('BRIDGE_ERROR', `could not send "${type}" request: ${(e as Error).message}`, { requestType: type }));
      });
    });
  }

  /**
   * Rejects every pending request with `error` and every later one too.
   * Used by the supervisor when the server process dies.
   */
  fail(error: TributaryError): void {
    if (!this.broken) {
      this.broken = error;
      this.options.onFatal?.(error);
    }
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(this.broken);
    }
  }

  /** Closes the transport; pending requests fail with BRIDGE_ERROR. */
  close(): void {
    if (!this.broken) this.broken = new TributaryError('BRIDGE_ERROR', `${this.options.label}: the bridge client is closed`);
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(this.broken);
    }
    this.transport.close();
  }

  /** Builds a fatal error naming the server and showing its stderr tail. */
  fatal(code: TributaryErrorCode, what: string, details: Record<string, unknown> = {}): TributaryError {
    const tail = this.options.stderrTail?.() ?? '';
    const message = `${this.options.label}: ${what}${tail ? `\n--- server stderr (last lines) ---\n${tail}` : '\n(server stderr was empty)'}`;
    return new TributaryError(code, message, { ...details, label: this.options.label, stderrTail: tail });
  }

  private onMessage(frames: Buffer[]): void {
    let decoded: Reply<ReplyHeader>;
    try {
      decoded = decodeMessage<ReplyHeader>(frames);
    } catch (e) {
      this.fail(this.fatal('BRIDGE_ERROR', (e as Error).message));
      return;
    }
    const { header } = decoded;
    const id = (header as { id?: unknown }).id;
    const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!pending) {
      this.fail(this.fatal('BRIDGE_ERROR', `malformed reply: id ${JSON.stringify(id)} matches no pending request (header ${JSON.stringify(header).slice(0, 300)})`));
      return;
    }
    if (this.validateReplies) {
      const problem = validateAgainst(header.ok === false ? 'error.reply.json' : replySchemaOf(pending.type), header);
      if (problem) {
        this.fail(this.fatal('BRIDGE_ERROR', `malformed reply to "${pending.type}" request #${id}: ${problem}`, { header }));
        return;
      }
    }
    this.pending.delete(id as number);
    clearTimeout(pending.timer);
    if (header.ok) {
      pending.resolve(decoded);
      return;
    }
    const err = header.error;
    const code = CALLER_ERROR_CODES[err.code] ?? 'BRIDGE_ERROR';
    const trace = err.library_trace ? `\n--- library error ---\n${err.library_trace.trimEnd()}` : '';
    pending.reject(
      new TributaryError(code, `${this.options.label}: "${pending.type}" failed: [${err.code}] ${err.message}${trace}`, {
        serverCode: err.code,
        libraryTrace: err.library_trace,
        label: this.options.label,
        ...(err.details ?? {}),
      }),
    );
  }
}

function replySchemaOf(type: string): string {
  return type.startsWith('__') ? 'debug.reply.json' : `${type}.reply.json`;
}
