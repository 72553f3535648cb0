/**
 * Per-instance agreement of native learners with MOA on the same recorded
 * instances: share of identical predicted labels, the first instances that
 * differ, and the largest probability difference. For checking that a speed
 * change left the results alone (and for chasing the instances where native
 * and MOA part ways).
 *
 *   node --conditions=tributary-source --import tsx plugins/naive-bayes/bench/moa-parity.ts \
 *     [--learners naive-bayes,hoeffding-tree] [--streams electricity,rbf_drift_200k]
 *
 * HotSpot's x86-64 Math.exp/Math.log intrinsics differ from fdlibm (which V8
 * and Java's StrictMath use) in the last bit for some arguments; that moves
 * MOA's Gaussian split weights and, rarely, a split. To compare with MOA on
 * fdlibm, prefix the command with
 *   TRIBUTARY_MOA_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:-UseLibmIntrinsic"
 */
import { argMax, loadPlugins, recordStream, replayStream, translateToReference, type LearnerSession, type StreamSchema } from '@tributary/core';
import { openStream } from '@tributary/streams';

const STREAMS: Record<string, { spec: string; maxInstances?: number }> = {
  electricity: { spec: 'electricity' },
  rbf_drift_200k: { spec: 'random-rbf-drift(numCentroids=50,numDriftCentroids=50,speedChange=0.0001,seed=1)', maxInstances: 200_000 },
};

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const learnerIds = arg('--learners', 'naive-bayes').split(',');
const streamNames = arg('--streams', 'electricity,rbf_drift_200k').split(',');

const registry = await loadPlugins();

async function probabilitiesOf(open: (schema: StreamSchema) => Promise<LearnerSession>, recorded: Awaited<ReturnType<typeof recordStream>>, k: number): Promise<Float64Array> {
  const stream = replayStream(recorded);
  const session = await open(stream.schema);
  const out = new Float64Array(recorded.n * k);
  let done = 0;
  for (;;) {
    const batch = await stream.nextBatch(4096);
    if (!batch) break;
    const proba = new Float64Array(batch.n * k);
    await session.testThenTrain(batch, proba, k);
    out.set(proba, done * k);
    done += batch.n;
  }
  await session.dispose();
  return out;
}

for (const streamName of streamNames) {
  const { spec, maxInstances } = STREAMS[streamName];
  const source = await openStream(spec, { maxInstances });
  const recorded = await recordStream(source, maxInstances ?? Infinity).finally(() => source.close());
  const k = recorded.schemaJson.classes.length;
  for (const id of learnerIds) {
    const params = ['arf', 'srp', 'leveraging-bag'].includes(id) ? { ensembleSize: 10 } : {};
    const translated = translateToReference(registry, { id, params }, 'moa', { numClasses: k });
    const native = await probabilitiesOf((schema) => registry.openSession({ id, params }, schema, 1), recorded, k);
    const moa = await probabilitiesOf((schema) => registry.openSession({ id: translated.id, params: translated.params }, schema, 1), recorded, k);
    let same = 0;
    let maxDiff = 0;
    let firstProbabilityGap = -1;
    const firstDifferent: number[] = [];
    for (let i = 0; i < recorded.n; i++) {
      const a = argMax(native.subarray(i * k, i * k + k), k);
      const b = argMax(moa.subarray(i * k, i * k + k), k);
      if (a === b) same++;
      else if (firstDifferent.length < 5) firstDifferent.push(i);
      // Rows where either side has no opinion yet (all zero) are left out of the probability difference.
      let sumNative = 0;
      let sumMoa = 0;
      for (let c = 0; c < k; c++) {
        sumNative += native[i * k + c];
        sumMoa += moa[i * k + c];
      }
      if (sumNative === 0 || sumMoa === 0) continue;
      for (let c = 0; c < k; c++) {
        const gap = Math.abs(native[i * k + c] / sumNative - moa[i * k + c] / sumMoa);
        if (gap > 1e-9 && firstProbabilityGap < 0) firstProbabilityGap = i;
        maxDiff = Math.max(maxDiff, gap);
      }
    }
    console.log(`${id.padEnd(24)} ${streamName.padEnd(16)} agreement=${((100 * same) / recorded.n).toFixed(4)}% differing=${recorded.n - same} first=[${firstDifferent.join(',')}] max|Δp|=${maxDiff.toExponential(2)} first |Δp|>1e-9 at ${firstProbabilityGap}`);
  }
}
process.exit(0);
