import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BenchJob } from '../config/expand-jobs.js';
import { gridDisplay } from './grid-display.js';

function job(key: string): BenchJob {
  return { key, index: 0, learner: key, learnerId: key, params: {}, implementation: 'native', stream: 's', streamSpec: 's', seed: 1 };
}

/** Runs a plain display through one finished job of two, 10 s in, and returns the ETA it prints. */
function etaAfterFirstJob(weights?: ReadonlyMap<string, number>): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += String(chunk)));
  const display = gridDisplay(out as unknown as NodeJS.WriteStream);
  display.start(2, 0, weights);
  display.jobStarted(job('short'));
  vi.advanceTimersByTime(10_000);
  display.jobFinished(job('short'), { status: 'done' } as never);
  display.stop();
  return /ETA (\S+(?: \S+)?)\n$/.exec(text)?.[1] ?? text;
}

describe('grid display ETA', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts jobs alike without weights, and by their expected cost with them', () => {
    vi.useFakeTimers();
    // One job of two done in 10 s: 10 s left if they are alike ...
    expect(etaAfterFirstJob()).toBe('10s');
    // ... but 90 s if the one left is expected to cost nine times as much.
    expect(etaAfterFirstJob(new Map([['short', 1], ['long', 9]]))).toBe('1m 30s');
  });
});
