import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArrayStream, runPrequential, StreamSchema, TributaryError, type Batch, type BatchCost, type LearnerSession, type RunSummary } from '@tributary/core';
import type { BridgeSession } from '@tributary/bridge-protocol';
import { pythonAvailable } from '../test/python.js';
import { ensurePythonEnvironment } from './python-env.js';
import { openPythonSession } from './providers.js';

const describeBridge = pythonAvailable ? describe : describe.skip;
const PARENT = fileURLToPath(new URL('../test/fixtures/parent-with-server.ts', import.meta.url));
const faults = { env: { TRIBUTARY_BRIDGE_FAULTS: '1' } };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

function open(): Promise<BridgeSession> {
  return openPythonSession('river', { learnerId: 'river:tree.HoeffdingTreeClassifier', params: { grace_period: 50 }, schema: StreamSchema.numeric(2, ['a', 'b']), seed: 1 }, faults) as Promise<BridgeSession>;
}

/** Makes the server crash (fault injection) just before the `crashAt`-th batch. */
class CrashingSession implements LearnerSession {
  private calls = 0;
  constructor(
    readonly inner: BridgeSession,
    private readonly crashAt: number,
  ) {}
  get learnerId() {
    return this.inner.learnerId;
  }
  get implementation() {
    return this.inner.implementation;
  }
  get params() {
    return this.inner.params;
  }
  async testThenTrain(batch: Batch, proba: Float64Array, k: number): Promise<BatchCost> {
    if (++this.calls === this.crashAt) await this.inner.supervisor!.client.request('__crash', { exit_code: 7 }).catch(() => undefined);
    return this.inner.testThenTrain(batch, proba, k);
  }
  measure() {
    return this.inner.measure();
  }
  dispose() {
    return this.inner.dispose();
  }
}

