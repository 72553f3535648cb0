import { basename } from 'node:path';
import { StreamSchema, TributaryError, type Batch, type StreamInfo, type StreamSource } from '@tributary/core';
import { LineReader } from './line-reader.js';
import { isMissing, parseNumber, POW10, splitQuoted } from './fields.js';

/** Options of the CSV reader. */
export interface CsvOptions {
  /** Name of the class column; default: the last column. */
  target?: string;
  /**
   * Names of the nominal feature columns. When given, every other feature is
   * numeric; `all` makes every feature nominal. When omitted, columns are detected from the first `detectRows` rows:
   * a column with any non-numeric value (other than `?` or empty) is nominal.
   */
  nominal?: string[] | 'all';
  /** Rows inspected to detect nominal columns (default 1000). */
  detectRows?: number;
  /** Column names of a file without a header row (the first line is then data). */
  columns?: string[];
  /** Field delimiter (default `,`). */
  delimiter?: string;
  /** Stream id (default: the file name). */
  id?: string;
  /** Known facts about the stream (rows, drift). */
  info?: StreamInfo;
}

const DEFAULT_DETECT_ROWS = 1000;

/**
 * Streams a CSV file (`.csv` or `.csv.gz`) with a header row. Features are
 * numeric or nominal (index-encoded, values in order of first appearance);
 * missing values (empty field or `?`) become NaN; class labels enter the schema
 * in order of first appearance. Malformed rows stop the stream with an
 * `INVALID_DATA` error naming the file, the line and the problem.
 */
export class CsvStream implements StreamSource {
  readonly id: string;
  readonly schema: StreamSchema;
  readonly info: StreamInfo;
  private readonly reader: LineReader;
  private readonly columns: number;
  /** Per column: feature index, or -1 for the class column. */
  private readonly featureOfColumn: Int32Array;
  private readonly nominalColumn: Uint8Array;
  private readonly columnNames: string[];
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  /** Lines read ahead while detecting column kinds, with their line numbers. */
  private pending: { line: string; lineNumber: number }[];
  private x = new Float64Array(0);
  private y = new Int32Array(0);
  private finished = false;
  private closed = false;

  private constructor(reader: LineReader, columnNames: string[], targetColumn: number, nominal: boolean[], pending: { line: string; lineNumber: number }[], options: CsvOptions) {
    this.reader = reader;
    this.id = options.id ?? basename(reader.path);
    this.info = { ...options.info };
    this.delimiter = options.delimiter ?? ',';
    this.delimiterCode = this.delimiter.charCodeAt(0);
    this.columns = columnNames.length;
    this.columnNames = columnNames;
    this.featureOfColumn = new Int32Array(this.columns);
    this.nominalColumn = new Uint8Array(this.columns);
    const features: { name: string; kind: 'numeric' | 'nominal' }[] = [];
    for (let c = 0; c < this.columns; c++) {
      if (c === targetColumn) {
        this.featureOfColumn[c] = -1;
        continue;
      }
      this.featureOfColumn[c] = features.length;
      this.nominalColumn[c] = nominal[c] ? 1 : 0;
      features.push({ name: columnNames[c], kind: nominal[c] ? 'nominal' : 'numeric' });
    }
    this.schema = new StreamSchema(features, columnNames[targetColumn]);
    this.pending = pending;
  }

