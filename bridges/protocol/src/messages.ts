import type { SchemaJson } from '@tributary/core';

/** Protocol version spoken by this package. */
export const PROTOCOL_VERSION = 1 as const;

/** Libraries a bridge server may wrap. */
export type BridgeLibrary = 'river' | 'moa' | 'capymoa';

/** Request types of protocol v1 (see docs/bridge-protocol.md). */
export type RequestType =
  | 'hello'
  | 'list_learners'
  | 'create'
  | 'update_schema'
  | 'prequential'
  | 'learn'
  | 'predict'
  | 'size'
  | 'reset'
  | 'close'
  | 'shutdown'
  | 'inprocess_loop';

/** Test-only request types, accepted by servers started with `TRIBUTARY_BRIDGE_FAULTS=1`. */
export type DebugRequestType = '__crash' | '__hang' | '__malformed' | '__features';

/** Every request header: version, id, type and type-specific fields. */
export interface RequestHeader {
  v: 1;
  id: number;
  type: RequestType | DebugRequestType;
  [field: string]: unknown;
}

/** Error codes a server may return. */
export type ServerErrorCode =
  | 'INVALID_REQUEST'
  | 'UNKNOWN_TYPE'
  | 'UNKNOWN_LEARNER'
  | 'INVALID_PARAMS'
  | 'UNKNOWN_SESSION'
  | 'INVALID_DATA'
  | 'LIBRARY_ERROR'
  | 'INTERNAL';

/** Structured error carried by a failed reply. */
export interface ServerError {
  code: ServerErrorCode;
  message: string;
  /** The library's own exception text or traceback. */
  library_trace?: string;
  details?: Record<string, unknown>;
}

/** A successful reply header. */
export interface OkReplyHeader {
  v: 1;
  id: number | null;
  ok: true;
  [field: string]: unknown;
}

/** A failed reply header. */
export interface ErrorReplyHeader {
  v: 1;
  id: number | null;
  ok: false;
  error: ServerError;
}

/** Any reply header. */
export type ReplyHeader = OkReplyHeader | ErrorReplyHeader;

/** `hello` reply fields. */
export interface HelloReply extends OkReplyHeader {
  protocol: 1;
  library: BridgeLibrary;
  library_version: string;
  server_version: string;
  language_version: string;
  pid?: number;
}

/** One hyperparameter as the library reports it. */
export interface ReportedParam {
  default?: unknown;
  default_repr?: string;
  required?: boolean;
  type?: string;
  doc?: string;
  cli?: string;
  minimum?: number;
  maximum?: number;
  values?: unknown[];
  [extra: string]: unknown;
}

/** One learner as the library reports it. */
export interface ReportedLearner {
  id: string;
  description?: string;
  params: Record<string, ReportedParam>;
}

/** `list_learners` reply fields. */
export interface ListLearnersReply extends OkReplyHeader {
  learners: ReportedLearner[];
}

/**
 * How nominal features reach the library: `value` (the library's own nominal type; the default);
 * River only: `one-hot` (the key `name=value` set to 1.0, for River's numeric-only learners) or
 * `one-hot-dense` (also the feature's other known values as 0.0, for learners such as GaussianNB
 * that model only the keys they are given).
 */
export type NominalEncoding = 'value' | 'one-hot' | 'one-hot-dense';

/** Every {@link NominalEncoding}, as `common.json` lists them. */
export const NOMINAL_ENCODINGS: readonly NominalEncoding[] = ['value', 'one-hot', 'one-hot-dense'];

/**
 * Whether a binary-only learner is made multi-class: `none` (the default) or, River only,
 * `one-vs-rest`: the server runs the learner in River's `multiclass.OneVsRestClassifier` whenever
 * the session's schema declares more than two classes (at `create`, or at the `update_schema` that
 * brings a third class, carrying on what the learner learned), and unwrapped otherwise.
 */
export type MulticlassWrapper = 'none' | 'one-vs-rest';

/** Every {@link MulticlassWrapper}, as `common.json` lists them. */
export const MULTICLASS_WRAPPERS: readonly MulticlassWrapper[] = ['none', 'one-vs-rest'];

/** `create` request fields (besides v, id, type). */
export interface CreateRequest {
  learner: string;
  params: Record<string, unknown>;
  schema: SchemaJson;
  seed: number;
  /** Absent means `value`. */
  nominal_encoding?: NominalEncoding;
  /** Absent means `none`. */
  multiclass?: MulticlassWrapper;
}

/** `create` reply fields. */
export interface CreateReply extends OkReplyHeader {
  session: string;
  params: Record<string, unknown>;
  description?: string;
}

/** `prequential` reply fields; frame 1 holds the `n × k` probabilities. */
export interface PrequentialReply extends OkReplyHeader {
  predict_cpu_s: number;
  learn_cpu_s: number;
}

/** `inprocess_loop` reply fields. */
export interface InprocessLoopReply extends OkReplyHeader {
  seconds: number;
  cpu_seconds?: number;
  instances_per_second: number;
  correct?: number;
}

/** Ready line printed by a server on stdout once bound. */
export interface ReadyLine {
  ready: true;
  endpoint: string;
  protocol: 1;
  pid?: number;
}
