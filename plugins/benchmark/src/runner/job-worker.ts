import { runPrequential, TributaryError, isTributaryError, type CheckpointRecord, type LearnerSession, type RunSummary, type StreamSource } from '@tributary/core';
import { buildRegistry } from '../registry/build-registry.js';
import { openBenchStream } from '../streams/open-bench-stream.js';
import type { ParentMessage, WorkerJob, WorkerMessage } from './messages.js';

/**
 * Entry point of a job worker: a child process forked by the grid runner that
 * runs one job and sends its records to the parent as they are produced. Only
 * the parent writes the database; if the parent goes away, the worker stops.
 */

const PROGRESS_INTERVAL_MS = 250;

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send || !process.connected) return reject(new Error('the grid runner is gone'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

async function runJob(work: WorkerJob): Promise<void> {
  const { job } = work;
  const registry = await buildRegistry(work.plugins, work.baseDir);
  let stream: StreamSource | undefined;
  let session: LearnerSession | undefined;
  try {
    stream = await openBenchStream(job.streamSpec, registry, { maxInstances: job.maxInstances });
    if (job.maxInstances === undefined && stream.info.rows === undefined) {
      throw new TributaryError('CONFIG_ERROR', `stream "${job.streamSpec}" has no known end; give it (or the grid) a maxInstances cap`);
    }
    session = await registry.openSession({ id: job.learnerId, params: job.params }, stream.schema, job.seed);
    let lastProgress = 0;
    await runPrequential({
      session,
      stream,
      maxInstances: job.maxInstances,
      windowSize: work.windowSize,
      checkpointEvery: work.checkpointEvery,
      batchSize: work.batchSize,
      runId: job.key,
      seed: job.seed,
      sink: {
        checkpoint: (record: CheckpointRecord) => send({ type: 'checkpoint', record }),
        summary: (summary: RunSummary) => (summary.error ? undefined : send({ type: 'summary', summary })),
      },
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
        lastProgress = now;
        void send({ type: 'progress', instances: p.instances, total: p.total, rssBytes: process.memoryUsage.rss(), accuracy: p.accuracy }).catch(() => undefined);
      },
    });
  } finally {
    await session?.dispose().catch(() => undefined);
    await stream?.close().catch(() => undefined);
  }
}

process.on('disconnect', () => process.exit(2));
process.once('message', (message: ParentMessage) => {
  if (message?.type !== 'start') return;
  runJob(message.work)
    .then(() => process.exit(0))
    .catch(async (error: unknown) => {
      const err = error instanceof Error ? error : new TributaryError('INVALID_DATA', String(error));
      await send({ type: 'error', code: isTributaryError(err) ? err.code : err.name || 'ERROR', message: err.message, stack: err.stack }).catch(() => undefined);
      process.exit(1);
    });
});
