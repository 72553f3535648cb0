import { TributaryError } from '@tributary/core';

/** A named synthetic drift scenario of the benchmark suite. */
export interface SuiteScenario {
  name: string;
  /** The generator spec the name stands for. */
  spec: string;
  /** Number of instances a benchmark run uses. */
  instances: number;
  /** What the scenario exercises. */
  description: string;
  /** Kinds of difficulty, for filtering. */
  tags: string[];
}

/** The curated suite (filled in by the generators step). */
export const SUITE: SuiteScenario[] = [];

/** The spec of a suite scenario; unknown names are `INVALID_SPEC`. */
export function suiteSpec(name: string): string {
  const s = SUITE.find((x) => x.name === name);
  if (!s) throw new TributaryError('INVALID_SPEC', `unknown suite scenario "suite:${name}"; known: ${SUITE.map((x) => x.name).join(', ') || '(none)'}`);
  return s.spec;
}
