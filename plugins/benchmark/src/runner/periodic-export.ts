import { TributaryError } from '@tributary/core';

/** When a running grid refreshes its export: after every `jobs` finished jobs, and/or every `seconds`. */
export interface ExportSchedule {
  jobs?: number;
  seconds?: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/**
 * Parses `--export-every`: a job count (`25`), a duration (`90s`, `10m`,
 * `1h`), or both separated by a comma (`25,10m`: whichever comes first).
 */
export function parseExportSchedule(text: string): ExportSchedule {
  const schedule: ExportSchedule = {};
  for (const part of text.split(',').map((p) => p.trim())) {
    const count = /^\d+$/.exec(part);
    const duration = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(part);
    if (count && Number(part) > 0 && schedule.jobs === undefined) schedule.jobs = Number(part);
    else if (duration && Number(duration[1]) > 0 && schedule.seconds === undefined) schedule.seconds = Number(duration[1]) * UNIT_SECONDS[duration[2]];
    else throw new TributaryError('CONFIG_ERROR', `--export-every expects a job count (25), a duration (90s, 10m, 1h) or both ("25,10m"); got "${text}"`);
  }
  return schedule;
}

/**
 * Refreshes an export while a grid runs, so a session cut off part-way
 * leaves an export at most `jobs` jobs or `seconds` behind. Exports never
 * overlap: a trigger during one runs a single further export after it.
 * A failed export is reported and the grid goes on.
 */
export class PeriodicExport {
  private finished = 0;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly schedule: ExportSchedule,
    private readonly exportNow: () => Promise<unknown>,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts the clock of a time-based schedule. */
  start(): void {
    if (this.schedule.seconds === undefined) return;
    this.timer = setInterval(() => this.trigger(), this.schedule.seconds * 1000);
    this.timer.unref();
  }

  /** Counts a finished job; exports when the count reaches the schedule's. */
  jobFinished(): void {
    this.finished++;
    if (this.schedule.jobs !== undefined && this.finished % this.schedule.jobs === 0) this.trigger();
  }

  /** Stops scheduling and waits for an export under way (the caller writes the final one). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.again = false;
    await this.current;
  }

  private trigger(): void {
    if (this.stopped) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = (async () => {
      do {
        this.again = false;
        const started = performance.now();
        try {
          await this.exportNow();
          this.log(`export refreshed (${this.finished} job(s) finished this session; ${((performance.now() - started) / 1000).toFixed(1)} s)`);
        } catch (error) {
          this.log(`export failed (the grid goes on): ${(error as Error).message}`);
        }
      } while (this.again && !this.stopped);
      this.current = undefined;
    })();
  }
}
