/**
 * Prints a Markdown summary of a benchmark database for docs/benchmark.md:
 * progress, the streams every learner finished (complete blocks), average
 * ranks (ties share the mean rank) of accuracy and kappa over those streams,
 * the report's tests (Friedman/Iman–Davenport, Nemenyi CD, Wilcoxon–Holm),
 * native against reference mean accuracy per algorithm, and the failures.
 *
 *   node --import tsx --conditions=tributary-source plugins/benchmark/scripts/summarize-results.ts DB|EXPORT_DIR [--implementations native]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportModel, reportDataFromDb, ResultsDb, type ReportData } from '../src/index.js';

const source = process.argv[2];
if (!source) throw new Error('usage: summarize-results.ts DB|EXPORT_DIR [--implementations a,b]');
const flag = process.argv.indexOf('--implementations');
const implementations = flag > 0 ? process.argv[flag + 1].split(',') : undefined;
const implFilter = implementations ? `AND j.implementation IN (${implementations.map((i) => `'${i.replace(/'/g, "''")}'`).join(', ')})` : '';

// An export folder (the committed CSV files) is read through a scratch database.
const scratch = statSync(source).isDirectory() ? mkdtempSync(join(tmpdir(), 'tributary-summary-')) : undefined;
const db = await ResultsDb.open(scratch ? join(scratch, 'grid.duckdb') : source);
if (scratch) await db.importFrom(source);
const print = (line = '') => process.stdout.write(`${line}\n`);

/**
 * The report's statistics (the same model the HTML report draws), as text:
 * Friedman/Iman–Davenport, Nemenyi's CD, and how many Wilcoxon–Holm pairs
 * differ, with the best learner's standing.
 */
function printTests(data: ReportData): void {
  const model = buildReportModel(data);
  for (const analysis of model.analyses.filter((a) => ['accuracy', 'kappa'].includes(a.metric.id))) {
    const c = analysis.comparison;
    print();
    if (!c) {
      print(`${analysis.metric.label}: no tests (${analysis.reason}).`);
      continue;
    }
    const f = c.friedman;
    const p = (value: number) => (value < 0.001 ? '< 0.001' : `= ${value.toPrecision(3)}`);
    const best = c.meanRanks.indexOf(Math.min(...c.meanRanks));
    const againstBest = c.pairwise.filter((pair) => pair.a === best || pair.b === best);
    const beaten = againstBest.filter((pair) => pair.significant && pair.better === (pair.a === best ? 'a' : 'b')).length;
    const notSeparated = againstBest.filter((pair) => !pair.significant).map((pair) => c.names[pair.a === best ? pair.b : pair.a]);
    print(`${analysis.metric.label} over ${c.n} streams, ${c.names.length} learners: Friedman χ² = ${f.chiSquare.toFixed(2)} (p ${p(f.chiSquarePValue)}), Iman–Davenport F_F = ${f.imanDavenport.toFixed(2)} (df ${f.imanDavenportDf[0]}, ${f.imanDavenportDf[1]}; p ${p(f.imanDavenportPValue)}); Nemenyi CD = ${c.criticalDifference.toFixed(2)} at α = ${c.alpha}.`);
    print(`Wilcoxon–Holm: ${c.pairwise.filter((pair) => pair.significant).length} of ${c.pairwise.length} pairs differ. ${c.names[best]} (mean rank ${c.meanRanks[best].toFixed(2)}) is significantly better than ${beaten} of the other ${c.names.length - 1}; not separated from ${notSeparated.join(', ') || 'none'}.`);
  }
}

