/**
 * Splits one delimited line honouring quotes (`"a,b"`, `'a b'` when `singleQuotes`)
 * and doubled-quote or backslash escapes; fields are trimmed unless quoted.
 * Returns null when a quote is left open (the caller reports it with the line number).
 */
export function splitQuoted(line: string, delimiter: string, singleQuotes: boolean): string[] | null {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && (line[i] === ' ' || line[i] === '\t') && line[i] !== delimiter) i++;
    const c = line[i];
    if (c === '"' || (singleQuotes && c === "'")) {
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const ch = line[j];
        if (ch === '\\' && j + 1 < n) {
          value += line[j + 1];
          j += 2;
          continue;
        }
        if (ch === c) {
          if (line[j + 1] === c) {
            value += c;
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += ch;
        j++;
      }
      if (!closed) return null;
      fields.push(value);
      while (j < n && line[j] !== delimiter) j++;
      i = j;
    } else {
      let j = line.indexOf(delimiter, i);
      if (j < 0) j = n;
      fields.push(line.slice(i, j).trim());
      i = j;
    }
    if (i >= n) break;
    i++; // past the delimiter
    if (i === n) {
      fields.push('');
      break;
    }
  }
  return fields;
}

/** Whether a field marks a missing value (empty or `?`). */
export function isMissing(field: string): boolean {
  return field.length === 0 || field === '?';
}

/**
 * Parses a numeric field; NaN for missing (`''`, `?`), undefined when the text is not a number.
 * `+text` alone would read `''` and `' '` as 0, hence the checks.
 */
export function parseNumber(field: string): number | undefined {
  if (field.length === 0) return NaN;
  const v = +field;
  if (v === v) {
    // `+' '` is 0 and `+'0x1f'` is 31: neither is a number in a data file
    if (v === 0 && field.trim().length === 0) return NaN;
    if (field.charCodeAt(0) === 48 && field.length > 1 && (field.charCodeAt(1) | 32) === 120) return undefined;
    return v;
  }
  const t = field.trim();
  if (t === '?' || t === '' || t === 'NaN') return NaN;
  return undefined;
}

/** Exact powers of ten (10^0 .. 10^22 are exactly representable doubles). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Parses a plain decimal `[-+]?digits[.digits]` in `text[start, end)` without
 * creating a string. Exact: with at most 15 significant digits and 22 decimals,
 * mantissa / 10^k divides two exact doubles, which IEEE rounds correctly, so the
 * result equals `Number(text.slice(start, end))` (Clinger's fast path). Returns
 * NaN for anything else (exponents, long mantissas, spaces, `?`, empty), which the
 * caller then parses the slow way.
 */
export function fastDecimal(text: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenDigit = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      seenDigit = true;
      if (mantissa !== 0 || c !== 0) digits++;
      mantissa = mantissa * 10 + c;
      continue;
    }
    if (c === -2 /* . */) {
      i++;
      for (; i < end; i++) {
        c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) return NaN;
        seenDigit = true;
        if (mantissa !== 0 || c !== 0) digits++;
        mantissa = mantissa * 10 + c;
        decimals++;
      }
      break;
    }
    return NaN;
  }
  if (!seenDigit || digits > 15 || decimals > 22) return NaN;
  const value = decimals === 0 ? mantissa : mantissa / POW10[decimals];
  return negative ? -value : value;
}
