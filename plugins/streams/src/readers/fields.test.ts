import { describe, expect, it } from 'vitest';
import { parseNumber, splitQuoted } from './fields.js';

describe('parseNumber and splitQuoted', () => {
  it('missing values are NaN, text is undefined', () => {
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('?')).toBeNaN();
    expect(parseNumber(' ')).toBeNaN();
    expect(parseNumber('abc')).toBeUndefined();
    expect(parseNumber('0x1f')).toBeUndefined();
    expect(parseNumber(' 2.5 ')).toBe(2.5);
  });

  it('splits quoted fields with doubled quotes and keeps empty trailing fields', () => {
    expect(splitQuoted('a,"b,c","d ""e""",', ',', false)).toEqual(['a', 'b,c', 'd "e"', '']);
    expect(splitQuoted("'x y', z", ',', true)).toEqual(['x y', 'z']);
    expect(splitQuoted('"open,', ',', false)).toBeNull();
  });
});
