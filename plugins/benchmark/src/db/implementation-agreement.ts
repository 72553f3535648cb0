import { compareImplementations, type ImplementationAgreement } from '../report/compare-implementations.js';
import type { ResultsDb } from './results-db.js';

export interface AgreementOptions {
  /** Only this run's jobs (all runs when absent). */
  runId?: number;
  /** Only these implementations (native must be among them for any row). */
  implementations?: readonly string[];
}

/**
 * Native against each River/MOA counterpart over the database's finished jobs
 * (see compareImplementations); native checkpoints come from each job's latest
 * attempt, for comparisons with capped reference runs.
 */
export async function implementationAgreement(db: ResultsDb, options: AgreementOptions = {}): Promise<ImplementationAgreement[]> {
  const conditions = ['NOT j.retired'];
  const values: (number | string)[] = [];
  if (options.runId !== undefined) {
    values.push(options.runId);
    conditions.push(`j.run_id = $${values.length}`);
  }
  if (options.implementations) {
    const placeholders = options.implementations.map((implementation) => {
      values.push(implementation);
      return `$${values.length}`;
    });
    conditions.push(`j.implementation IN (${placeholders.join(', ') || 'NULL'})`);
  }
  const where = conditions.join(' AND ');
  const jobs = await db.query<{ learner: string; implementation: string; stream: string; status: string; accuracy: number | null; instances: number | null }>(
    `SELECT j.learner, j.implementation, j.stream, j.status, r.accuracy, r.instances FROM jobs j LEFT JOIN results r USING (job_id) WHERE ${where}`,
    values,
  );
  const checkpoints = await db.query<{ learner: string; stream: string; instances: number; accuracy: number }>(
    `WITH latest AS (SELECT job_id, max(attempt) AS attempt FROM checkpoints GROUP BY job_id)
     SELECT j.learner, j.stream, c.instances, c.accuracy
     FROM jobs j JOIN latest l USING (job_id) JOIN checkpoints c ON c.job_id = l.job_id AND c.attempt = l.attempt
     WHERE ${where} AND j.status = 'done' AND j.implementation = 'native' AND c.accuracy IS NOT NULL`,
    values,
  );
  return compareImplementations(
    jobs.map((j) => ({ learner: j.learner, implementation: j.implementation, stream: j.stream, done: j.status === 'done', accuracy: j.accuracy ?? undefined, instances: j.instances === null ? undefined : Number(j.instances) })),
    checkpoints.map((c) => ({ ...c, instances: Number(c.instances) })),
  );
}
