// Benchmark (not a test): throughput of naive Bayes and the Hoeffding tree, and the
// per-instance overhead of the prequential evaluator itself. Run: npm run bench:core
import Table from 'cli-table3';
import {
  BaseLearner,
  NativeSession,
  loadPlugins,
  recordStream,
  replayStream,
  runPrequential,
  type LearnerContext,
  type RecordedStream,
} from '@tributary/core';
import { openStream } from '@tributary/streams';

/** Learns nothing and predicts nothing: what remains is the evaluator's own cost. */
class DoNothing extends BaseLearner {
  constructor(params: Record<string, unknown>, context: LearnerContext) {
    super({ id: 'do-nothing', hyperparameters: { type: 'object', properties: {}, additionalProperties: false } }, params, context);
  }
  learnOne(): void {}
  protected predictInto(): void {}
}

async function record(spec: string, max?: number): Promise<RecordedStream> {
  const source = await openStream(spec, { maxInstances: max });
  try {
    return await recordStream(source, max ?? Infinity);
  } finally {
    await source.close();
  }
}

const registry = await loadPlugins();
const streams: [string, RecordedStream][] = [
  ['electricity', await record('electricity')],
  ['sea (1,000,000)', await record('sea(function=1,seed=1)', 1_000_000)],
];
const table = new Table({ head: ['learner', 'stream', 'instances', 'accuracy', 'inst/s (wall)', 'µs/inst (cpu in learner)', 'model bytes'], style: { head: [], border: [] } });

for (const [label, recorded] of streams) {
  const stream = replayStream(recorded);
  const start = performance.now();
  const summary = await runPrequential({ session: new NativeSession(new DoNothing({}, { schema: stream.schema, seed: 1 })), stream, checkpointEvery: 100_000 });
  const seconds = (performance.now() - start) / 1000;
  table.push(['(evaluator only)', label, summary.instances.toLocaleString('en-US'), '-', Math.round(summary.instances / seconds).toLocaleString('en-US'), `${((1e6 * seconds) / summary.instances).toFixed(3)} µs/inst wall`, '-']);
  for (const id of ['naive-bayes', 'hoeffding-tree']) {
    const replay = replayStream(recorded);
    const session = await registry.openSession(id, replay.schema, 1);
    const s = await runPrequential({ session, stream: replay, checkpointEvery: 100_000 });
    table.push([id, label, s.instances.toLocaleString('en-US'), s.cumulative.accuracy.toFixed(4), Math.round(s.instancesPerSecond).toLocaleString('en-US'), ((1e6 * s.cpuSeconds) / s.instances).toFixed(3), s.model.sizeBytes.toLocaleString('en-US')]);
  }
}
process.stdout.write(`${table.toString()}\nnode ${process.version}; streams read into memory first, so reading is not timed.\n`);
