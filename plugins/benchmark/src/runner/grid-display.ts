import cliProgress from 'cli-progress';
import type { BenchJob } from '../config/expand-jobs.js';
import type { JobOutcome, JobProgress } from './job-process.js';

/** What the grid runner reports as jobs start, progress and end. */
export interface GridDisplay {
  /**
   * `total` jobs in the grid, `alreadyFinished` of them finished by earlier sessions; `weights`,
   * when given, holds the expected cost of each job to run (by key), so the ETA counts a long job
   * for more than a short one.
   */
  start(total: number, alreadyFinished: number, weights?: ReadonlyMap<string, number>): void;
  jobStarted(job: BenchJob): void;
  jobProgress(job: BenchJob, progress: JobProgress): void;
  jobFinished(job: BenchJob, outcome: JobOutcome): void;
  /** A line of its own (warnings, notes). */
  log(line: string): void;
  stop(): void;
}

/** Display suited to `stream`: live bars on a terminal, plain lines otherwise. */
export function gridDisplay(stream: NodeJS.WriteStream = process.stderr): GridDisplay {
  return stream.isTTY ? new LiveGridDisplay(stream) : new PlainGridDisplay(stream);
}

/** A display that shows nothing (tests, `--quiet`). */
export const silentDisplay: GridDisplay = { start() {}, jobStarted() {}, jobProgress() {}, jobFinished() {}, log() {}, stop() {} };

/** Shared bookkeeping: counts, fractions and the ETA. */
abstract class GridTally implements GridDisplay {
  protected total = 0;
  protected finishedBefore = 0;
  protected finished = 0;
  protected failed = 0;
  private weights?: ReadonlyMap<string, number>;
  /** Work of this session, in weight units (jobs when unweighted): all of it, and the part finished. */
  private workToRun = 0;
  private workDone = 0;
  protected readonly running = new Map<string, { job: BenchJob; fraction: number }>();
  private startedAt = Date.now();

  start(total: number, alreadyFinished: number, weights?: ReadonlyMap<string, number>): void {
    this.total = total;
    this.finishedBefore = alreadyFinished;
    this.weights = weights && weights.size > 0 ? weights : undefined;
    this.workToRun = this.weights ? [...this.weights.values()].reduce((a, b) => a + b, 0) : total - alreadyFinished;
    this.startedAt = Date.now();
  }

  private weight(job: BenchJob): number {
    return this.weights ? (this.weights.get(job.key) ?? 0) : 1;
  }

  jobStarted(job: BenchJob): void {
    this.running.set(job.key, { job, fraction: 0 });
  }

  jobProgress(job: BenchJob, progress: JobProgress): void {
    const entry = this.running.get(job.key);
    if (entry && progress.total) entry.fraction = Math.min(1, progress.instances / progress.total);
  }

  jobFinished(job: BenchJob, outcome: JobOutcome): void {
    this.running.delete(job.key);
    this.finished++;
    this.workDone += this.weight(job);
    if (outcome.status !== 'done') this.failed++;
  }

  abstract log(line: string): void;
  abstract stop(): void;

  /** Seconds left: time so far × work left ÷ work done, in weight units (running jobs count by their progress). */
  protected etaSeconds(): number | undefined {
    let done = this.workDone;
    for (const entry of this.running.values()) done += entry.fraction * this.weight(entry.job);
    if (this.workToRun <= 0 || done <= 0) return undefined;
    const elapsed = (Date.now() - this.startedAt) / 1000;
    return (elapsed * Math.max(0, this.workToRun - done)) / done;
  }

  protected statusLine(): string {
    const eta = this.etaSeconds();
    return `${this.finishedBefore + this.finished}/${this.total} jobs | ${this.running.size} running | ${this.failed} failed | ETA ${eta === undefined ? '?' : formatDuration(eta)}`;
  }
}

