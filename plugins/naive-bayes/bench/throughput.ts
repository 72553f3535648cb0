/**
 * Test-then-train throughput of naive Bayes (and, with --learners, any plugin
 * learner) on instances held in memory, one Float64Array per instance made
 * before timing. Prints instances per CPU second of this thread (best of
 * --repeat runs after one warm-up; steadier than wall time on a shared
 * machine) and a checksum of every probability, so an optimisation can be
 * checked for changed results as well as speed.
 *
 *   node --conditions=tributary-source --import tsx plugins/naive-bayes/bench/throughput.ts \
 *     [--learners naive-bayes,hoeffding-tree] [--streams electricity,rbf_drift_200k] [--repeat 5] [--dump out.f64]
 *
 * --dump writes every probability vector of the last run (Float64, n × k) per
 * (learner, stream) to files named out.<learner>.<stream>.f64 for exact diffs.
 */
import { writeFileSync } from 'node:fs';
import { argMax, loadPlugins, recordStream, StreamSchema } from '@tributary/core';
import { openStream } from '@tributary/streams';

const STREAMS: Record<string, { spec: string; maxInstances?: number }> = {
  electricity: { spec: 'electricity' },
  rbf_drift_200k: { spec: 'random-rbf-drift(numCentroids=50,numDriftCentroids=50,speedChange=0.0001,seed=1)', maxInstances: 200_000 },
};

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const learnerIds = arg('--learners', 'naive-bayes').split(',');
const streamNames = arg('--streams', 'electricity,rbf_drift_200k').split(',');
const repeat = Number(arg('--repeat', '5'));
const dump = argv.includes('--dump') ? arg('--dump', '') : null;

const registry = await loadPlugins();
for (const streamName of streamNames) {
  const { spec, maxInstances } = STREAMS[streamName];
  const source = await openStream(spec, { maxInstances });
  const recorded = await recordStream(source, maxInstances ?? Infinity).finally(() => source.close());
  const schema = StreamSchema.fromJSON(recorded.schemaJson);
  const { n, d } = recorded;
  const k = Math.max(2, schema.numClasses);
  const rows = Array.from({ length: n }, (_, i) => recorded.x.slice(i * d, i * d + d));
  for (const id of learnerIds) {
    const params = ['arf', 'srp', 'leveraging-bag'].includes(id) ? { ensembleSize: 10 } : {};
    const probabilities = new Float64Array(n * k);
    const run = () => {
      const model = registry.createLearner({ id, params }, { schema, seed: 1 });
      const proba = new Float64Array(k);
      let correct = 0;
      const started = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        proba.fill(0);
        const p = model.predictProbaOne(rows[i], proba);
        for (let c = 0; c < k; c++) probabilities[i * k + c] = p[c];
        if (argMax(p, schema.numClasses) === recorded.y[i]) correct++;
        model.learnOne(rows[i], recorded.y[i]);
      }
      const used = process.cpuUsage(started);
      return { seconds: (used.user + used.system) / 1e6, correct };
    };
    run();
    let best = Infinity;
    let correct = 0;
    for (let r = 0; r < repeat; r++) {
      const result = run();
      best = Math.min(best, result.seconds);
      correct = result.correct;
    }
    let checksum = 0;
    for (let i = 0; i < probabilities.length; i++) checksum += probabilities[i] * ((i % 7) + 1);
    console.log(`${id.padEnd(24)} ${streamName.padEnd(16)} n=${n} accuracy=${((100 * correct) / n).toFixed(2)}% best=${(n / best).toFixed(0)} inst/cpu-s checksum=${checksum.toPrecision(17)}`);
    if (dump) writeFileSync(`${dump}.${id}.${streamName}.f64`, probabilities);
  }
}
