// Wall time of a benchmark grid run over several sessions (each start or resume records the
// environment): per session, from its start to the last job that finished before the next one
// began; with the jobs' CPU seconds and what the grid would take on the session's cores if the
// workers never waited; and an estimate of what the unfinished jobs still need (the CPU per
// instance fitted as a learner effect × a stream effect on the finished jobs, × the instances
// each unfinished job will see). The estimate is checked by a backtest: the jobs the latest
// session finished are priced by the model fitted on the jobs before it, beside the CPU they used.
// Usage: node --conditions=tributary-source --import tsx plugins/benchmark/scripts/grid-wall-time.ts EXPORT_DIR
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishedJobCosts, fitCostModel, jobInstances, ResultsDb, streamLengths, type FinishedJob } from '../src/index.js';

const source = process.argv[2] ?? 'docs/benchmark';
// Jobs still to run: queued, or running when the export was written.
const UNFINISHED = `status IN ('queued', 'running')`;
const scratch = mkdtempSync(join(tmpdir(), 'tributary-wall-time-'));
const db = await ResultsDb.open(join(scratch, 'grid.duckdb'));
// Rounded to whole minutes first, so 4 h 59.6 min prints as 5 h 00 min, not 4 h 60 min.
const hours = (s: number): string => {
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};
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
  // One read of the finished jobs serves the estimate and both checks of it.
  const finished = await finishedJobCosts(db);
  await estimateRemaining(db, finished, sessions.at(-1)?.cores ?? 1);
  const latest = sessions.at(-1)?.started;
  if (latest !== undefined) backtest(finished, latest);
  referenceCrossCheck(finished);
} finally {
  await db.close();
  rmSync(scratch, { recursive: true, force: true });
}

/** CPU the unfinished jobs still need, priced by the cost model fitted on every finished job. */
async function estimateRemaining(db: ResultsDb, finished: readonly FinishedJob[], cores: number): Promise<void> {
  const lengths = await streamLengths();
  const model = fitCostModel(finished);
  const unfinished = await db.query<{ learner: string; implementation: string; stream: string; stream_spec: string; max_instances: number | null }>(
    `SELECT learner, implementation, stream, stream_spec, max_instances FROM jobs WHERE ${UNFINISHED}`,
  );
  const byImplementation = new Map<string, number>();
  const unknown = new Set<string>();
  for (const job of unfinished) {
    const instances = jobInstances({ stream: job.stream, streamSpec: job.stream_spec, maxInstances: job.max_instances ?? undefined }, lengths);
    if (instances === undefined) {
      unknown.add(job.stream);
      continue;
    }
    const seconds = model.perInstance(job.learner, job.stream) * instances;
    byImplementation.set(job.implementation, (byImplementation.get(job.implementation) ?? 0) + seconds);
  }
  const seconds = [...byImplementation.values()].reduce((a, b) => a + b, 0);
  const split = [...byImplementation].sort((a, b) => b[1] - a[1]).map(([impl, s]) => `${impl} ${hours(s)}`).join(', ');
  console.log(
    `Estimated CPU still needed: ${hours(seconds)} (${split}); on ${cores} cores with no waiting ${hours(seconds / cores)} of wall time` +
      (unknown.size ? `; not estimated (unknown length): ${[...unknown].join(', ')}` : '') +
      '. Each job is priced at its learner\'s and its stream\'s fitted effects on the CPU per instance × the instances left. ' +
      'The wall time leaves out protocol and process start-up (not in the jobs\' CPU) and waits between jobs; see the backtest for how far to trust it.',
  );
}

/** Jobs priced by a model beside the CPU they used, as a Markdown table by stream with a total row; returns each job's |log(used ÷ predicted)|. */
function printPredictions(title: string, priced: readonly { job: FinishedJob; predicted: number }[]): number[] {
  const byStream = new Map<string, { jobs: number; predicted: number; used: number }>();
  const all = { jobs: 0, predicted: 0, used: 0 };
  const logErrors: number[] = [];
  for (const { job, predicted } of priced) {
    const entry = byStream.get(job.stream) ?? { jobs: 0, predicted: 0, used: 0 };
    byStream.set(job.stream, entry);
    for (const e of [entry, all]) {
      e.jobs++;
      e.predicted += predicted;
      e.used += job.cpuSeconds;
    }
    if (job.cpuSeconds > 0) logErrors.push(Math.abs(Math.log(job.cpuSeconds / predicted)));
  }
  console.log(`\n${title}`);
  console.log('| stream | jobs | CPU predicted | CPU used | used ÷ predicted |');
  console.log('|---|---:|---|---|---|');
  const row = (name: string, e: typeof all) =>
    console.log(`| ${name} | ${e.jobs} | ${hours(e.predicted)} | ${hours(e.used)} | ${e.predicted > 0 ? (e.used / e.predicted).toFixed(2) : '—'} |`);
  for (const [stream, e] of byStream) row(stream, e);
  row('all', all);
  return logErrors;
}

/**
 * How well the model prices jobs it has not seen: the jobs the latest session finished,
 * predicted from a model fitted on the jobs finished before it, by stream.
 */
function backtest(finished: readonly FinishedJob[], sessionStart: string): void {
  const model = fitCostModel(finished.filter((job) => job.finishedAt < sessionStart));
  const latest = finished.filter((job) => job.finishedAt >= sessionStart);
  if (!model.fitted || latest.length === 0) return;
  printPredictions(
    'Backtest: the jobs the latest session finished, priced by the model fitted on the jobs before it.',
    latest.map((job) => ({ job, predicted: model.perInstance(job.learner, job.stream) * job.instances })),
  );
}

/**
 * How well native costs price the reference implementations on a stream, which is what the
 * estimate relies on for the bridged jobs left: for each stream where reference jobs finished,
 * the model is fitted without them (keeping the native jobs there) and prices them.
 */
function referenceCrossCheck(finished: readonly FinishedJob[]): void {
  const streams = [...new Set(finished.filter((job) => job.implementation !== 'native').map((job) => job.stream))];
  if (streams.length === 0) return;
  const priced = streams.flatMap((stream) => {
    const heldOut = (job: FinishedJob) => job.stream === stream && job.implementation !== 'native';
    const model = fitCostModel(finished.filter((job) => !heldOut(job)));
    return finished.filter(heldOut).map((job) => ({ job, predicted: model.perInstance(job.learner, job.stream) * job.instances }));
  });
  const logErrors = printPredictions('Cross-check: reference jobs on each stream, priced by the model fitted without them (native jobs kept).', priced);
  if (logErrors.length === 0) return;
  logErrors.sort((a, b) => a - b);
  console.log(`Per job, the median factor between used and predicted CPU is ${Math.exp(logErrors[Math.floor(logErrors.length / 2)]).toFixed(2)}.`);
}
