/** Native against one reference implementation (River, MOA) of the same algorithm. */
export interface ImplementationAgreement {
  /** The learner label without "@implementation" and "(parameters)", e.g. 'arf'. */
  algorithm: string;
  reference: string;
  /** Streams both finished (every job done). */
  streams: number;
  /** Of those, streams where the reference was capped and native is read at its checkpoint on the same instance count. */
  cappedStreams: number;
  /** Mean accuracy over seeds, then over the streams compared. */
  nativeAccuracy: number;
  referenceAccuracy: number;
  /** The stream with the largest |native − reference|; null when every stream agrees exactly. */
  widestGap: { stream: string; difference: number } | null;
}

/** One job of the grid: finished (with its final accuracy over `instances`) or not. */
export interface AgreementJob {
  learner: string;
  implementation: string;
  stream: string;
  done: boolean;
  accuracy?: number;
  instances?: number;
}

/** Cumulative accuracy of a finished native job at one checkpoint. */
export interface AgreementCheckpoint {
  learner: string;
  stream: string;
  instances: number;
  accuracy: number;
}

/** 'arf(ensembleSize=10)' and 'arf@moa' are both 'arf'. */
export function algorithmName(label: string): string {
  return label.replace(/@[^@]*$/, '').replace(/\(.*\)$/, '');
}

interface Finished { accuracy: number; instances: number; jobs: number }

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Compares each native algorithm with its reference implementations on the
 * streams where both finished every job over one instance count. A capped
 * reference (River's ensembles) is set against native's cumulative accuracy at
 * the checkpoint on the reference's instance count, so both cover the same
 * prefix; without such a checkpoint on every native job the stream is left out
 * rather than compared over different lengths.
 */
export function compareImplementations(jobs: readonly AgreementJob[], nativeCheckpoints: readonly AgreementCheckpoint[] = []): ImplementationAgreement[] {
  const groups = new Map<string, AgreementJob[]>();
  for (const job of jobs) {
    const key = `${algorithmName(job.learner)}|${job.implementation}|${job.stream}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(job);
  }
  const finished = new Map<string, Finished>();
  for (const [key, group] of groups) {
    const counts = new Set(group.map((j) => j.instances));
    if (group.every((j) => j.done && Number.isFinite(j.accuracy)) && counts.size === 1) {
      finished.set(key, { accuracy: mean(group.map((j) => j.accuracy!)), instances: group[0].instances!, jobs: group.length });
    }
  }
  const prefixes = new Map<string, number[]>();
  for (const c of nativeCheckpoints) {
    const key = `${algorithmName(c.learner)}|${c.stream}|${c.instances}`;
    if (!prefixes.has(key)) prefixes.set(key, []);
    prefixes.get(key)!.push(c.accuracy);
  }
  const pairs = [...new Set(jobs.filter((j) => j.implementation !== 'native').map((j) => `${algorithmName(j.learner)}|${j.implementation}`))].sort();
  const agreements: ImplementationAgreement[] = [];
  for (const pair of pairs) {
    const [algorithm, reference] = pair.split('|');
    const streams = [...new Set(jobs.filter((j) => j.implementation === reference && algorithmName(j.learner) === algorithm).map((j) => j.stream))];
    const compared: { stream: string; native: number; reference: number; capped: boolean }[] = [];
    for (const stream of streams) {
      const ref = finished.get(`${algorithm}|${reference}|${stream}`);
      const nat = finished.get(`${algorithm}|native|${stream}`);
      if (!ref || !nat) continue;
      if (ref.instances === nat.instances) compared.push({ stream, native: nat.accuracy, reference: ref.accuracy, capped: false });
      else if (ref.instances < nat.instances) {
        const atCap = prefixes.get(`${algorithm}|${stream}|${ref.instances}`);
        if (atCap?.length === nat.jobs) compared.push({ stream, native: mean(atCap), reference: ref.accuracy, capped: true });
      }
    }
    if (compared.length === 0) continue;
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
