// Where Confluence's time goes: every candidate is wrapped so its predict and learn
// calls are timed (wall clock, single thread) and counted, split by phase: the
// forward pass over the stream, warm-start replays after a drift, and warm starts
// of racing challengers. Per stream: total, share of each phase, drifts, joins.
// Run: node --conditions=tributary-source --import tsx plugins/selectors/scripts/profile.ts [--max N] [--streams a,b] [--pool] [PARAMS_JSON]
import { performance } from 'node:perf_hooks';
import { loadPlugins, NativeSession, runPrequential, type Learner, type LearnerContext, type LearnerSpec } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { Confluence, type ConfluenceParams } from '../src/confluence.js';

const args = process.argv.slice(2);
const take = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const maxInstances = Number(take('--max', '10000'));
const streams = take('--streams', 'electricity,weather,insects_gradual_balanced,rialto,adult,kdd99_10pct,spam,suite:sea-abrupt,suite:agrawal-gradual,suite:hyperplane-incremental,suite:random-tree-abrupt').split(',');
const showPool = args.includes('--pool');
if (showPool) args.splice(args.indexOf('--pool'), 1);
const params = (args[0] ? JSON.parse(args[0]) : {}) as Partial<ConfluenceParams>;

type Phase = 'forward' | 'drift' | 'challenger';
let phase: Phase = 'forward';
type Account = { ms: number; calls: number };
const accounts = new Map<string, Account>();
const account = (key: string): Account => {
  let a = accounts.get(key);
  if (!a) accounts.set(key, (a = { ms: 0, calls: 0 }));
  return a;
};

// Phases are set around Confluence's own private steps (replays happen inside them).
const proto = Confluence.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
for (const [method, label] of [['reactToDrift', 'drift'], ['race', 'challenger']] as const) {
  const original = proto[method];
  proto[method] = function (this: unknown, ...a: unknown[]) {
    phase = label;
    try {
      return original.apply(this, a);
    } finally {
      phase = 'forward';
    }
  };
}

function family(spec: LearnerSpec): string {
  return typeof spec === 'string' ? spec.replace(/\(.*$/, '') : spec.id;
}

function timed(learner: Learner, name: string): Learner {
  return new Proxy(learner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'learnOne' && key !== 'predictProbaOne') return value;
      const op = key === 'learnOne' ? 'learn' : 'predict';
      return (...a: unknown[]) => {
        const t = performance.now();
        const r = (value as (...b: unknown[]) => unknown).apply(target, a);
        const acc = account(`${phase}\t${op}\t${name}`);
        acc.ms += performance.now() - t;
        acc.calls++;
        return r;
      };
    },
  });
}

const registry = await loadPlugins();
let grandTotal = 0;
const grand = new Map<string, number>();
for (const stream of streams) {
  accounts.clear();
  const source = await openStream(stream, { maxInstances });
  const context: LearnerContext = {
    schema: source.schema,
    seed: 1,
    createLearner: (spec, ctx) => timed(registry.createLearner(spec, ctx), family(spec)),
    describeLearner: (id) => registry.learnerManifest(id),
  };
  const learner = new Confluence(params, context);
  const t0 = performance.now();
  const s = await runPrequential({ session: new NativeSession(learner), stream: source, maxInstances, checkpointEvery: maxInstances });
  const wall = performance.now() - t0;
  await source.close();
  let inside = 0;
  const byPhase = new Map<string, number>();
  for (const [key, a] of accounts) {
    inside += a.ms;
    const [p, op] = key.split('\t');
    const k = p === 'forward' ? `forward ${op}` : `${p} replay`;
    byPhase.set(k, (byPhase.get(k) ?? 0) + a.ms);
    grand.set(k, (grand.get(k) ?? 0) + a.ms);
  }
  grandTotal += wall;
  grand.set('selector overhead', (grand.get('selector overhead') ?? 0) + wall - inside);
  const m = learner.measurements();
  const parts = [...byPhase].map(([k, ms]) => `${k} ${(100 * ms / wall).toFixed(0)}%`).join(', ');
  console.log(`${stream.padEnd(30)} acc ${(100 * s.cumulative.accuracy).toFixed(2)} cpu ${s.cpuSeconds.toFixed(2)} s wall ${(wall / 1000).toFixed(2)} s | ${parts} | drifts ${m.drifts} retired ${m.retired} candidates ${m.candidates}`);
  // Heaviest candidates of this stream.
  const top = [...accounts].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5).map(([k, a]) => `${k.replace(/\t/g, '/')} ${(a.ms / 1000).toFixed(2)}s×${a.calls}`);
  console.log(`    ${top.join('; ')}`);
  if (showPool) for (const c of learner.candidateStatus()) console.log(`    ${c.leading ? '*' : ' '} ${(100 * c.score).toFixed(2)} ${c.instances} ${c.spec}`);
}
console.log(`\nall streams, share of wall time: ${[...grand].map(([k, ms]) => `${k} ${(100 * ms / grandTotal).toFixed(1)}%`).join(', ')}`);
