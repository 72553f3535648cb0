import { endianness } from 'node:os';
import { TributaryError } from '@tributary/core';
import type { ReplyHeader, RequestHeader } from './messages.js';

// Payload frames are little-endian; typed arrays use the host's byte order, so
// zero-copy views are only correct on little-endian hosts (x86-64, arm64).
if (endianness() !== 'LE') {
  throw new TributaryError('UNSUPPORTED', `bridge protocol needs a little-endian host; this one is ${endianness()}`);
}

/** A multipart message as it travels: JSON header frame, then binary payload frames. */
export type Frames = Buffer[];

/** A decoded message: parsed header plus raw payload frames. */
export interface Decoded<H> {
  header: H;
  payloads: Buffer[];
}

/** Zero-copy `Buffer` over a typed array's bytes (shares memory with it). */
export function bytesOf(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** Encodes a header and typed-array payloads into frames; payload frames share memory with the arrays. */
export function encodeMessage(header: RequestHeader | ReplyHeader, payloads: readonly ArrayBufferView[] = []): Frames {
  const frames: Frames = [Buffer.from(JSON.stringify(header), 'utf8')];
  for (const p of payloads) frames.push(bytesOf(p));
  return frames;
}

/** Parses frame 0 as JSON; throws BRIDGE_ERROR when it is not a JSON object. */
export function decodeMessage<H = ReplyHeader>(frames: readonly Buffer[]): Decoded<H> {
  if (frames.length === 0) throw new TributaryError('BRIDGE_ERROR', 'malformed bridge message: no frames (expected a JSON header frame)');
  let header: unknown;
  try {
    header = JSON.parse(frames[0].toString('utf8'));
  } catch (e) {
    const preview = frames[0].subarray(0, 80).toString('utf8');
    throw new TributaryError('BRIDGE_ERROR', `malformed bridge message: header frame is not JSON (${(e as Error).message}); starts with ${JSON.stringify(preview)}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new TributaryError('BRIDGE_ERROR', `malformed bridge message: header must be a JSON object, got ${JSON.stringify(header)?.slice(0, 80)}`);
  }
  return { header: header as H, payloads: frames.slice(1) };
}

/**
 * Float64 view of a payload frame of exactly `count` values. Zero-copy when the
 * frame is 8-byte aligned (ZeroMQ usually delivers aligned buffers), else copied.
 */
export function float64Frame(frame: Buffer | undefined, count: number, what: string): Float64Array {
  return typedFrame(frame, count, 8, what, (b, o, n) => new Float64Array(b, o, n));
}

/** Int32 view of a payload frame of exactly `count` values (zero-copy when 4-byte aligned). */
export function int32Frame(frame: Buffer | undefined, count: number, what: string): Int32Array {
  return typedFrame(frame, count, 4, what, (b, o, n) => new Int32Array(b, o, n));
}

function typedFrame<T extends Float64Array | Int32Array>(
  frame: Buffer | undefined,
  count: number,
  width: number,
  what: string,
  make: (buffer: ArrayBufferLike, offset: number, length: number) => T,
): T {
  if (!frame) throw new TributaryError('BRIDGE_ERROR', `malformed bridge message: missing payload frame ${what} (expected ${count} values)`);
  if (frame.byteLength !== count * width) {
    throw new TributaryError('BRIDGE_ERROR', `malformed bridge message: payload ${what} has ${frame.byteLength} bytes, expected ${count * width} (${count} values of ${width} bytes)`);
  }
  if (frame.byteOffset % width === 0) return make(frame.buffer, frame.byteOffset, count);
  const copy = new Uint8Array(count * width);
  copy.set(frame);
  return make(copy.buffer, 0, count);
}
