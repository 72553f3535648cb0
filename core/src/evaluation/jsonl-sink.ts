import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckpointRecord, ResultSink, RunSummary } from './records.js';

/**
 * Appends one JSON line per checkpoint and one for the summary, synchronously,
 * so a crash loses at most the checkpoint being computed.
 */
export class JsonlResultSink implements ResultSink {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }
  checkpoint(record: CheckpointRecord): void {
    appendFileSync(this.path, JSON.stringify(record) + '\n');
  }
  summary(record: RunSummary): void {
    appendFileSync(this.path, JSON.stringify(record) + '\n');
  }
}

/** Sends every record to several sinks in order. */
export class TeeResultSink implements ResultSink {
  constructor(private readonly sinks: ResultSink[]) {}
  async checkpoint(record: CheckpointRecord): Promise<void> {
    for (const s of this.sinks) await s.checkpoint(record);
  }
  async summary(record: RunSummary): Promise<void> {
    for (const s of this.sinks) await s.summary(record);
  }
}
