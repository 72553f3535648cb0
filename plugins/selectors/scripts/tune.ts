// Compares Confluence configurations (JSON params per line of a file, or inline)
// with ARF(10) on a small stream set: mean accuracy, kappa, CPU and CPU ratio to ARF(10).
// Run: node --conditions=tributary-source --import tsx plugins/selectors/scripts/tune.ts [--max N] [--streams a,b] VARIANT_JSON...
import { loadPlugins, NativeSession, runPrequential, type LearnerSpec } from '@tributary/core';
import { openStream } from '@tributary/streams';

const args = process.argv.slice(2);
const take = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const maxInstances = Number(take('--max', '10000'));
const streams = take('--streams', 'electricity,weather,suite:sea-abrupt,suite:agrawal-gradual').split(',');
const specs: LearnerSpec[] = ['arf(ensembleSize=10)', ...args.map((a) => (a.startsWith('{') ? { id: 'confluence', params: JSON.parse(a) } : a))];

const registry = await loadPlugins();
for (const spec of specs) {
  let acc = 0;
  let kappa = 0;
  let cpu = 0;
  const cells: string[] = [];
  for (const stream of streams) {
    const source = await openStream(stream, { maxInstances });
    const learner = registry.createLearner(spec, { schema: source.schema, seed: 1 });
    const s = await runPrequential({ session: new NativeSession(learner), stream: source, maxInstances, checkpointEvery: maxInstances });
    await source.close();
    acc += s.cumulative.accuracy / streams.length;
    kappa += s.cumulative.kappa / streams.length;
    cpu += s.cpuSeconds;
    cells.push(`${(100 * s.cumulative.accuracy).toFixed(2)}/${s.cpuSeconds.toFixed(1)}s`);
  }
  console.log(`${JSON.stringify(spec).padEnd(60)} acc ${(100 * acc).toFixed(2)} κ ${(100 * kappa).toFixed(2)} cpu ${cpu.toFixed(1)} s | ${cells.join(' ')}`);
}
