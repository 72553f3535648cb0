import { TributaryError } from '../errors.js';
import type { LearnerSpec } from '../learning/learner.js';

/** A parsed spec: an id and its parameters (values already typed). */
export interface ParsedSpec {
  id: string;
  params: Record<string, unknown>;
}

/**
 * Parses `id` or `id(name=value, ...)`; values may be numbers, booleans, quoted
 * or bare strings, or nested specs (`oza-bag(baseLearner=hoeffding-tree(gracePeriod=50))`).
 * Nested specs are returned as `{ id, params }` objects.
 */
export function parseSpec(text: string): ParsedSpec {
  const parser = new SpecParser(text);
  const spec = parser.parseSpec();
  parser.expectEnd();
  return spec;
}

/** Normalises a learner spec (string or object) to `{ id, params }`. */
export function normalizeLearnerSpec(spec: LearnerSpec): ParsedSpec {
  if (typeof spec === 'string') return parseSpec(spec);
  if (!spec || typeof spec.id !== 'string') throw new TributaryError('INVALID_SPEC', `a learner spec needs an "id"; got ${JSON.stringify(spec)}`);
  return { id: spec.id, params: { ...(spec.params ?? {}) } };
}

/** Parses a single CLI value: number, boolean, null, nested spec, or string. */
export function parseValue(text: string): unknown {
  const parser = new SpecParser(text);
  const value = parser.parseValue();
  parser.expectEnd();
  return value;
}

/** Writes a spec back as text (the inverse of `parseSpec`). */
export function formatSpec(spec: ParsedSpec): string {
  const entries = Object.entries(spec.params);
  if (entries.length === 0) return spec.id;
  const format = (v: unknown): string => {
    if (v && typeof v === 'object' && 'id' in (v as object)) return formatSpec(normalizeLearnerSpec(v as LearnerSpec));
    if (typeof v === 'string') return /^[A-Za-z_][\w.\-:]*$/.test(v) ? v : JSON.stringify(v);
    return JSON.stringify(v);
  };
  return `${spec.id}(${entries.map(([k, v]) => `${k}=${format(v)}`).join(',')})`;
}

class SpecParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  private fail(what: string): never {
    throw new TributaryError('INVALID_SPEC', `invalid spec "${this.text}": ${what} at position ${this.pos + 1}`);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected "${this.text.slice(this.pos)}"`);
  }

  private identifier(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][\w.\-:/]*/.exec(this.text.slice(this.pos));
    if (!match) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  parseSpec(): ParsedSpec {
    const id = this.identifier();
    const params: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text[this.pos] === '(') {
      this.pos++;
      this.skipSpace();
      if (this.text[this.pos] === ')') {
        this.pos++;
        return { id, params };
      }
      for (;;) {
        const name = this.identifier();
        this.skipSpace();
        if (this.text[this.pos] !== '=') this.fail(`expected "=" after "${name}"`);
        this.pos++;
        params[name] = this.parseValue();
        this.skipSpace();
        const c = this.text[this.pos];
        if (c === ',') {
          this.pos++;
          continue;
        }
        if (c === ')') {
          this.pos++;
          break;
        }
        this.fail('expected "," or ")"');
      }
    }
    return { id, params };
  }

  parseValue(): unknown {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const end = rest.indexOf(quote, 1);
      if (end < 0) this.fail('unterminated string');
      this.pos += end + 1;
      return rest.slice(1, end);
    }
    if (quote === '[') {
      this.pos++;
      const items: unknown[] = [];
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return items;
      }
      for (;;) {
        items.push(this.parseValue());
        this.skipSpace();
        const c = this.text[this.pos];
        this.pos++;
        if (c === ',') continue;
        if (c === ']') return items;
        this.pos--;
        this.fail('expected "," or "]"');
      }
    }
    const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(?=\s*([,)\]]|$))/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    const word = /^(true|false|null)(?=\s*([,)\]]|$))/.exec(rest);
    if (word) {
      this.pos += word[0].length;
      return word[1] === 'null' ? null : word[1] === 'true';
    }
    const start = this.pos;
    const spec = this.parseSpec();
    if (Object.keys(spec.params).length === 0 && this.text[this.pos - 1] !== ')') {
      return this.text.slice(start, this.pos).trim();
    }
    return spec;
  }
}
