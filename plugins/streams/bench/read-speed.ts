/**
 * Reading speed of the stream readers and generators, each against a plain
 * line count of the same file (gunzip + count newlines) in the same run, so
 * the ratio says how far the reader is from I/O + decompression speed.
 * Run: npm run bench -w plugins/streams   (options: --repeat N, default 3)
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { datasetInfo, openStream } from '../src/index.js';

const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1]) || 3;
const BATCH = 1000;

/** Counts newlines of a (gzip) file as fast as Node streams allow. */
async function lineCount(path: string): Promise<number> {
  let lines = 0;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const source = path.endsWith('.gz') ? input.pipe(createGunzip({ chunkSize: 1 << 20 })) : input;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

/** Reads a whole stream, touching every value so nothing is optimised away. */
async function readAll(spec: string, maxInstances?: number): Promise<{ rows: number; checksum: number }> {
  const stream = await openStream(spec, { maxInstances });
  let rows = 0;
  let checksum = 0;
  for (let b = await stream.nextBatch(BATCH); b; b = await stream.nextBatch(BATCH)) {
    rows += b.n;
    for (let i = 0; i < b.n * b.d; i += b.d) checksum += b.x[i] === b.x[i] ? 1 : 0;
    checksum += b.y[0];
  }
  await stream.close();
  return { rows, checksum };
}

/**
 * Best of `repeat` runs, in CPU seconds of the whole process (main thread and
 * zlib's worker threads): on a shared machine wall time mostly measures the
 * neighbours. Wall seconds of the same run are kept for the record.
 */
async function best<T>(run: () => Promise<T>): Promise<{ seconds: number; wall: number; result: T }> {
  let seconds = Infinity;
  let wall = Infinity;
  let result!: T;
  for (let r = 0; r < repeat; r++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    result = await run();
    const used = process.cpuUsage(cpu);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (cpuSeconds < seconds) {
      seconds = cpuSeconds;
      wall = elapsed;
    }
  }
  return { seconds, wall, result };
}

const GENERATORS = ['sea()', 'agrawal()', 'random-rbf()', 'random-tree()', 'hyperplane()', 'led()', 'suite:sea-abrupt'];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Measures one stream (in this process) and prints one JSON row. */
async function measure(what: string): Promise<string[]> {
  if (!what.includes('(') && !what.includes(':')) {
    const info = datasetInfo(what);
    await readAll(what, 10); // verifies the checksum once, outside the timing
    const count = await best(() => lineCount(info.path));
    const read = await best(() => readAll(what));
    const lines = count.result - 1; // header
    if (read.result.rows !== lines) throw new Error(`${what}: reader gave ${read.result.rows} rows, the file has ${lines}`);
    return [what, fmt(read.result.rows), fmt(read.result.rows / read.seconds), fmt(lines / count.seconds), (count.seconds / read.seconds).toFixed(2), read.seconds.toFixed(3), read.wall.toFixed(3)];
  }
  const n = 1_000_000;
  const read = await best(() => readAll(what, n));
  return [`${what} ×1M`, fmt(n), fmt(n / read.seconds), '—', '—', read.seconds.toFixed(3), read.wall.toFixed(3)];
}

const one = process.argv.indexOf('--one');
if (one >= 0) {
  process.stdout.write(JSON.stringify(await measure(process.argv[one + 1])) + '\n');
} else {
  // Each stream runs in a fresh process so that one's JIT state does not slow the next.
  const { execFileSync } = await import('node:child_process');
  const { loadavg } = await import('node:os');
  const rows: string[][] = [];
  for (const what of ['electricity', 'kdd99_10pct', ...GENERATORS]) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', what, '--repeat', String(repeat)], { encoding: 'utf8' });
    rows.push(JSON.parse(out.trim().split('\n').pop()!) as string[]);
  }
  const head = ['stream', 'instances', 'reader inst/s (CPU)', 'line count lines/s (CPU)', 'reader / line count', 'reader CPU s', 'reader wall s'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`Node ${process.version}, batch ${BATCH}, best of ${repeat} by CPU time, one process per stream, load average ${loadavg()[0].toFixed(1)}\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}
