// How Confluence's pool evolves on one stream: at every checkpoint, each live
// candidate's fading accuracy, instances scored and spec (* = voting), plus the
// selector's counters. For finding out why the pool ended up as it did.
// Run: node --conditions=tributary-source --import tsx plugins/selectors/scripts/pool-trace.ts STREAM [--seed N] [--max N] [--every N] [PARAMS_JSON]
import { parseArgs } from 'node:util';
import { loadPlugins, NativeSession, runPrequential, type LearnerContext } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { Confluence, type ConfluenceParams } from '../src/confluence.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: 'string', default: '1' }, max: { type: 'string', default: '10000' }, every: { type: 'string', default: '1000' } },
});
const seed = Number(values.seed);
const maxInstances = Number(values.max);
const every = Number(values.every);
const [stream, paramsJson] = positionals;
if (!stream) throw new Error('usage: pool-trace.ts STREAM [--seed N] [--max N] [--every N] [PARAMS_JSON]');
const params = (paramsJson ? JSON.parse(paramsJson) : {}) as Partial<ConfluenceParams>;

const registry = await loadPlugins();
// The stream keeps its own seed (1), as in the benchmark runner; --seed is the learner's.
const source = await openStream(stream, { maxInstances });
const context: LearnerContext = {
  schema: source.schema,
  seed,
  createLearner: (spec, ctx) => registry.createLearner(spec, ctx),
  describeLearner: (id) => registry.learnerManifest(id),
};
const learner = new Confluence(params, context);
const summary = await runPrequential({
  session: new NativeSession(learner),
  stream: source,
  maxInstances,
  checkpointEvery: every,
  batchSize: every,
  sink: {
    checkpoint: (record) => {
      const windowed = record.windowed.accuracy;
      console.log(`@${record.instances} windowed accuracy ${windowed !== undefined ? (100 * windowed).toFixed(2) : '?'} ${JSON.stringify(learner.measurements())}`);
      for (const c of learner.candidateStatus()) console.log(`   ${c.leading ? '*' : ' '} ${(100 * c.score).toFixed(2).padStart(6)} ${String(c.instances).padStart(7)} ${c.spec}`);
    },
    summary: () => undefined,
  },
});
await source.close();
console.log(`accuracy ${(100 * summary.cumulative.accuracy).toFixed(2)} over ${summary.instances} instances, cpu ${summary.cpuSeconds.toFixed(2)} s`);
