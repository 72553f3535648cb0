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

/** Exact powers of ten: 10^0 .. 10^22 are exactly representable doubles. */
export const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
