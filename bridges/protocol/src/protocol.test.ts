import { describe, expect, it } from 'vitest';
import { StreamSchema, TributaryError } from '@tributary/core';
import { BridgeClient } from './client.js';
import { decodeMessage, encodeMessage, float64Frame, int32Frame } from './codec.js';
import { InMemoryTransport, type FakeServer } from './in-memory-transport.js';
import type { MulticlassWrapper, NominalEncoding, RequestHeader } from './messages.js';
import { schemaFiles, validateAgainst } from './schemas.js';
import { BridgeSession } from './session.js';
import type { ServerSupervisor } from './supervisor.js';

const ok = (id: number, fields: Record<string, unknown> = {}) => ({ v: 1 as const, id, ok: true as const, ...fields });

/** A fake server that answers prequential like a majority-class learner and records every request. */
function majorityServer(log: RequestHeader[]): FakeServer {
  const counts: number[] = [];
  return (frames) => {
    const { header, payloads } = decodeMessage<RequestHeader>(frames);
    log.push(header);
    const problem = validateAgainst(`${header.type}.request.json`, header);
    if (problem) return encodeMessage({ v: 1, id: header.id, ok: false, error: { code: 'INVALID_REQUEST', message: problem } });
    switch (header.type) {
      case 'prequential': {
        const n = header.n as number;
        const k = header.k as number;
        const y = int32Frame(payloads[1], n, 'y');
        const proba = new Float64Array(n * k);
        for (let i = 0; i < n; i++) {
          let total = 0;
          for (let c = 0; c < k; c++) total += counts[c] ?? 0;
          for (let c = 0; c < k && total > 0; c++) proba[i * k + c] = (counts[c] ?? 0) / total;
          counts[y[i]] = (counts[y[i]] ?? 0) + 1;
        }
        return encodeMessage(ok(header.id, { predict_cpu_s: 0.001, learn_cpu_s: 0.002 }), [proba]);
      }
      case 'update_schema':
      case 'close':
        return encodeMessage(ok(header.id));
      case 'size':
        return encodeMessage(ok(header.id, { bytes: 1234 }));
      default:
        return encodeMessage({ v: 1, id: header.id, ok: false, error: { code: 'UNKNOWN_TYPE', message: `no ${header.type}` } });
    }
  };
}

describe('schemas', () => {
  it('every request type has request and reply schemas that compile', () => {
    const files = schemaFiles();
    for (const t of ['hello', 'list_learners', 'create', 'update_schema', 'prequential', 'learn', 'predict', 'size', 'reset', 'close', 'shutdown', 'inprocess_loop']) {
      expect(files).toContain(`${t}.request.json`);
      expect(files).toContain(`${t}.reply.json`);
    }
  });

  it('rejects a create request without a schema and accepts a complete one', () => {
    const base = { v: 1, id: 3, type: 'create', learner: 'tree.HoeffdingTreeClassifier', params: {}, seed: 1 };
    expect(validateAgainst('create.request.json', base)).toMatch(/schema/);
    expect(validateAgainst('create.request.json', { ...base, schema: StreamSchema.numeric(2, ['a', 'b']).toJSON() })).toBeNull();
  });

  it('accepts an optional nominal_encoding (value, one-hot, one-hot-dense) on create and inprocess_loop, nothing else', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']).toJSON();
    const create = { v: 1, id: 3, type: 'create', learner: 'linear_model.LogisticRegression', params: {}, schema, seed: 1 };
    const loop = { ...create, type: 'inprocess_loop', n: 10, d: 2, k: 2 };
    for (const base of [create, loop]) {
      const file = `${base.type}.request.json`;
      expect(validateAgainst(file, base)).toBeNull();
      expect(validateAgainst(file, { ...base, nominal_encoding: 'value' })).toBeNull();
      expect(validateAgainst(file, { ...base, nominal_encoding: 'one-hot' })).toBeNull();
      expect(validateAgainst(file, { ...base, nominal_encoding: 'one-hot-dense' })).toBeNull();
      expect(validateAgainst(file, { ...base, nominal_encoding: 'ordinal' })).toMatch(/nominal_encoding.*"value","one-hot","one-hot-dense"/);
      expect(validateAgainst(file, { ...base, nominalEncoding: 'one-hot' })).toMatch(/nominalEncoding/);
    }
  });

  it('accepts an optional multiclass wrapper (none, one-vs-rest) on create and inprocess_loop, nothing else', () => {
    const schema = StreamSchema.numeric(2, ['a', 'b', 'c']).toJSON();
    const create = { v: 1, id: 3, type: 'create', learner: 'linear_model.LogisticRegression', params: {}, schema, seed: 1 };
    const loop = { ...create, type: 'inprocess_loop', n: 10, d: 2, k: 3 };
    for (const base of [create, loop]) {
      const file = `${base.type}.request.json`;
      expect(validateAgainst(file, { ...base, multiclass: 'none' })).toBeNull();
      expect(validateAgainst(file, { ...base, multiclass: 'one-vs-rest', nominal_encoding: 'one-hot' })).toBeNull();
      expect(validateAgainst(file, { ...base, multiclass: 'one-vs-one' })).toMatch(/multiclass.*"none","one-vs-rest"/);
      expect(validateAgainst(file, { ...base, multiclass: true })).toMatch(/multiclass/);
    }
  });

  it('rejects an unknown field and a wrong protocol version', () => {
    expect(validateAgainst('size.request.json', { v: 1, id: 1, type: 'size', session: 's', extra: 1 })).toMatch(/extra/);
    expect(validateAgainst('size.request.json', { v: 2, id: 1, type: 'size', session: 's' })).not.toBeNull();
  });
});

