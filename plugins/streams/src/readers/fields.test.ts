import { describe, expect, it } from 'vitest';
import { Random } from '@tributary/core';
import { fastDecimal, parseNumber, splitQuoted } from './fields.js';

describe('fastDecimal', () => {
  it('equals Number() on every plain decimal it accepts, and declines the rest', () => {
    const r = new Random(42);
    const samples: string[] = ['0', '-0', '1', '+7', '0.5', '.5', '5.', '-0.000001', '123456789012345', '0.30000000000000004', '1e5', '1,2', ' 1', '', '?', '-', '.', 'NaN', '0x10', '9007199254740993'];
    for (let i = 0; i < 20000; i++) {
      const intDigits = r.nextInt(10);
      const fracDigits = r.nextInt(20);
      let s = r.nextBoolean() ? '-' : '';
      for (let k = 0; k < intDigits; k++) s += r.nextInt(10);
      if (fracDigits > 0 || r.nextBoolean()) s += '.';
      for (let k = 0; k < fracDigits; k++) s += r.nextInt(10);
      samples.push(s);
    }
    let accepted = 0;
    for (const s of samples) {
      const fast = fastDecimal(`,${s},`, 1, s.length + 1);
      if (fast === fast) {
        accepted++;
        expect(Object.is(fast, Number(s)) || (fast === 0 && Number(s) === 0), s).toBe(true);
      } else {
        // declined: the slow path decides (a number, missing, or an error)
        expect(typeof parseNumber(s) === 'number' || parseNumber(s) === undefined).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(10000);
    for (const s of ['1e5', '1,2', ' 1', '', '?', '-', '.', 'NaN', '0x10']) expect(fastDecimal(s, 0, s.length)).toBeNaN();
  });
});

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