/** Native against each River/MOA counterpart (the report's rows), as a Markdown table. */
function printImplementationAgreement(data: ReportData): void {
  const agreements = data.agreement ?? [];
  if (agreements.length === 0) return;
  print();
  print('Native against reference: mean accuracy (over seeds, then streams) over the streams where both finished every job. On a stream where the reference is capped, native is read at its checkpoint on the same instance count ("capped"):');
  print();
  print('| algorithm | reference | streams | native | reference | native − reference | widest per-stream gap |');
  print('|---|---|---:|---:|---:|---:|---|');
  for (const a of agreements) {
    const gap = a.widestGap ? `${a.widestGap.difference.toFixed(4)} (${a.widestGap.stream})` : 'none';
    const streams = `${a.streams}${a.cappedStreams ? ` (${a.cappedStreams} capped)` : ''}`;
    print(`| ${a.algorithm} | ${a.reference} | ${streams} | ${a.nativeAccuracy.toFixed(4)} | ${a.referenceAccuracy.toFixed(4)} | ${(a.nativeAccuracy - a.referenceAccuracy).toFixed(4)} | ${gap} |`);
  }
}
try {
  const [progress] = await db.query<Record<string, number>>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'done') AS done, count(*) FILTER (WHERE status IN ('failed', 'timeout', 'budget')) AS failed,
            sum(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS finished
     FROM jobs j WHERE NOT retired ${implFilter}`,
  );
  print(`Jobs: ${progress.total} in the grid, ${progress.done} done, ${progress.failed} failed / timed out / over budget.`);
  const learners = await db.query<{ learner: string }>(`SELECT DISTINCT learner FROM jobs j WHERE NOT retired ${implFilter}`);
  // A stream is complete when every job of every learner on it has ended (done or not).
  const complete = await db.query<{ stream: string; jobs: number; instances: number }>(
    `SELECT j.stream, count(*) AS jobs, max(r.instances) AS instances FROM jobs j LEFT JOIN results r USING (job_id)
     WHERE NOT j.retired ${implFilter} GROUP BY j.stream
     HAVING count(*) FILTER (WHERE j.status IN ('queued', 'running')) = 0 ORDER BY min(j.job_index)`,
  );
  print(`Streams with every job ended: ${complete.map((c) => `${c.stream} (${c.instances ?? '?'} instances)`).join(', ') || 'none yet'}.`);
  if (complete.length === 0) process.exit(0);
  const streamList = complete.map((c) => `'${c.stream.replace(/'/g, "''")}'`).join(', ');

  for (const metric of ['accuracy', 'kappa']) {
    // Mean over seeds per learner × stream; learners that failed on a stream rank last there.
    const ranks = await db.query<{ learner: string; implementation: string; rank: number; mean: number; streams: number }>(
      `WITH m AS (
         SELECT j.learner, j.implementation, j.stream, avg(r.${metric}) AS value
         FROM jobs j LEFT JOIN results r USING (job_id)
         WHERE NOT j.retired ${implFilter} AND j.stream IN (${streamList})
         GROUP BY ALL
       ), ranked AS (
         SELECT *, rank() OVER (PARTITION BY stream ORDER BY coalesce(value, -1e300) DESC)
                   + (count(*) OVER (PARTITION BY stream, coalesce(value, -1e300)) - 1) / 2.0 AS r
         FROM m
       )
       SELECT learner, implementation, avg(r) AS rank, avg(value) AS mean, count(value) AS streams FROM ranked GROUP BY ALL ORDER BY rank, learner`,
    );
    print();
    print(`Average ${metric} rank over the ${complete.length} complete stream(s) (${learners.length} learners; lower is better; ties share the mean rank; a learner that did not finish a stream ranks last there):`);
    print();
    print(`| rank | learner | implementation | mean ${metric} | streams finished |`);
    print('|---:|---|---|---:|---:|');
    for (const row of ranks) print(`| ${row.rank.toFixed(2)} | ${row.learner} | ${row.implementation} | ${row.mean === null ? '–' : row.mean.toFixed(4)} | ${row.streams}/${complete.length} |`);
  }

  // One read of the report's data serves both: the tests and native against reference.
  const reportData = await reportDataFromDb(db, { implementations });
  printTests(reportData);
  printImplementationAgreement(reportData);

  const failures = await db.query<{ learner: string; status: string; error_code: string | null; n: number; example: string }>(
    `SELECT learner, status, error_code, count(*) AS n, min(split_part(error, chr(10), 1)) AS example FROM jobs j
     WHERE NOT retired ${implFilter} AND status IN ('failed', 'timeout', 'budget') GROUP BY ALL ORDER BY n DESC, learner`,
  );
  print();
  print(`Jobs that did not finish: ${failures.length === 0 ? 'none.' : ''}`);
  if (failures.length) {
    print();
    print('| learner | status | jobs | first error |');
    print('|---|---|---:|---|');
    for (const f of failures) print(`| ${f.learner} | ${f.status} | ${f.n} | ${(f.error_code ? `${f.error_code}: ` : '') + f.example.slice(0, 160).replace(/\|/g, '\\|')} |`);
  }
} finally {
  await db.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