describe('codec', () => {
  it('round-trips a header and little-endian typed payloads', () => {
    const x = new Float64Array([1.5, NaN, -2]);
    const y = new Int32Array([7, -1]);
    const frames = encodeMessage({ v: 1, id: 9, type: 'learn', session: 's', n: 1, d: 3 }, [x, y]);
    expect(frames[1].readDoubleLE(0)).toBe(1.5);
    expect(frames[2].readInt32LE(4)).toBe(-1);
    const { header, payloads } = decodeMessage<RequestHeader>(frames);
    expect(header.id).toBe(9);
    expect(Array.from(float64Frame(payloads[0], 3, 'x'))).toEqual([1.5, NaN, -2]);
    expect(Array.from(int32Frame(payloads[1], 2, 'y'))).toEqual([7, -1]);
  });

  it('shares memory with the typed array when encoding (no copy)', () => {
    const x = new Float64Array(4);
    const frames = encodeMessage({ v: 1, id: 1, type: 'predict', session: 's', n: 1, d: 4, k: 2 }, [x]);
    x[2] = 42;
    expect(frames[1].readDoubleLE(16)).toBe(42);
  });

  it('copies misaligned frames and rejects frames of the wrong length', () => {
    const raw = Buffer.alloc(17);
    raw.writeDoubleLE(3.25, 1);
    const misaligned = raw.subarray(1, 9);
    expect(float64Frame(misaligned, 1, 'p')[0]).toBe(3.25);
    expect(() => float64Frame(Buffer.alloc(12), 2, 'proba')).toThrow(/12 bytes, expected 16/);
  });

  it('rejects a header that is not JSON with BRIDGE_ERROR', () => {
    expect(() => decodeMessage([Buffer.from('garbage{')])).toThrow(TributaryError);
    expect(() => decodeMessage([Buffer.from('[1,2]')])).toThrow(/JSON object/);
  });
});

