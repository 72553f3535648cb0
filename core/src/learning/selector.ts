import type { Learner } from './learner.js';

/** What a selector tells about one of its candidates. */
export interface CandidateStatus {
  /** Candidate learner spec, as text. */
  spec: string;
  /** The selector's current estimate of the candidate's performance (higher is better). */
  score: number;
  /** Instances the candidate has learned. */
  instances: number;
  /** Whether the candidate is the one (or among those) predicting now. */
  leading: boolean;
}

/**
 * A meta-learner that chooses among candidate learners online. It is itself a
 * Learner: the evaluator, the benchmark and other selectors treat it like any other.
 */
export interface Selector extends Learner {
  /** The candidates now in the pool. */
  candidates(): readonly Learner[];
  /** Status of every candidate, leader(s) marked. */
  candidateStatus(): CandidateStatus[];
}

/** Whether a learner is a selector. */
export function isSelector(learner: Learner): learner is Selector {
  return typeof (learner as Partial<Selector>).candidateStatus === 'function' && typeof (learner as Partial<Selector>).candidates === 'function';
}
