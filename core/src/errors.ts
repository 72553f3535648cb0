/**
 * Stable error codes. A code never changes meaning once published, so callers
 * (the CLI, the benchmark runner, third-party tools) can branch on it.
 */
export type TributaryErrorCode =
  | 'UNKNOWN_PLUGIN'
  | 'INVALID_HYPERPARAMETER'
  | 'INVALID_PLUGIN'
  | 'INVALID_SPEC'
  | 'INVALID_DATA'
  | 'IO_ERROR'
  | 'BRIDGE_ERROR'
  | 'BRIDGE_TIMEOUT'
  | 'BRIDGE_CRASHED'
  | 'CONFIG_ERROR'
  | 'CHECKSUM_MISMATCH'
  | 'UNSUPPORTED';

/**
 * The one error class of Tributary. The message names the thing at fault,
 * the offending value and what would be accepted instead.
 */
export class TributaryError extends Error {
  /** Stable machine-readable code. */
  readonly code: TributaryErrorCode;
  /** Optional structured details (parameter name, file, line, ...). */
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: TributaryErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TributaryError';
    this.code = code;
    this.details = details;
  }
}

/** True when `e` is a TributaryError (also across duplicated module instances). */
export function isTributaryError(e: unknown): e is TributaryError {
  return e instanceof TributaryError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'TributaryError');
}
