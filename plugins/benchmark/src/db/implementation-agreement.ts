import type { ResultsDb } from './results-db.js';

/** Native against one reference implementation of the same algorithm. */
export interface ImplementationAgreement {
  /** The learner label without "@implementation" and "(parameters)". */
  algorithm: string;
  reference: string;
  /** Streams both finished (every job done). */
  streams: number;
  /** Of those, streams where the reference was capped and native is read at its checkpoint on the same instance count. */
  cappedStreams: number;
  /** Mean accuracy over seeds, then over the streams compared. */
  nativeAccuracy: number;
  referenceAccuracy: number;
  /** The stream with the largest |native − reference| (null when every stream agrees exactly). */
  widestGap: { stream: string; difference: number } | null;
}

const algorithmOf = `regexp_replace(regexp_replace(j.learner, '@[^@]*$', ''), '\\(.*\\)$', '')`;

interface Cell { algorithm: string; implementation: string; stream: string; value: number | null; instances: number | null; spread: number | null; jobs: number; done: number }
interface Prefix { algorithm: string; stream: string; instances: number; value: number; jobs: number }

/**
 * Compares each native learner with its River/MOA counterparts on the streams
 * where both finished every job. A capped reference run (River's ensembles) is
 * set against native's cumulative accuracy at the checkpoint on the reference's
 * instance count, so both cover the same prefix; without such a checkpoint the
 * stream is left out rather than compared over different lengths.
 */
export async function implementationAgreement(db: ResultsDb, implementations?: readonly string[]): Promise<ImplementationAgreement[]> {
  const filter = implementations ? `AND j.implementation IN (${implementations.map((i) => `'${i.replace(/'/g, "''")}'`).join(', ')})` : '';
  const cells = await db.query<Cell>(
    `SELECT ${algorithmOf} AS algorithm, j.implementation, j.stream,
            avg(r.accuracy) AS value, max(r.instances) AS instances, max(r.instances) - min(r.instances) AS spread,
            count(*) AS jobs, count(*) FILTER (WHERE j.status = 'done') AS done
     FROM jobs j LEFT JOIN results r USING (job_id) WHERE NOT j.retired ${filter} GROUP BY ALL`,
  );
  // Cumulative native accuracy at each checkpoint, from each job's latest attempt.
  const prefixes = await db.query<Prefix>(
    `WITH latest AS (SELECT job_id, max(attempt) AS attempt FROM checkpoints GROUP BY job_id)
     SELECT ${algorithmOf} AS algorithm, j.stream, c.instances, avg(c.accuracy) AS value, count(*) AS jobs
     FROM jobs j JOIN latest l USING (job_id) JOIN checkpoints c ON c.job_id = l.job_id AND c.attempt = l.attempt
     WHERE NOT j.retired AND j.status = 'done' AND j.implementation = 'native' ${filter} GROUP BY ALL`,
  );
  const finished = new Map<string, { value: number; instances: number; jobs: number }>();
  for (const c of cells) {
    if (Number(c.done) === Number(c.jobs) && c.value !== null && Number(c.spread) === 0) {
      finished.set(`${c.algorithm}|${c.implementation}|${c.stream}`, { value: c.value, instances: Number(c.instances), jobs: Number(c.jobs) });
    }
  }
  const nativeAt = new Map(prefixes.map((p) => [`${p.algorithm}|${p.stream}|${Number(p.instances)}`, p]));
  const pairs = [...new Set(cells.filter((c) => c.implementation !== 'native').map((c) => `${c.algorithm}|${c.implementation}`))].sort();
  const agreements: ImplementationAgreement[] = [];
  for (const pair of pairs) {
    const [algorithm, reference] = pair.split('|');
    const compared: { stream: string; native: number; reference: number; capped: boolean }[] = [];
    for (const c of cells) {
      if (c.algorithm !== algorithm || c.implementation !== reference) continue;
      const ref = finished.get(`${algorithm}|${reference}|${c.stream}`);
      const nat = finished.get(`${algorithm}|native|${c.stream}`);
      if (!ref || !nat) continue;
      if (ref.instances === nat.instances) compared.push({ stream: c.stream, native: nat.value, reference: ref.value, capped: false });
      else if (ref.instances < nat.instances) {
        const atCap = nativeAt.get(`${algorithm}|${c.stream}|${ref.instances}`);
        if (atCap && Number(atCap.jobs) === nat.jobs) compared.push({ stream: c.stream, native: atCap.value, reference: ref.value, capped: true });
      }
    }
    if (compared.length === 0) continue;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const widest = compared.reduce((a, b) => (Math.abs(b.native - b.reference) > Math.abs(a.native - a.reference) ? b : a));
    agreements.push({
      algorithm,
      reference,
      streams: compared.length,
      cappedStreams: compared.filter((d) => d.capped).length,
      nativeAccuracy: mean(compared.map((d) => d.native)),
      referenceAccuracy: mean(compared.map((d) => d.reference)),
      widestGap: widest.native === widest.reference ? null : { stream: widest.stream, difference: widest.native - widest.reference },
    });
  }
  return agreements;
}
