import { parseValue, TributaryError } from '@tributary/core';

/** Collects repeated `--param NAME=VALUE` options into an object with typed values. */
export function collectParam(entry: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = entry.indexOf('=');
  if (eq <= 0) throw new TributaryError('INVALID_SPEC', `--param expects NAME=VALUE, got "${entry}"`);
  const name = entry.slice(0, eq).trim();
  const raw = entry.slice(eq + 1);
  let value: unknown;
  try {
    value = parseValue(raw);
  } catch {
    value = raw; // free text such as a MOA option string "-g 100 -c 0.01"
  }
  return { ...previous, [name]: value };
}

/** Parses a positive integer option. */
export function positiveInteger(name: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new TributaryError('CONFIG_ERROR', `${name} must be a positive integer, got "${value}"`);
    return n;
  };
}

/** Parses an integer option (seeds may be 0 or negative). */
export function integer(name: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new TributaryError('CONFIG_ERROR', `${name} must be an integer, got "${value}"`);
    return n;
  };
}

/** Splits a comma-separated option value into its trimmed, non-empty items. */
export function commaList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}