describe('BridgeClient over an in-memory transport', () => {
  it('matches pipelined replies to requests by id even when they come back out of order', async () => {
    const server: FakeServer = async (frames) => {
      const { header } = decodeMessage<RequestHeader>(frames);
      // Later requests answer sooner: the client must match by id, not by order.
      await new Promise((r) => setTimeout(r, 30 - header.id * 10));
      return encodeMessage(ok(header.id, { bytes: header.id * 100 }));
    };
    const client = new BridgeClient(new InMemoryTransport(server), { label: 'fake' });
    const replies = await Promise.all([1, 2].map(() => client.request<ReturnType<typeof ok> & { bytes: number }>('size', { session: 's' })));
    expect(replies.map((r) => r.header.bytes)).toEqual([100, 200]);
  });

  it('turns a missing reply into BRIDGE_TIMEOUT, calls onFatal once, and fails later requests', async () => {
    let fatal = 0;
    const client = new BridgeClient(new InMemoryTransport(() => null), { label: 'River learner "river:x"', timeoutMs: 50, onFatal: () => fatal++, stderrTail: () => 'line A\nline B' });
    const err = await client.request('size', { session: 's' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TributaryError);
    expect((err as TributaryError).code).toBe('BRIDGE_TIMEOUT');
    expect((err as TributaryError).message).toMatch(/river:x.*\n[\s\S]*line B/);
    expect(fatal).toBe(1);
    await expect(client.request('size', { session: 's' })).rejects.toMatchObject({ code: 'BRIDGE_TIMEOUT' });
  });

  it('turns a non-JSON reply and a schema-violating reply into BRIDGE_ERROR', async () => {
    const garbage = new BridgeClient(new InMemoryTransport(() => [Buffer.from('not json')]), { label: 'fake' });
    await expect(garbage.request('size', { session: 's' })).rejects.toMatchObject({ code: 'BRIDGE_ERROR' });
    const wrongShape = new BridgeClient(
      new InMemoryTransport((f) => encodeMessage(ok(decodeMessage<RequestHeader>(f).header.id, { bytes: 'many' }))),
      { label: 'fake' },
    );
    await expect(wrongShape.request('size', { session: 's' })).rejects.toThrow(/malformed reply to "size".*bytes/);
  });

  it('maps a server error to a TributaryError keeping the library trace', async () => {
    const client = new BridgeClient(
      new InMemoryTransport((f) =>
        encodeMessage({ v: 1, id: decodeMessage<RequestHeader>(f).header.id, ok: false, error: { code: 'INVALID_PARAMS', message: 'bad kwarg', library_trace: "TypeError: got an unexpected keyword argument 'foo'" } }),
      ),
      { label: 'River learner "river:tree.HoeffdingTreeClassifier"' },
    );
    const err = (await client.request('create', {}).catch((e: unknown) => e)) as TributaryError;
    expect(err.code).toBe('INVALID_HYPERPARAMETER');
    expect(err.message).toContain("unexpected keyword argument 'foo'");
    expect(err.message).toContain('river:tree.HoeffdingTreeClassifier');
    expect(err.details?.serverCode).toBe('INVALID_PARAMS');
    // A structured error leaves the client usable.
    expect(client.failure).toBeNull();
  });

  it('fails a reply whose id matches no request', async () => {
    const client = new BridgeClient(new InMemoryTransport(() => encodeMessage(ok(999))), { label: 'fake' });
    await expect(client.request('close', { session: 's' })).rejects.toThrow(/matches no pending request/);
  });
});

describe('BridgeSession over an in-memory transport', () => {
  function makeSession(maxRowsPerRequest: number, schema: StreamSchema) {
    const log: RequestHeader[] = [];
    const client = new BridgeClient(new InMemoryTransport(majorityServer(log)), { label: 'fake' });
    const session = new BridgeSession({ session: 's1', learnerId: 'fake:majority', implementation: 'fake', params: {}, schema, client, maxRowsPerRequest });
    return { log, session };
  }

  it('splits a batch into requests of at most maxRowsPerRequest rows and reassembles probabilities in order', async () => {
    const schema = StreamSchema.numeric(2, ['a', 'b']);
    const n = 10;
    const x = new Float64Array(n * 2).map((_, i) => i);
    const y = Int32Array.from({ length: n }, (_, i) => (i < 7 ? 0 : 1));
    const split = makeSession(3, schema);
    const whole = makeSession(100, schema);
    const p1 = new Float64Array(n * 2);
    const p2 = new Float64Array(n * 2);
    const cost = await split.session.testThenTrain({ n, d: 2, x, y }, p1, 2);
    await whole.session.testThenTrain({ n, d: 2, x, y }, p2, 2);
    expect(split.log.filter((h) => h.type === 'prequential').map((h) => h.n)).toEqual([3, 3, 3, 1]);
    expect(Array.from(p1)).toEqual(Array.from(p2));
    // Row 8 was predicted after learning seven 'a' and one 'b'.
    expect(p1[8 * 2]).toBeCloseTo(7 / 8);
    expect(cost.predictCpuSeconds).toBeCloseTo(0.004);
    expect(cost.learnCpuSeconds).toBeCloseTo(0.008);
  });

  it('sends the grown schema before the first batch that uses a new class, once', async () => {
    const schema = StreamSchema.numeric(1, ['a']);
    const { log, session } = makeSession(100, schema);
    const p = new Float64Array(4);
    await session.testThenTrain({ n: 2, d: 1, x: new Float64Array(2), y: new Int32Array(2) }, p, 1);
    schema.addClass('b');
    await session.testThenTrain({ n: 2, d: 1, x: new Float64Array(2), y: Int32Array.from([1, 1]) }, p, 2);
    await session.testThenTrain({ n: 1, d: 1, x: new Float64Array(1), y: Int32Array.from([0]) }, p, 2);
    expect(log.map((h) => h.type)).toEqual(['prequential', 'update_schema', 'prequential', 'prequential']);
    expect((log[1].schema as { classes: string[] }).classes).toEqual(['a', 'b']);
    expect(log[2].k).toBe(2);
  });

  it('sends nominal_encoding and multiclass in create only when a session asks for them', async () => {
    const log: RequestHeader[] = [];
    const server: FakeServer = (frames) => {
      const { header } = decodeMessage<RequestHeader>(frames);
      log.push(header);
      const problem = validateAgainst(`${header.type}.request.json`, header);
      if (problem) return encodeMessage({ v: 1, id: header.id, ok: false, error: { code: 'INVALID_REQUEST', message: problem } });
      return encodeMessage(ok(header.id, header.type === 'create' ? { session: `s${log.length}`, params: {} } : {}));
    };
    const client = new BridgeClient(new InMemoryTransport(server), { label: 'fake' });
    const supervisor = { client, dispose: async () => undefined } as unknown as ServerSupervisor;
    const open = (nominalEncoding?: NominalEncoding, multiclass?: MulticlassWrapper) =>
      BridgeSession.open({ supervisor, learnerId: 'fake:linear', implementation: 'fake', learner: 'linear', params: {}, schema: StreamSchema.numeric(1, ['a']), seed: 1, nominalEncoding, multiclass });
    const plain = await open();
    const oneHot = await open('one-hot');
    const oneVsRest = await open(undefined, 'one-vs-rest');
    expect(log.map((h) => h.nominal_encoding)).toEqual([undefined, 'one-hot', undefined]);
    expect(log.map((h) => h.multiclass)).toEqual([undefined, undefined, 'one-vs-rest']);
    expect('nominal_encoding' in log[0] || 'multiclass' in log[0]).toBe(false);
    // Reported with the parameters, under the spec option's name, so the params reopen the same session.
    expect(plain.params).toEqual({});
    expect(oneHot.params).toEqual({ nominalEncoding: 'one-hot' });
    expect(oneVsRest.params).toEqual({ multiclass: 'one-vs-rest' });
  });

  it('reports size and rejects use after dispose', async () => {
    const { session } = makeSession(100, StreamSchema.numeric(1, ['a']));
    expect((await session.measure()).sizeBytes).toBe(1234);
    await session.dispose();
    await expect(session.measure()).rejects.toMatchObject({ code: 'BRIDGE_ERROR' });
  });

  it('keeps results of earlier batches when a later batch fails', async () => {
    let calls = 0;
    const log: RequestHeader[] = [];
    const inner = majorityServer(log);
    const client = new BridgeClient(new InMemoryTransport((f) => (++calls === 2 ? [Buffer.from('\u0000broken')] : inner(f))), { label: 'fake' });
    const session = new BridgeSession({ session: 's', learnerId: 'fake:m', implementation: 'fake', params: {}, schema: StreamSchema.numeric(1, ['a', 'b']), client });
    const kept: number[] = [];
    const p = new Float64Array(2);
    for (let b = 0; b < 3; b++) {
      try {
        await session.testThenTrain({ n: 1, d: 1, x: new Float64Array(1), y: Int32Array.from([0]) }, p, 2);
        kept.push(b);
      } catch (e) {
        expect((e as TributaryError).code).toBe('BRIDGE_ERROR');
        break;
      }
    }
    expect(kept).toEqual([0]);
  });
});
