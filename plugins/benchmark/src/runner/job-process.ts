import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CheckpointRecord, RunSummary } from '@tributary/core';
import type { JobError } from '../db/results-db.js';
import type { ParentMessage, WorkerJob, WorkerMessage } from './messages.js';
import { descendants, HAS_PROC, killTree, treeRssBytes } from './process-tree.js';

/** How a job ended. */
export interface JobOutcome {
  status: 'done' | 'failed' | 'timeout' | 'budget';
  summary?: RunSummary;
  error?: JobError;
}

/** Live state of a running job, for the display. */
export interface JobProgress {
  instances: number;
  total?: number;
  accuracy: number;
  /** Resident memory of the worker and its children, in bytes. */
  rssBytes: number;
}

/** Callbacks of a running job. `checkpoint` is awaited before later messages are handled. */
export interface JobHandlers {
  checkpoint(record: CheckpointRecord): Promise<void>;
  progress?(progress: JobProgress): void;
}

const STDERR_TAIL_BYTES = 4000;

/** The worker entry: compiled JS next to this file, or the TypeScript source run through tsx (tests, development). */
function workerEntry(): { path: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    return { path: fileURLToPath(new URL('./job-worker.ts', import.meta.url)), execArgv: ['--import', pathToFileURL(tsx).href, '--conditions=tributary-source'] };
  }
  return { path: fileURLToPath(new URL('./job-worker.js', import.meta.url)), execArgv: [] };
}

/**
 * One job in its own child process: crash isolation, a kill on timeout, and a
 * memory budget checked on the resident size of the worker plus its children
 * (a bridge's server). The V8 heap is also capped at the budget so a runaway
 * native learner fails fast instead of swapping.
 */
export class JobProcess {
  private readonly child: ChildProcess;
  private stderrTail = '';
  private summary?: RunSummary;
  private reported?: JobError;
  private verdict?: JobOutcome;
  private chain: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private lastRss = 0;
  /** Resolves when the worker has exited and every record it sent is handled. */
  readonly done: Promise<JobOutcome>;

  constructor(
    private readonly work: WorkerJob,
    private readonly handlers: JobHandlers,
  ) {
    const { path, execArgv } = workerEntry();
    const memoryMB = work.job.memoryMB;
    this.child = fork(path, [], {
      execArgv: [...execArgv, ...(memoryMB ? [`--max-old-space-size=${Math.max(64, Math.floor(memoryMB))}`] : [])],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, TRIBUTARY_BENCH_JOB: work.job.key },
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    this.child.on('message', (message: WorkerMessage) => {
      this.chain = this.chain.then(() => this.handle(message)).catch((e: unknown) => {
        this.reported ??= { code: 'IO_ERROR', message: `storing a record failed: ${(e as Error).message}` };
        void this.stop({ status: 'failed', error: this.reported });
      });
    });
    this.done = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        if (this.timer) clearTimeout(this.timer);
        void this.chain.then(() => resolve(this.outcome(code, signal)));
      });
      this.child.on('error', (error) => {
        this.reported ??= { code: 'BRIDGE_CRASHED', message: `worker failed to start: ${error.message}` };
      });
    });
    if (work.job.timeSeconds) {
      this.timer = setTimeout(() => {
        void this.stop({ status: 'timeout', error: { code: 'TIMEOUT', message: `job exceeded its time budget of ${work.job.timeSeconds} s` } });
      }, work.job.timeSeconds * 1000);
      this.timer.unref();
    }
    const start: ParentMessage = { type: 'start', work };
    this.child.send(start);
  }

  /** Process id of the worker. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Checks the memory budget against the worker's process tree (`parents` from one /proc scan). */
  async checkMemory(parents: Map<number, number>): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.verdict) return;
    if (HAS_PROC) this.lastRss = await treeRssBytes(descendants(pid, parents));
    await this.enforceMemoryBudget();
  }

  private async enforceMemoryBudget(): Promise<void> {
    const budget = this.work.job.memoryMB;
    if (budget && !this.verdict && this.lastRss > budget * 1024 * 1024) {
      await this.stop({
        status: 'budget',
        error: { code: 'MEMORY_BUDGET', message: `job used ${(this.lastRss / 2 ** 20).toFixed(0)} MiB resident, over its budget of ${budget} MiB` },
      });
    }
  }

  /** Kills the worker and its children, recording why. */
  async stop(verdict: JobOutcome): Promise<void> {
    this.verdict ??= verdict;
    const pid = this.child.pid;
    if (pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) await killTree(pid);
  }

  private async handle(message: WorkerMessage): Promise<void> {
    switch (message.type) {
      case 'checkpoint':
        if (!this.verdict) await this.handlers.checkpoint(message.record);
        break;
      case 'progress':
        // The worker's own figure arrives between two scans of the process tree: keep the larger.
        this.lastRss = Math.max(HAS_PROC ? this.lastRss : 0, message.rssBytes);
        await this.enforceMemoryBudget();
        this.handlers.progress?.({ instances: message.instances, total: message.total, accuracy: message.accuracy, rssBytes: this.lastRss || message.rssBytes });
        break;
      case 'summary':
        this.summary = message.summary;
        break;
      case 'error':
        this.reported = { code: message.code, message: message.message };
        break;
    }
  }

  private outcome(code: number | null, signal: NodeJS.Signals | null): JobOutcome {
    if (this.verdict) return this.verdict;
    if (this.summary && code === 0) return { status: 'done', summary: this.summary };
    if (this.reported) return { status: 'failed', error: this.reported };
    const tail = this.stderrTail.trim();
    if (this.work.job.memoryMB && /heap out of memory|Allocation failed/i.test(tail)) {
      return { status: 'budget', error: { code: 'MEMORY_BUDGET', message: `job ran out of its ${this.work.job.memoryMB} MiB heap budget` } };
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    return { status: 'failed', error: { code: 'WORKER_CRASHED', message: `worker ${how} before finishing${tail ? `; stderr: ${tail.slice(-1000)}` : ''}` } };
  }
}
