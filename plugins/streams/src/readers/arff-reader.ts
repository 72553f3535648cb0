import { basename } from 'node:path';
import { StreamSchema, TributaryError, type Batch, type StreamInfo, type StreamSource } from '@tributary/core';
import { LineReader } from './line-reader.js';
import { isMissing, parseNumber, splitQuoted } from './fields.js';

/** Options of the ARFF reader. */
export interface ArffOptions {
  /** Name of the class attribute; default: the last one (MOA's rule). */
  target?: string;
  /** Stream id (default: the file name). */
  id?: string;
  /** Known facts about the stream. */
  info?: StreamInfo;
}

interface Attribute {
  name: string;
  kind: 'numeric' | 'nominal' | 'string';
  values: string[];
  line: number;
}

function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === "'" || t[0] === '"') && t[t.length - 1] === t[0]) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/**
 * Streams an ARFF file (`.arff` or `.arff.gz`) as MOA and Weka write it:
 * numeric (`numeric`, `real`, `integer`), nominal (`{a,b,...}`) and string
 * attributes, `?` for missing, quoted values, `%` comments, dense and sparse
 * (`{index value, ...}`) rows. Declared nominal values (and class labels) keep
 * their declared order; a value outside the declared set, a wrong number of
 * values or an unparseable number is an `INVALID_DATA` error naming the file and line.
 */
export class ArffStream implements StreamSource {
  readonly id: string;
  readonly schema: StreamSchema;
  readonly info: StreamInfo;
  private readonly featureOfAttribute: Int32Array;
  private readonly kindOfAttribute: Uint8Array; // 0 numeric, 1 nominal, 2 string
  private readonly attributes: Attribute[];
  private x = new Float64Array(0);
  private y = new Int32Array(0);
  private finished = false;

  private constructor(private readonly reader: LineReader, attributes: Attribute[], private readonly targetAttribute: number, options: ArffOptions) {
    this.id = options.id ?? basename(reader.path);
    this.info = { ...options.info };
    this.attributes = attributes;
    this.featureOfAttribute = new Int32Array(attributes.length);
    this.kindOfAttribute = Uint8Array.from(attributes, (a) => (a.kind === 'numeric' ? 0 : a.kind === 'nominal' ? 1 : 2));
    const features: { name: string; kind: 'numeric' | 'nominal'; values?: string[] }[] = [];
    attributes.forEach((a, i) => {
      if (i === targetAttribute) {
        this.featureOfAttribute[i] = -1;
        return;
      }
      this.featureOfAttribute[i] = features.length;
      features.push(a.kind === 'numeric' ? { name: a.name, kind: 'numeric' } : { name: a.name, kind: 'nominal', values: a.values });
    });
    const target = attributes[targetAttribute];
    this.schema = new StreamSchema(features, target.name, target.values);
  }

