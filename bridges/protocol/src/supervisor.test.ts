import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TributaryError } from '@tributary/core';
import { ServerSupervisor, type ServerSpec } from './supervisor.js';

const FAKE = fileURLToPath(new URL('../test/fake-server.mjs', import.meta.url));

function spec(mode: string, extra: Partial<ServerSpec> = {}): ServerSpec {
  return { command: process.execPath, args: [FAKE, mode], library: 'river', label: `Fake learner "fake:${mode}"`, handshakeTimeoutMs: 8000, ...extra };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startError(s: ServerSpec): Promise<TributaryError> {
  const e = await ServerSupervisor.start(s).then(
    async (sup) => {
      await sup.dispose();
      throw new Error('expected the start to fail');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TributaryError);
  return e as TributaryError;
}

describe('ServerSupervisor with a fake server process', () => {
  it('starts, skips banner lines before the ready line, shakes hands, and leaves no process after dispose', async () => {
    const sup = await ServerSupervisor.start(spec('chatty'));
    expect(sup.hello.library).toBe('river');
    const { header } = await sup.client.request<{ v: 1; id: number; ok: true; bytes: number }>('size', { session: 's' });
    expect(header.bytes).toBe(42);
    const pid = sup.pid!;
    expect(alive(pid)).toBe(true);
    await sup.dispose();
    expect(alive(pid)).toBe(false);
    expect(sup.stderrTail()).toContain('fake server starting in mode chatty');
  });

  it('reports a server that exits before it is ready as BRIDGE_CRASHED with its stderr', async () => {
    const e = await startError(spec('exit-early'));
    expect(e.code).toBe('BRIDGE_CRASHED');
    expect(e.message).toContain('fake:exit-early');
    expect(e.message).toContain('exit code 2');
    expect(e.message).toContain('fatal: cannot load the library');
  });

  it('kills a server that never prints its ready line (BRIDGE_TIMEOUT)', async () => {
    const e = await startError(spec('never-ready', { handshakeTimeoutMs: 1500 }));
    expect(e.code).toBe('BRIDGE_TIMEOUT');
    expect(e.message).toMatch(/ready line within 1500 ms/);
  });

  it('times out a server that does not answer hello, and one that reports another library', async () => {
    expect((await startError(spec('silent-hello', { handshakeTimeoutMs: 1500 }))).code).toBe('BRIDGE_TIMEOUT');
    const wrong = await startError(spec('wrong-library'));
    expect(wrong.code).toBe('BRIDGE_ERROR');
    expect(wrong.message).toContain('library "moa", expected "river"');
  });

  it('rejects a malformed ready line', async () => {
    const e = await startError(spec('bad-ready'));
    expect(e.code).toBe('BRIDGE_ERROR');
    expect(e.message).toMatch(/malformed ready line/);
  });

  it('turns a crash during a request into BRIDGE_CRASHED naming the learner with the stderr tail, and fails later requests', async () => {
    const sup = await ServerSupervisor.start(spec('ok'));
    const e = (await sup.client.request('__crash').catch((err: unknown) => err)) as TributaryError;
    expect(e.code).toBe('BRIDGE_CRASHED');
    expect(e.message).toContain('fake:ok');
    expect(e.message).toContain('exit code 139');
    expect(e.message).toContain('segmentation fault (simulated)');
    await expect(sup.client.request('size', { session: 's' })).rejects.toMatchObject({ code: 'BRIDGE_CRASHED' });
    expect(sup.hasExited).toBe(true);
    await sup.dispose();
  });

  it('gives parallel starts a server each', async () => {
    const sups = await Promise.all([ServerSupervisor.start(spec('ok')), ServerSupervisor.start(spec('ok'))]);
    expect(sups[0].pid).not.toBe(sups[1].pid);
    await Promise.all(sups.map((s) => s.dispose()));
    expect(sups.every((s) => !alive(s.pid!))).toBe(true);
  });
});
