import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { TributaryError } from '@tributary/core';

/** Bytes read from disk per chunk; large chunks keep the per-chunk overhead low. */
const CHUNK_BYTES = 1 << 20;

/**
 * Reads a text file (gzip-compressed when the name ends in `.gz`) line by line
 * without holding it in memory. `nextLineSync` serves lines from the decoded
 * chunk at hand so callers can parse synchronously; when it returns `undefined`
 * the caller awaits `fill()` for the next chunk.
 */
export class LineReader {
  /** 1-based number of the last line returned. */
  lineNumber = 0;
  private text = '';
  private pos = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<Buffer>;
  private readonly decoder = new StringDecoder('utf8');
  private readonly stream: Readable;

  private constructor(readonly path: string, stream: Readable) {
    this.stream = stream;
    this.iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** Opens a file; a missing or unreadable file is an `IO_ERROR` naming it. */
  static async open(path: string): Promise<LineReader> {
    try {
      const s = await stat(path);
      if (!s.isFile()) throw new Error('not a regular file');
    } catch (e) {
      throw new TributaryError('IO_ERROR', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { path });
    }
    const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    if (!/\.gz$/i.test(path)) return new LineReader(path, raw);
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
    raw.on('error', (e) => gunzip.destroy(e));
    return new LineReader(path, raw.pipe(gunzip));
  }

  /** Next complete line (without its line break), `undefined` when more input is needed, null at the end. */
  nextLineSync(): string | null | undefined {
    const text = this.text;
    const end = text.indexOf('\n', this.pos);
    if (end < 0) {
      if (!this.ended) return undefined;
      if (this.pos >= text.length) return null;
      const last = text.slice(this.pos);
      this.pos = text.length;
      this.lineNumber++;
      return last.charCodeAt(last.length - 1) === 13 ? last.slice(0, -1) : last;
    }
    const start = this.pos;
    this.pos = end + 1;
    this.lineNumber++;
    return text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end);
  }

  /** Appends the next decoded chunk; false once the file is exhausted. */
  async fill(): Promise<boolean> {
    if (this.ended) return false;
    let result: IteratorResult<Buffer>;
    try {
      result = await this.iterator.next();
    } catch (e) {
      throw new TributaryError('IO_ERROR', `cannot read ${this.path}: ${(e as Error).message}`, { path: this.path });
    }
    const rest = this.pos < this.text.length ? this.text.slice(this.pos) : '';
    if (result.done) {
      this.ended = true;
      this.text = rest + this.decoder.end();
    } else {
      this.text = rest + this.decoder.write(result.value);
    }
    this.pos = 0;
    return true;
  }

  /** Next line, awaiting input as needed; null at the end. */
  async nextLine(): Promise<string | null> {
    for (;;) {
      const line = this.nextLineSync();
      if (line !== undefined) return line;
      await this.fill();
    }
  }

  /** Stops reading and releases the file. */
  close(): void {
    this.stream.destroy();
  }
}