describeBridge('bridge lifecycle and faults (real Python server)', () => {
  beforeAll(async () => {
    await ensurePythonEnvironment();
  });

  it('keeps the results so far when the server crashes mid-run, with an error naming the learner and showing stderr', async () => {
    const n = 5000;
    const x = new Float64Array(n * 2).map((_, i) => (i * 7919) % 1000 / 1000);
    const y = Int32Array.from({ length: n }, (_, i) => (x[2 * i] > 0.5 ? 1 : 0));
    const stream = new ArrayStream('grid', StreamSchema.numeric(2, ['a', 'b']), x, y);
    const session = new CrashingSession(await open(), 4);
    const pid = session.inner.supervisor!.pid!;
    let summary: RunSummary | undefined;
    const checkpoints: number[] = [];
    const error = (await runPrequential({
      session,
      stream,
      batchSize: 500,
      checkpointEvery: 500,
      sink: { checkpoint: (c) => void checkpoints.push(c.instances), summary: (s) => void (summary = s) },
    }).catch((e: unknown) => e)) as TributaryError;
    expect(error).toBeInstanceOf(TributaryError);
    expect(error.code).toBe('BRIDGE_CRASHED');
    expect(error.message).toContain('river:tree.HoeffdingTreeClassifier');
    expect(error.message).toContain('exit code 7');
    expect(error.message).toContain('crashing on request');
    expect(summary?.instances).toBe(1500);
    expect(summary?.error?.code).toBe('BRIDGE_CRASHED');
    expect(checkpoints).toEqual([500, 1000, 1500]);
    await session.dispose();
    expect(alive(pid)).toBe(false);
  });

  it('kills a server that hangs past the request timeout (BRIDGE_TIMEOUT)', async () => {
    const session = await open();
    const pid = session.supervisor!.pid!;
    const e = (await session.supervisor!.client.request('__hang', { seconds: 120 }, [], 1500).catch((err: unknown) => err)) as TributaryError;
    expect(e.code).toBe('BRIDGE_TIMEOUT');
    expect(e.message).toContain('river:tree.HoeffdingTreeClassifier');
    expect(await gone(pid, 5000)).toBe(true);
    // The session is unusable afterwards, with the same error.
    await expect(session.measure()).rejects.toMatchObject({ code: 'BRIDGE_TIMEOUT' });
    await session.dispose();
  });

  it('turns a malformed reply into BRIDGE_ERROR and stops the server', async () => {
    const session = await open();
    const pid = session.supervisor!.pid!;
    const e = (await session.supervisor!.client.request('__malformed').catch((err: unknown) => err)) as TributaryError;
    expect(e.code).toBe('BRIDGE_ERROR');
    expect(e.message).toMatch(/not JSON/);
    expect(await gone(pid, 5000)).toBe(true);
    await session.dispose();
  });

  it('refuses fault injection unless enabled, and stays usable', async () => {
    const session = (await openPythonSession('river', { learnerId: 'river:naive_bayes.GaussianNB', params: {}, schema: StreamSchema.numeric(1, ['a']), seed: 1 })) as BridgeSession;
    try {
      const e = (await session.supervisor!.client.request('__crash').catch((err: unknown) => err)) as TributaryError;
      expect(e.code).toBe('BRIDGE_ERROR');
      expect(e.details?.serverCode).toBe('UNKNOWN_TYPE');
      expect((await session.measure()).sizeBytes).toBeGreaterThan(0);
    } finally {
      await session.dispose();
    }
  });

  it('rejects a batch whose frames do not match n and d with INVALID_DATA, and stays usable', async () => {
    const session = await open();
    try {
      const e = (await session.supervisor!.client
        .request('prequential', { session: 's1', n: 3, d: 2, k: 2 }, [new Float64Array(5), new Int32Array(3)])
        .catch((err: unknown) => err)) as TributaryError;
      expect(e.code).toBe('INVALID_DATA');
      expect(e.message).toContain('expected 48');
      const proba = new Float64Array(4);
      await session.testThenTrain({ n: 2, d: 2, x: new Float64Array(4), y: new Int32Array(2) }, proba, 2);
    } finally {
      await session.dispose();
    }
  });

  it('hands River nominal values as their strings, leaves NaN features out, and follows nominal values added mid-stream', async () => {
    const schema = new StreamSchema(
      [
        { name: 'size', kind: 'numeric' },
        { name: 'colour', kind: 'nominal', values: ['red', 'green'] },
      ],
      'class',
      ['a', 'b'],
    );
    const session = (await openPythonSession('river', { learnerId: 'river:tree.HoeffdingTreeClassifier', params: {}, schema, seed: 1 }, faults)) as BridgeSession;
    const client = session.supervisor!.client;
    try {
      const rows = async (x: number[]) => (await client.request<{ v: 1; id: number; ok: true; rows: unknown[] }>('__features', { session: 's1', n: x.length / 2, d: 2 }, [Float64Array.from(x)])).header.rows;
      expect(await rows([1.5, 1, NaN, 0, 2, NaN])).toEqual([{ size: 1.5, colour: 'green' }, { colour: 'red' }, { size: 2 }]);
      schema.addNominalValue(1, 'blue');
      // The grown schema reaches the server with the next data message.
      await session.testThenTrain({ n: 1, d: 2, x: Float64Array.from([3, 2]), y: Int32Array.from([1]) }, new Float64Array(2), 2);
      expect(await rows([3, 2])).toEqual([{ size: 3, colour: 'blue' }]);
    } finally {
      await session.dispose();
    }
  });

  it('leaves no server behind after dispose, and gives parallel sessions a server each', async () => {
    const sessions = await Promise.all([open(), open()]);
    const pids = sessions.map((s) => s.supervisor!.pid!);
    expect(new Set(pids).size).toBe(2);
    await Promise.all(sessions.map((s) => s.dispose()));
    expect(pids.map(alive)).toEqual([false, false]);
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`leaves no server behind when the parent process gets ${signal}`, async () => {
      const parent = execa(process.execPath, ['--conditions=tributary-source', '--import', 'tsx', PARENT], {
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        stdin: 'ignore',
        stdout: 'pipe',
        stderr: 'pipe',
        reject: false,
        buffer: false,
      });
      let err = '';
      parent.stderr!.on('data', (c: Buffer) => void (err += c.toString()));
      const serverPid = await new Promise<number>((resolve, reject) => {
        let out = '';
        parent.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /"serverPid":(\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        void parent.then(() => reject(new Error(`parent exited before starting a server:\n${err}`)));
      });
      expect(alive(serverPid)).toBe(true);
      parent.kill(signal);
      await parent;
      expect(await gone(serverPid, 10_000), `server ${serverPid} still alive after the parent got ${signal}`).toBe(true);
    }, 120_000);
  }
});