/** Plain lines: one per finished job, and a status line at most every 30 s. */
class PlainGridDisplay extends GridTally {
  private lastStatus = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
  }

  override start(total: number, alreadyFinished: number, weights?: ReadonlyMap<string, number>): void {
    super.start(total, alreadyFinished, weights);
    this.out.write(`grid: ${total} jobs, ${alreadyFinished} already finished, ${total - alreadyFinished} to run\n`);
  }

  override jobFinished(job: BenchJob, outcome: JobOutcome): void {
    super.jobFinished(job, outcome);
    this.out.write(`[${this.finishedBefore + this.finished}/${this.total}] ${describeOutcome(job, outcome)}\n`);
    if (Date.now() - this.lastStatus > 30_000) {
      this.lastStatus = Date.now();
      this.out.write(`grid: ${this.statusLine()}\n`);
    }
  }

  log(line: string): void {
    this.out.write(`${line}\n`);
  }

  stop(): void {
    this.out.write(`grid: ${this.statusLine()}\n`);
  }
}

/** Live bars: the grid on top, one bar per running job, failures printed above. */
class LiveGridDisplay extends GridTally {
  private readonly bars: cliProgress.MultiBar;
  private overall?: cliProgress.SingleBar;
  private readonly jobBars = new Map<string, cliProgress.SingleBar>();
  private ticker?: NodeJS.Timeout;

  constructor(stream: NodeJS.WriteStream) {
    super();
    this.bars = new cliProgress.MultiBar(
      { stream, hideCursor: true, clearOnComplete: false, autopadding: true, format: '{label} {bar} {value}/{total} {info}' },
      cliProgress.Presets.shades_classic,
    );
  }

  override start(total: number, alreadyFinished: number, weights?: ReadonlyMap<string, number>): void {
    super.start(total, alreadyFinished, weights);
    this.overall = this.bars.create(total, alreadyFinished, { label: 'grid'.padEnd(40), info: this.statusLine() });
    this.ticker = setInterval(() => this.refresh(), 1000);
    this.ticker.unref();
  }

  override jobStarted(job: BenchJob): void {
    super.jobStarted(job);
    this.jobBars.set(job.key, this.bars.create(job.maxInstances ?? 1, 0, { label: jobLabel(job).slice(0, 40).padEnd(40), info: 'starting' }));
  }

  override jobProgress(job: BenchJob, progress: JobProgress): void {
    super.jobProgress(job, progress);
    const bar = this.jobBars.get(job.key);
    if (!bar) return;
    if (progress.total) bar.setTotal(progress.total);
    const accuracy = Number.isFinite(progress.accuracy) ? progress.accuracy.toFixed(4) : '-';
    bar.update(progress.instances, { info: `inst | acc ${accuracy} | ${(progress.rssBytes / 2 ** 20).toFixed(0)} MiB` });
  }

  override jobFinished(job: BenchJob, outcome: JobOutcome): void {
    super.jobFinished(job, outcome);
    const bar = this.jobBars.get(job.key);
    if (bar) this.bars.remove(bar);
    this.jobBars.delete(job.key);
    if (outcome.status !== 'done') this.bars.log(`${describeOutcome(job, outcome)}\n`);
    this.refresh();
  }

  log(line: string): void {
    this.bars.log(`${line}\n`);
  }

  private refresh(): void {
    this.overall?.update(this.finishedBefore + this.finished, { info: this.statusLine().replace(/^\S+ jobs \| /, 'jobs | ') });
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.refresh();
    this.bars.stop();
  }
}

function jobLabel(job: BenchJob): string {
  return `${job.learner} × ${job.stream} #${job.seed}`;
}

function describeOutcome(job: BenchJob, outcome: JobOutcome): string {
  if (outcome.status === 'done' && outcome.summary) {
    const s = outcome.summary;
    const accuracy = s.cumulative.accuracy;
    return `done     ${jobLabel(job)}: ${s.instances} instances, accuracy ${Number.isFinite(accuracy) ? accuracy.toFixed(4) : '-'}, ${s.wallSeconds.toFixed(1)} s`;
  }
  // Library tracebacks stay in the database; one line here.
  const message = (outcome.error?.message ?? '').split('\n')[0].slice(0, 300);
  return `${outcome.status.toUpperCase().padEnd(8)} ${jobLabel(job)}: ${outcome.error?.code ?? ''} ${message}`.trimEnd();
}

/** `1h 02m`, `3m 05s`, `42s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}
