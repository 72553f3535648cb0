/**
 * One line of `tributary doctor`: something a bridge needs, whether it is there,
 * and the exact command that fixes it when not. Bridge packages export
 * `doctorChecks(): Promise<DoctorCheck[]>` so the doctor can gather them.
 */
export interface DoctorCheck {
  /** What is checked, e.g. `python`, `river`, `java`, `moa-server`. */
  name: string;
  /** `ok`: present and usable; `missing`: absent; `outdated`: present but stale or too old; `error`: present but broken. */
  status: 'ok' | 'missing' | 'outdated' | 'error';
  /** Version found, when known. */
  version?: string;
  /** Where it was found or what went wrong. */
  detail?: string;
  /** Exact shell command that fixes it, when status is not `ok`. */
  fix?: string;
  /** Which bridge needs it: `river`, `capymoa`, `moa`. */
  neededBy?: string[];
}
