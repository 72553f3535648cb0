// Bridge efficiency of the MOA bridge: bridged prequential throughput divided by the server's own
// in-process test-then-train loop over the same instances (no transport), on electricity.
// Both run on one warmed JVM. Run: npx tsx bridges/moa/bench/bridge-efficiency.ts [--reps 3]
import { BridgeSession, type CreateReply, type InprocessLoopReply } from '@tributary/bridge-protocol';
import { startMoaServer } from '../src/index.js';
import { loadElectricity } from './electricity.js';

const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 3;
const { schema, batch } = loadElectricity();
const k = schema.numClasses;
const learners = [
  ['trees.HoeffdingTree', ''],
  ['bayes.NaiveBayes', ''],
] as const;
const batchSizes = [100, 500, 2000, 5000];
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const server = await startMoaServer({ label: 'MOA bridge-efficiency server' });
try {
  const rows: string[] = [];
  for (const [learner, options] of learners) {
    const inprocess = async () => {
      const { header } = await server.client.request<InprocessLoopReply>(
        'inprocess_loop',
        { learner, params: { options }, schema: schema.toJSON(), seed: 1, n: batch.n, d: batch.d, k },
        [batch.x, batch.y],
      );
      return header.instances_per_second;
    };
    const bridged = async (step: number) => {
      const { header } = await server.client.request<CreateReply>('create', { learner, params: { options }, schema: schema.toJSON(), seed: 1 });
      const session = new BridgeSession({ session: header.session, learnerId: `moa:${learner}`, implementation: 'moa', params: header.params, schema, client: server.client, maxRowsPerRequest: step });
      const proba = new Float64Array(batch.n * k);
      const started = process.hrtime.bigint();
      for (let start = 0; start < batch.n; start += step) {
        const n = Math.min(step, batch.n - start);
        await session.testThenTrain({ n, d: batch.d, x: batch.x.subarray(start * batch.d, (start + n) * batch.d), y: batch.y.subarray(start, start + n) }, proba.subarray(start * k, (start + n) * k), k);
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await session.dispose();
      return batch.n / seconds;
    };
    for (let w = 0; w < 3; w++) await inprocess(); // warm the JIT on MOA's code paths
    await bridged(2000);
    for (const step of batchSizes) {
      const ratios: number[] = [];
      const bridgedRates: number[] = [];
      const inRates: number[] = [];
      for (let r = 0; r < reps; r++) {
        const b = await bridged(step);
        const i = await inprocess();
        bridgedRates.push(b);
        inRates.push(i);
        ratios.push(b / i);
      }
      rows.push(`| ${learner} | ${step} | ${median(bridgedRates).toFixed(0)} | ${median(inRates).toFixed(0)} | ${median(ratios).toFixed(3)} |`);
    }
  }
  console.log(`MOA ${server.hello.library_version}, ${server.hello.language_version}; electricity ${batch.n} rows; median of ${reps}`);
  console.log('| learner | batch | bridged inst/s | in-process inst/s | ratio |\n| --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
} finally {
  await server.dispose();
}