  /** Opens a CSV file, reads its header and settles the column kinds. */
  static async open(path: string, options: CsvOptions = {}): Promise<CsvStream> {
    const reader = await LineReader.open(path);
    try {
      const delimiter = options.delimiter ?? ',';
      let names: string[] | null;
      if (options.columns) {
        names = [...options.columns];
      } else {
        let header: string | null;
        do header = await reader.nextLine();
        while (header !== null && header.trim() === '');
        if (header === null) throw new TributaryError('INVALID_DATA', `${path}: the file is empty; a CSV stream needs a header row`, { path });
        if (header.charCodeAt(0) === 0xfeff) header = header.slice(1);
        names = splitQuoted(header, delimiter, false);
      }
      if (!names) throw new TributaryError('INVALID_DATA', `${path}:${reader.lineNumber}: unterminated quote in the header`, { path, line: reader.lineNumber });
      if (names.length < 2) throw new TributaryError('INVALID_DATA', `${path}:${reader.lineNumber}: the header has ${names.length} column; a stream needs at least one feature and the class`, { path, line: reader.lineNumber });
      const seen = new Set<string>();
      for (const name of names) {
        if (seen.has(name)) throw new TributaryError('INVALID_DATA', `${path}:${reader.lineNumber}: column "${name}" appears twice in the header`, { path, line: reader.lineNumber });
        seen.add(name);
      }
      const targetColumn = options.target === undefined ? names.length - 1 : names.indexOf(options.target);
      if (targetColumn < 0) {
        throw new TributaryError('INVALID_SPEC', `${path}: no column named "${options.target}" to use as target; columns are ${names.join(', ')}`, { path });
      }
      const nominal = names.map(() => false);
      const pending: { line: string; lineNumber: number }[] = [];
      if (options.nominal === 'all') {
        nominal.fill(true);
      } else if (options.nominal) {
        for (const name of options.nominal) {
          const c = names.indexOf(name);
          if (c < 0) throw new TributaryError('INVALID_SPEC', `${path}: nominal column "${name}" is not in the header; columns are ${names.join(', ')}`, { path });
          nominal[c] = true;
        }
      } else {
        const limit = options.detectRows ?? DEFAULT_DETECT_ROWS;
        while (pending.length < limit) {
          const line = await reader.nextLine();
          if (line === null) break;
          if (line.length === 0) continue;
          pending.push({ line, lineNumber: reader.lineNumber });
          const fields = line.includes('"') ? splitQuoted(line, delimiter, false) : line.split(delimiter);
          if (!fields || fields.length !== names.length) continue; // reported with its line number when parsed
          for (let c = 0; c < names.length; c++) if (!nominal[c] && parseNumber(fields[c]) === undefined) nominal[c] = true;
        }
      }
      nominal[targetColumn] = false;
      return new CsvStream(reader, names, targetColumn, nominal, pending, options);
    } catch (e) {
      reader.close();
      throw e;
    }
  }

  async nextBatch(maxRows: number): Promise<Batch | null> {
    if (this.finished || this.closed) return null;
    const d = this.schema.numFeatures;
    if (this.y.length < maxRows) {
      this.x = new Float64Array(maxRows * d);
      this.y = new Int32Array(maxRows);
    }
    let n = 0;
    while (n < maxRows && this.pending.length > 0) {
      const { line, lineNumber } = this.pending.shift()!;
      this.parseRow(line, lineNumber, n);
      n++;
    }
    const reader = this.reader;
    while (n < maxRows) {
      const line = reader.nextLineSync();
      if (line === undefined) {
        await reader.fill();
        continue;
      }
      if (line === null) {
        this.finished = true;
        break;
      }
      if (line.length === 0) continue;
      this.parseRow(line, reader.lineNumber, n);
      n++;
    }
    if (n === 0) return null;
    return { n, d, x: this.x, y: this.y };
  }

