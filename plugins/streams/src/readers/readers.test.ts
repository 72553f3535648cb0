import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '@tributary/core';
import type { StreamSource } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { ArffStream } from './arff-reader.js';
import { CsvStream, type CsvOptions } from './csv-reader.js';
import { openStream } from '../open-stream.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test-fixtures/${name}`, import.meta.url));

/** Reads a whole stream into plain arrays (copies: batch buffers are reused). */
async function readAll(stream: StreamSource, batchSize = 2): Promise<{ x: number[][]; y: string[] }> {
  const x: number[][] = [];
  const y: string[] = [];
  for (let b = await stream.nextBatch(batchSize); b; b = await stream.nextBatch(batchSize)) {
    for (let i = 0; i < b.n; i++) {
      x.push(Array.from(b.x.subarray(i * b.d, (i + 1) * b.d)));
      y.push(stream.schema.classes[b.y[i]]);
    }
  }
  await stream.close();
  return { x, y };
}

async function csvError(name: string, options?: CsvOptions) {
  try {
    await readAll(await CsvStream.open(fixture(name), options));
  } catch (e) {
    return e as { code: string; message: string; details?: { line?: number } };
  }
  throw new Error(`${name} was read without error`);
}

async function arffError(name: string) {
  try {
    await readAll(await ArffStream.open(fixture(name)));
  } catch (e) {
    return e as { code: string; message: string; details?: { line?: number } };
  }
  throw new Error(`${name} was read without error`);
}

describe('CSV reader', () => {
  it('reads quoted fields, missing values, CRLF, detected nominal columns and labels in order of appearance', async () => {
    for (const file of ['csv-valid-quoted.csv', 'csv-valid-quoted.csv.gz']) {
      const stream = await CsvStream.open(fixture(file));
      expect(stream.schema.features.map((f) => [f.name, f.kind])).toEqual([['num', 'numeric'], ['colour', 'nominal']]);
      const { x, y } = await readAll(stream);
      expect(y).toEqual(['yes', 'no', 'yes', 'no', 'maybe']);
      expect(stream.schema.classes).toEqual(['yes', 'no', 'maybe']);
      expect(stream.schema.features[1].values).toEqual(['red', 'dark, blue', 'green']);
      expect(x).toEqual([[1.5, 0], [NaN, 1], [NaN, 0], [-2000, NaN], [7, 2]]);
    }
  });

  it('reads a headerless file with given column names (line numbers stay true)', async () => {
    const stream = await CsvStream.open(fixture('csv-headerless.csv'), { columns: ['a', 'b', 'label'] });
    expect(stream.schema.target).toBe('label');
    const { x, y } = await readAll(stream);
    expect(x).toEqual([[1, 2], [3, 4]]);
    expect(y).toEqual(['x', 'y']);
    const wrong = await CsvStream.open(fixture('csv-headerless.csv'), { columns: ['a', 'label'] });
    await expect(readAll(wrong)).rejects.toMatchObject({ message: expect.stringContaining('csv-headerless.csv:1: expected 2 fields') });
  });

  it('parses every number exactly as Number() does (in-place fast path and string fallback)', async () => {
    const r = new Random(42);
    const samples = ['0', '-0', '1', '+7', '0.5', '.5', '5.', '-0.000001', '123456789012345', '1234567890123456789', '0.30000000000000004', '1e5', '-2.5E-3', '1.7976931348623157e308', '0.0000000000000000000000001', '000123.4500'];
    for (let i = 0; i < 5000; i++) {
      let text = r.nextBoolean() ? '-' : '';
      for (let k = r.nextInt(10); k > 0; k--) text += r.nextInt(10);
      const decimals = r.nextInt(20);
      if (decimals > 0 || text.replace('-', '') === '') text += '.';
      for (let k = decimals; k > 0; k--) text += r.nextInt(10);
      if (/\d/.test(text)) samples.push(text);
    }
    const dir = await mkdtemp(join(tmpdir(), 'tributary-csv-'));
    try {
      const path = join(dir, 'numbers.csv');
      writeFileSync(path, `a,b,class\n${samples.map((v, i) => `${v},${samples[samples.length - 1 - i]},c`).join('\n')}\n`);
      const { x } = await readAll(await CsvStream.open(path), 1000);
      expect(x.map((row) => row[0])).toEqual(samples.map(Number));
      expect(x.map((row) => row[1])).toEqual(samples.map((_, i) => Number(samples[samples.length - 1 - i])));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes the class from a named target column', async () => {
    const stream = await CsvStream.open(fixture('csv-valid-quoted.csv'), { target: 'colour' });
    expect(stream.schema.target).toBe('colour');
    expect(stream.schema.features.map((f) => f.name)).toEqual(['num', 'class']);
    await stream.close();
  });

  it.each([
    ['csv-too-few-fields.csv', 3, /expected 3 fields as in the header, found 2/],
    ['csv-too-many-fields.csv', 4, /expected 3 fields as in the header, found 4/],
    ['csv-unterminated-quote.csv', 3, /unterminated quote/],
    ['csv-missing-class.csv', 3, /class \("class"\) is missing/],
  ])('%s fails at line %i', async (name, line, problem) => {
    const error = await csvError(name);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toContain(`${name}:${line}:`);
    expect(error.message).toMatch(problem);
    expect(error.details?.line).toBe(line);
  });

  it('reports an unparseable number in a declared numeric column with file, line, column and value', async () => {
    for (const options of [{ nominal: [] }, { detectRows: 1 }]) {
      const error = await csvError('csv-bad-number.csv', options);
      expect(error.code).toBe('INVALID_DATA');
      expect(error.message).toContain('csv-bad-number.csv:3:');
      expect(error.message).toMatch(/column "b" is numeric but holds "oops"/);
    }
  });

  it('a truncated gzip file is an IO_ERROR naming the file, after the rows that could be read', async () => {
    const stream = await CsvStream.open(fixture('csv-truncated.csv.gz'));
    let rows = 0;
    const read = async () => {
      for (let b = await stream.nextBatch(100); b; b = await stream.nextBatch(100)) rows += b.n;
    };
    await expect(read()).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/csv-truncated\.csv\.gz: unexpected end of file/) });
    expect(rows).toBeGreaterThan(0);
  });

  it('rejects an empty file and a duplicated header', async () => {
    await expect(CsvStream.open(fixture('csv-empty.csv'))).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/csv-empty\.csv: the file is empty/) });
    await expect(CsvStream.open(fixture('csv-duplicate-header.csv'))).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/column "a" appears twice/) });
  });

  it('rejects an unknown target or nominal column and a missing file', async () => {
    await expect(CsvStream.open(fixture('csv-valid-quoted.csv'), { target: 'nope' })).rejects.toMatchObject({ code: 'INVALID_SPEC', message: expect.stringMatching(/no column named "nope".*num, colour, class/) });
    await expect(CsvStream.open(fixture('csv-valid-quoted.csv'), { nominal: ['nope'] })).rejects.toMatchObject({ code: 'INVALID_SPEC' });
    await expect(CsvStream.open(fixture('no-such-file.csv'))).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/no-such-file\.csv: no such file/) });
  });

  it('is opened by openStream from a path or a csv(...) spec with options', async () => {
    const byPath = await readAll(await openStream(fixture('csv-valid-quoted.csv.gz')));
    expect(byPath.y).toHaveLength(5);
    const withOptions = await openStream(`csv(path="${fixture('csv-valid-quoted.csv')}",nominal=[],target=class)`);
    await expect(readAll(withOptions)).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/:2: column "colour" is numeric but holds "red"/) });
  });
});