  /** Opens an ARFF file and reads its header. */
  static async open(path: string, options: ArffOptions = {}): Promise<ArffStream> {
    const reader = await LineReader.open(path);
    const fail = (problem: string): never => {
      throw new TributaryError('INVALID_DATA', `${path}:${reader.lineNumber}: ${problem}`, { path, line: reader.lineNumber });
    };
    try {
      const attributes: Attribute[] = [];
      for (;;) {
        const raw = await reader.nextLine();
        if (raw === null) fail('the file ends before @data');
        const line = raw!.trim();
        if (line === '' || line[0] === '%') continue;
        const keyword = /^@(\w+)/.exec(line)?.[1]?.toLowerCase();
        if (keyword === 'relation') continue;
        if (keyword === 'data') break;
        if (keyword !== 'attribute') fail(`expected @relation, @attribute or @data, found "${line.slice(0, 40)}"`);
        const rest = line.slice('@attribute'.length).trim();
        const nameMatch = /^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+)\s*(.*)$/.exec(rest);
        if (!nameMatch || !nameMatch[2]) fail(`@attribute needs a name and a type: "${line}"`);
        const name = unquote(nameMatch![1]);
        const type = nameMatch![2].trim();
        if (type.startsWith('{')) {
          const close = type.lastIndexOf('}');
          if (close < 0) fail(`nominal attribute "${name}" misses its closing "}"`);
          const values = splitQuoted(type.slice(1, close), ',', true);
          if (!values) fail(`unterminated quote in the values of "${name}"`);
          const list = values!.filter((v) => v.length > 0);
          if (new Set(list).size !== list.length) fail(`nominal attribute "${name}" declares a value twice`);
          attributes.push({ name, kind: 'nominal', values: list, line: reader.lineNumber });
          continue;
        }
        const t = type.toLowerCase().split(/\s/)[0];
        if (t === 'numeric' || t === 'real' || t === 'integer') attributes.push({ name, kind: 'numeric', values: [], line: reader.lineNumber });
        else if (t === 'string') attributes.push({ name, kind: 'string', values: [], line: reader.lineNumber });
        else fail(`attribute "${name}" has type "${type}"; supported: numeric, real, integer, string and {nominal values}`);
      }
      if (attributes.length < 2) fail(`${attributes.length} attribute(s) declared; a stream needs at least one feature and the class`);
      const target = options.target === undefined ? attributes.length - 1 : attributes.findIndex((a) => a.name === options.target);
      if (target < 0) throw new TributaryError('INVALID_SPEC', `${path}: no attribute named "${options.target}" to use as target; attributes are ${attributes.map((a) => a.name).join(', ')}`, { path });
      if (attributes[target].kind === 'numeric') {
        throw new TributaryError('INVALID_DATA', `${path}:${attributes[target].line}: the class attribute "${attributes[target].name}" is numeric; classification needs a nominal class`, { path, line: attributes[target].line });
      }
      return new ArffStream(reader, attributes, target, options);
    } catch (e) {
      reader.close();
      throw e;
    }
  }

  async nextBatch(maxRows: number): Promise<Batch | null> {
    if (this.finished) return null;
    const d = this.schema.numFeatures;
    if (this.y.length < maxRows) {
      this.x = new Float64Array(maxRows * d);
      this.y = new Int32Array(maxRows);
    }
    let n = 0;
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
      const first = line.charCodeAt(0);
      if (line.length === 0 || first === 37 /* % */) continue;
      if (first === 123 /* { */ || (first <= 32 && line.trimStart()[0] === '{')) this.parseSparse(line.trim(), reader.lineNumber, n);
      else if (line.trim().length === 0) continue;
      else this.parseDense(line, reader.lineNumber, n);
      n++;
    }
    if (n === 0) return null;
    return { n, d, x: this.x, y: this.y };
  }

  private parseDense(line: string, lineNumber: number, row: number): void {
    const count = this.attributes.length;
    let fields: string[] | null;
    if (line.includes("'") || line.includes('"')) fields = splitQuoted(line, ',', true);
    else fields = line.split(',');
    if (!fields) this.fail(lineNumber, 'unterminated quote');
    // MOA writes a trailing comma; a trailing instance weight `,{w}` is accepted and ignored.
    if (fields.length === count + 1 && (fields[count].trim() === '' || /^\s*\{.*\}\s*$/.test(fields[count]))) fields.pop();
    if (fields.length !== count) this.fail(lineNumber, `expected ${count} values (one per @attribute), found ${fields.length}`);
    const base = row * this.schema.numFeatures;
    for (let a = 0; a < count; a++) this.store(fields[a], a, base, row, lineNumber);
  }

  private parseSparse(line: string, lineNumber: number, row: number): void {
    const count = this.attributes.length;
    const close = line.indexOf('}');
    if (close < 0) this.fail(lineNumber, 'sparse row misses its closing "}"');
    const base = row * this.schema.numFeatures;
    // Absent sparse entries are 0: the number 0, or the first declared nominal value.
    let classSet = false;
    for (let a = 0; a < count; a++) {
      const f = this.featureOfAttribute[a];
      if (f >= 0) this.x[base + f] = 0;
    }
    const body = line.slice(1, close).trim();
    if (body.length > 0) {
      const entries = splitQuoted(body, ',', true);
      if (!entries) this.fail(lineNumber, 'unterminated quote');
      let previous = -1;
      for (const entry of entries) {
        const m = /^(\d+)\s+([\s\S]*)$/.exec(entry.trim());
        if (!m) this.fail(lineNumber, `sparse entry "${entry}" is not "index value"`);
        const index = Number(m[1]);
        if (index >= count) this.fail(lineNumber, `sparse index ${index} is out of range; there are ${count} attributes (0..${count - 1})`);
        if (index <= previous) this.fail(lineNumber, `sparse indices must increase; ${index} follows ${previous}`);
        previous = index;
        if (index === this.targetAttribute) classSet = true;
        this.store(unquote(m[2]), index, base, row, lineNumber);
      }
    }
    if (!classSet) {
      const target = this.attributes[this.targetAttribute];
      if (target.values.length === 0) this.fail(lineNumber, `the class ("${target.name}") is missing from the sparse row`);
      this.y[row] = 0;
    }
  }

  private store(raw: string, a: number, base: number, row: number, lineNumber: number): void {
    const kind = this.kindOfAttribute[a];
    const feature = this.featureOfAttribute[a];
    if (kind === 0) {
      let v = +raw;
      if (v !== v || raw.length === 0 || (v === 0 && raw.trim().length === 0)) {
        const parsed = parseNumber(raw.trim());
        if (parsed === undefined) this.fail(lineNumber, `attribute "${this.attributes[a].name}" is numeric but holds "${raw.trim()}" (not a number)`);
        v = parsed;
      }
      this.x[base + feature] = v;
      return;
    }
    let value = raw.trim();
    if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value[value.length - 1] === value[0]) value = value.slice(1, -1);
    if (feature < 0) {
      if (isMissing(value)) this.fail(lineNumber, `the class ("${this.attributes[a].name}") is missing`);
      let index = this.schema.classIndex(value);
      if (index < 0) {
        if (kind === 1) this.failValue(lineNumber, a, value);
        index = this.schema.addClass(value);
      }
      this.y[row] = index;
      return;
    }
    if (isMissing(value)) {
      this.x[base + feature] = NaN;
      return;
    }
    let index = this.schema.nominalIndex(feature, value);
    if (index < 0) {
      if (kind === 1) this.failValue(lineNumber, a, value);
      index = this.schema.addNominalValue(feature, value);
    }
    this.x[base + feature] = index;
  }

  private failValue(lineNumber: number, a: number, value: string): never {
    const declared = this.attributes[a].values;
    this.fail(lineNumber, `attribute "${this.attributes[a].name}" holds "${value}", which is not one of its declared values {${declared.slice(0, 20).join(',')}${declared.length > 20 ? ',…' : ''}}`);
  }

  private fail(lineNumber: number, problem: string): never {
    this.finished = true;
    throw new TributaryError('INVALID_DATA', `${this.reader.path}:${lineNumber}: ${problem}`, { path: this.reader.path, line: lineNumber });
  }

  async close(): Promise<void> {
    this.finished = true;
    this.reader.close();
  }
}