  /** Parses one data line into row `row` of the batch buffers. */
  private parseRow(line: string, lineNumber: number, row: number): void {
    const columns = this.columns;
    const delimiter = this.delimiter;
    const x = this.x;
    const base = row * this.schema.numFeatures;
    if (line.includes('"')) {
      const fields = splitQuoted(line, delimiter, false);
      if (!fields) this.fail(lineNumber, 'unterminated quote');
      if (fields.length !== columns) this.fail(lineNumber, `expected ${columns} fields as in the header, found ${fields.length}`);
      for (let c = 0; c < columns; c++) this.storeField(fields[c], c, base, row, lineNumber);
      return;
    }
    const delimiterCode = this.delimiterCode;
    const length = line.length;
    let start = 0;
    let c = 0;
    for (;;) {
      if (c >= columns) this.fail(lineNumber, `expected ${columns} fields as in the header, found ${countFields(line, delimiter)}`);
      const feature = this.featureOfColumn[c];
      let end: number;
      if (feature >= 0 && this.nominalColumn[c] === 0) {
        // Hot path: scan a plain decimal up to the delimiter in one pass, no string made.
        // Anything else (exponent, spaces, `?`, empty, text) goes through a string.
        let negative = false;
        let mantissa = 0;
        let digits = 0;
        let decimals = -1;
        let digitsSeen = 0;
        let plain = true;
        let i = start;
        let code = i < length ? line.charCodeAt(i) : delimiterCode;
        if (code === 45 || code === 43) {
          negative = code === 45;
          i++;
        }
        for (; i < length; i++) {
          code = line.charCodeAt(i);
          if (code === delimiterCode) break;
          const digit = code - 48;
          if (digit >= 0 && digit <= 9) {
            digitsSeen++;
            if (mantissa !== 0 || digit !== 0) digits++;
            mantissa = mantissa * 10 + digit;
            if (decimals >= 0) decimals++;
          } else if (code === 46 && decimals < 0) {
            decimals = 0;
          } else {
            plain = false;
            break;
          }
        }
        // Exact (Clinger's fast path): with ≤ 15 significant digits and ≤ 22 decimals,
        // mantissa / 10^k divides two exact doubles, which IEEE rounds correctly = Number(text).
        if (plain && digitsSeen > 0 && digits <= 15 && decimals <= 22) {
          end = i;
          const value = decimals > 0 ? mantissa / POW10[decimals] : mantissa;
          x[base + feature] = negative ? -value : value;
        } else {
          end = line.indexOf(delimiter, start);
          if (end < 0) end = length;
          const field = line.slice(start, end);
          const parsed = parseNumber(field);
          if (parsed === undefined) this.failNumber(lineNumber, c, field);
          x[base + feature] = parsed;
        }
      } else {
        end = line.indexOf(delimiter, start);
        if (end < 0) end = length;
        this.storeField(line.slice(start, end), c, base, row, lineNumber);
      }
      c++;
      if (end >= length) break;
      start = end + 1;
    }
    if (c !== columns) this.fail(lineNumber, `expected ${columns} fields as in the header, found ${c}`);
  }

  private storeField(raw: string, c: number, base: number, row: number, lineNumber: number): void {
    const feature = this.featureOfColumn[c];
    const field = raw.length > 0 && (raw.charCodeAt(0) === 32 || raw.charCodeAt(raw.length - 1) === 32) ? raw.trim() : raw;
    if (feature < 0) {
      if (isMissing(field)) this.fail(lineNumber, `the class ("${this.columnNames[c]}") is missing`);
      this.y[row] = this.schema.addClass(field);
      return;
    }
    if (this.nominalColumn[c] === 1) {
      this.x[base + feature] = isMissing(field) ? NaN : this.schema.addNominalValue(feature, field);
      return;
    }
    const v = parseNumber(field);
    if (v === undefined) this.failNumber(lineNumber, c, field);
    this.x[base + feature] = v;
  }

  private failNumber(lineNumber: number, c: number, field: string): never {
    this.fail(lineNumber, `column "${this.columnNames[c]}" is numeric but holds "${field}" (not a number; declare the column nominal if it is categorical)`);
  }

  private fail(lineNumber: number, problem: string): never {
    this.finished = true;
    throw new TributaryError('INVALID_DATA', `${this.reader.path}:${lineNumber}: ${problem}`, { path: this.reader.path, line: lineNumber });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.close();
  }
}

function countFields(line: string, delimiter: string): number {
  let count = 1;
  for (let i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) count++;
  return count;
}
