// Wall time of a benchmark grid run over several sessions (each start or resume records the
// environment): per session, from its start to the last job that finished before the next one
// began; with the jobs' CPU seconds and what the grid would take on the session's cores if the
// workers never waited; and an estimate of what the unfinished jobs still need (each learner's
// CPU seconds per instance over its finished jobs × the instances each unfinished job will see).
// The estimate is checked by a backtest: the jobs the latest session finished on streams new to
// it are predicted from the jobs finished before it, and the prediction is printed beside the CPU used.
// Usage: node --conditions=tributary-source --import tsx plugins/benchmark/scripts/grid-wall-time.ts EXPORT_DIR
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learnerRates, ResultsDb, streamLengths } from '../src/index.js';

const source = process.argv[2] ?? 'docs/benchmark';
// Jobs still to run: queued, or running when the export was written.
const UNFINISHED = `status IN ('queued', 'running')`;
const scratch = mkdtempSync(join(tmpdir(), 'tributary-wall-time-'));
const db = await ResultsDb.open(join(scratch, 'grid.duckdb'));
const hours = (s: number): string => `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, '0')} min`;
try {
  await db.importFrom(source);
  const sessions = await db.query<{ started: string; next: string | null; cores: number; machine: string }>(
    `SELECT CAST(recorded_at AS VARCHAR) AS started, CAST(lead(recorded_at) OVER (ORDER BY recorded_at) AS VARCHAR) AS next, cpu_count AS cores, cpu AS machine
     FROM environment ORDER BY recorded_at`,
  );
  let wall = 0;
  let cpu = 0;
  console.log('| session start | machine | jobs finished | wall | CPU of its jobs | CPU ÷ (wall × cores) |');
  console.log('|---|---|---|---|---|---|');
  for (const s of sessions) {
    const [row] = await db.query<{ jobs: number; last: string | null; cpu: number | null; span: number | null }>(
      `SELECT count(*) AS jobs, CAST(max(j.finished_at) AS VARCHAR) AS last, sum(r.cpu_s) AS cpu,
              epoch(max(j.finished_at)) - epoch(CAST($1 AS TIMESTAMP)) AS span
       FROM jobs j JOIN results r USING (job_id)
       WHERE j.status = 'done' AND j.finished_at >= CAST($1 AS TIMESTAMP) AND ($2 IS NULL OR j.finished_at < CAST($2 AS TIMESTAMP))`,
      [s.started, s.next],
    );
    const span = Number(row.span ?? 0);
    const used = Number(row.cpu ?? 0);
    wall += span;
    cpu += used;
    console.log(`| ${s.started.slice(0, 19)} | ${s.machine}, ${s.cores} cores | ${row.jobs} | ${hours(span)} | ${hours(used)} | ${span > 0 ? (used / (span * s.cores)).toFixed(2) : '—'} |`);
  }
  const [left] = await db.query<{ queued: number; done: number; total: number }>(
    `SELECT count(*) FILTER (WHERE ${UNFINISHED}) AS queued, count(*) FILTER (WHERE status = 'done') AS done, count(*) AS total FROM jobs`,
  );
  console.log(`\nSum over ${sessions.length} sessions: wall ${hours(wall)}, CPU of the finished jobs ${hours(cpu)}; ${left.done} of ${left.total} jobs done, ${left.queued} still to run.`);
  await estimateRemaining(db, sessions.at(-1)?.cores ?? 1);
  const latest = sessions.at(-1)?.started;
  if (latest !== undefined) await backtest(db, latest);
} finally {
  await db.close();
  rmSync(scratch, { recursive: true, force: true });
}

/** CPU the unfinished jobs still need, from the rates of the same learners' finished jobs. */
async function estimateRemaining(db: ResultsDb, cores: number): Promise<void> {
  const rows = await streamLengths();
  const rates = await learnerRates(db);
  const unfinished = await db.query<{ learner: string; stream: string; max_instances: number | null }>(
    `SELECT learner, stream, max_instances FROM jobs WHERE ${UNFINISHED}`,
  );
  let seconds = 0;
  const unknown = new Set<string>();
  for (const job of unfinished) {
    const length = rows.get(job.stream);
    const rate = rates.get(job.learner);
    if (length === undefined || rate === undefined) {
      unknown.add(length === undefined ? `stream ${job.stream}` : `learner ${job.learner}`);
      continue;
    }
    seconds += rate * Math.min(length, job.max_instances ?? Infinity);
  }
  console.log(
    `Estimated CPU still needed: ${hours(seconds)} (each learner's CPU s per instance over its finished jobs × the instances left); ` +
      `on ${cores} cores with no waiting ${hours(seconds / cores)} of wall time` +
      (unknown.size ? `; not estimated (no finished job or unknown length): ${[...unknown].join(', ')}` : '') +
      '. The wall time leaves out protocol and process start-up (not in the jobs\' CPU) and waits between jobs; ' +
      'the rates come from the streams finished so far and misjudge streams of another width (see the backtest).',
  );
}

/**
 * How well the rates predict new streams: the jobs finished in the latest session on streams
 * no job had finished before it, predicted with the rates of the jobs finished before it.
 */
async function backtest(db: ResultsDb, sessionStart: string): Promise<void> {
  const rates = await learnerRates(db, sessionStart);
  const jobs = await db.query<{ stream: string; learner: string; instances: number; cpu_s: number }>(
    `SELECT j.stream, j.learner, r.instances, r.cpu_s FROM jobs j JOIN results r USING (job_id)
     WHERE j.status = 'done' AND j.finished_at >= CAST($1 AS TIMESTAMP)
       AND j.stream NOT IN (SELECT stream FROM jobs WHERE status = 'done' AND finished_at < CAST($1 AS TIMESTAMP))
     ORDER BY j.job_index`,
    [sessionStart],
  );
  if (jobs.length === 0) return;
  const byStream = new Map<string, { jobs: number; predicted: number; used: number }>();
  for (const job of jobs) {
    const rate = rates.get(job.learner);
    if (rate === undefined) continue; // a learner with no earlier job cannot be predicted
    const entry = byStream.get(job.stream) ?? { jobs: 0, predicted: 0, used: 0 };
    entry.jobs++;
    entry.predicted += rate * Number(job.instances);
    entry.used += Number(job.cpu_s);
    byStream.set(job.stream, entry);
  }
  console.log('\nBacktest: jobs finished in the latest session on streams new to it, predicted from the rates before it.');
  console.log('| stream | jobs | CPU predicted | CPU used | used ÷ predicted |');
  console.log('|---|---:|---|---|---|');
  const all = { jobs: 0, predicted: 0, used: 0 };
  const row = (name: string, e: typeof all) =>
    console.log(`| ${name} | ${e.jobs} | ${hours(e.predicted)} | ${hours(e.used)} | ${e.predicted > 0 ? (e.used / e.predicted).toFixed(2) : '—'} |`);
  for (const [stream, e] of byStream) {
    row(stream, e);
    all.jobs += e.jobs;
    all.predicted += e.predicted;
    all.used += e.used;
  }
  row('all', all);
}