describe('ARFF reader', () => {
  it('reads comments, quoted names and values, missing values, MOA trailing commas, sparse rows and weights', async () => {
    const stream = await ArffStream.open(fixture('arff-valid.arff'));
    expect(stream.schema.features.map((f) => [f.name, f.kind, f.values])).toEqual([
      ['first value', 'numeric', []],
      ['colour', 'nominal', ['light red', 'green', 'blue']],
      ['count', 'numeric', []],
    ]);
    expect(stream.schema.classes).toEqual(['no', 'yes']);
    const { x, y } = await readAll(stream);
    expect(x).toEqual([[1.5, 0, 3], [NaN, 1, NaN], [-2000, 2, 4], [7, 1, 0], [0, 0, 9], [4, 2, 5]]);
    expect(y).toEqual(['yes', 'no', 'no', 'yes', 'no', 'yes']);
  });

  it.each([
    ['arff-value-not-declared.arff', 8, /attribute "colour" holds "blue", which is not one of its declared values \{red,green\}/],
    ['arff-class-not-declared.arff', 6, /attribute "class" holds "c", which is not one of its declared values \{a,b\}/],
    ['arff-wrong-count.arff', 7, /expected 3 values \(one per @attribute\), found 2/],
    ['arff-bad-number.arff', 6, /attribute "x" is numeric but holds "1\.2\.3"/],
    ['arff-bad-sparse-index.arff', 7, /sparse index 5 is out of range; there are 3 attributes/],
  ])('%s fails at line %i', async (name, line, problem) => {
    const error = await arffError(name);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toContain(`${name}:${line}:`);
    expect(error.message).toMatch(problem);
  });

  it.each([
    ['arff-no-data.arff', /ends before @data/],
    ['arff-unsupported-type.arff', /attribute "when" has type "date "yyyy-MM-dd""; supported/],
    ['arff-numeric-class.arff', /class attribute "target" is numeric/],
  ])('%s is rejected when opened', async (name, problem) => {
    await expect(ArffStream.open(fixture(name))).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(problem) });
  });

  it('never shifts columns: rows before the bad one are delivered intact', async () => {
    const stream = await ArffStream.open(fixture('arff-wrong-count.arff'));
    const first = await stream.nextBatch(1);
    expect(Array.from(first!.x.subarray(0, 2))).toEqual([1, 2]);
    await expect(stream.nextBatch(1)).rejects.toMatchObject({ code: 'INVALID_DATA' });
    expect(await stream.nextBatch(1)).toBeNull();
  });
});
