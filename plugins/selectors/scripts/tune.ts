// Compares Confluence configurations with ARF(10) and the strongest competitors of the
// reduced AutoML run, on a tuning stream set kept apart from that run's streams (other
// real datasets; suite scenarios other than those evaluated, drawn with another seed):
// per variant the mean accuracy and kappa, the average rank of each variant among the
// competitors, and the CPU ratio to ARF(10) (total over the streams, and per-stream median).
// Competitors' results are cached (--cache) since only the variants change between runs.
// Run: node --conditions=tributary-source --import tsx plugins/selectors/scripts/tune.ts [--max N] [--streams 'a;b'] [--cache FILE] VARIANT_JSON...
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadPlugins, NativeSession, runPrequential, type LearnerSpec } from '@tributary/core';
import { openStream } from '@tributary/streams';

/**
 * Disjoint from examples/benchmarks/automl-small.yaml: six real datasets it does not use,
 * and synthetic generators with other seeds (7, 8) and with their drifts inside the first
 * 10 000 instances (the suite's come at 25 000 or later).
 */
const TUNING_STREAMS = [
  'sea',
  'phishing_websites',
  'asfault_roads',
  'outdoor',
  'bananas',
  'ozone',
  'drift(agrawal(function=1,seed=7),agrawal(function=4,seed=8),position=5000,width=1,randomSeed=7)',
  'random-rbf-drift(numCentroids=50,numDriftCentroids=50,speedChange=0.001,seed=7)',
  'drift(led(noisePercentage=10,seed=7),led-drift(noisePercentage=10,numberAttributesDrift=7,seed=8),position=5000,width=1000,randomSeed=7)',
  'recurring(stagger(function=1,seed=7),stagger(function=2,seed=8),position=2000,width=1,widthRecurrence=2000,stabPeriod=2000,numRep=2,randomSeed=7)',
  'drift(waveform(addNoise=true,seed=7),waveform-drift(addNoise=true,numberAttributesDrift=10,seed=8),position=5000,width=2000,randomSeed=7)',
  'hyperplane(numAtts=100,numDriftAtts=20,magChange=0.001,noisePercentage=5,seed=7)',
];
const COMPETITORS: Record<string, LearnerSpec> = {
  'arf-10': 'arf(ensembleSize=10)',
  'srp-10': 'srp(ensembleSize=10)',
  'leveraging-bag-10': 'leveraging-bag(ensembleSize=10)',
  'best-so-far': 'best-so-far',
  'evo-automl': 'evo-automl',
};

const args = process.argv.slice(2);
const perStream = args.includes('--per-stream');
if (perStream) args.splice(args.indexOf('--per-stream'), 1);
const take = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const maxInstances = Number(take('--max', '10000'));
const streamsArg = take('--streams', '');
const streams = streamsArg ? streamsArg.split(';') : TUNING_STREAMS;
const cacheFile = take('--cache', '.tributary/tune-cache.json');
const variants: { name: string; spec: LearnerSpec }[] = args.map((a) => ({ name: a, spec: a.startsWith('{') ? { id: 'confluence', params: JSON.parse(a) } : a }));

type Cell = { accuracy: number; kappa: number; cpu: number };
const cache: Record<string, Cell> = existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
const registry = await loadPlugins();

async function run(spec: LearnerSpec, stream: string, cached: boolean): Promise<Cell> {
  const key = `${JSON.stringify(spec)}|${stream}|${maxInstances}`;
  if (cached && cache[key]) return cache[key];
  const source = await openStream(stream, { maxInstances });
  const learner = registry.createLearner(spec, { schema: source.schema, seed: 1 });
  const s = await runPrequential({ session: new NativeSession(learner), stream: source, maxInstances, checkpointEvery: maxInstances });
  await source.close();
  const cell = { accuracy: s.cumulative.accuracy, kappa: s.cumulative.kappa, cpu: s.cpuSeconds };
  if (cached) {
    cache[key] = cell;
    writeFileSync(cacheFile, JSON.stringify(cache, null, 1));
  }
  return cell;
}

const competitors: Record<string, Cell[]> = {};
for (const [name, spec] of Object.entries(COMPETITORS)) {
  competitors[name] = [];
  for (const stream of streams) competitors[name].push(await run(spec, stream, true));
}

/** Rank (1 = best, ties averaged) of `value` among `others`. */
const rankAmong = (value: number, others: number[]): number => 1 + others.filter((o) => o > value).length + others.filter((o) => o === value).length / 2;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const arf = competitors['arf-10'];
const arfCpu = arf.reduce((a, c) => a + c.cpu, 0);

function line(name: string, cells: Cell[], ranked: boolean): string {
  const others = (i: number, metric: 'accuracy' | 'kappa'): number[] => Object.values(competitors).map((c) => c[i][metric]);
  const accRank = ranked ? mean(cells.map((c, i) => rankAmong(c.accuracy, others(i, 'accuracy')))).toFixed(2) : '—';
  const kappaRank = ranked ? mean(cells.map((c, i) => rankAmong(c.kappa, others(i, 'kappa')))).toFixed(2) : '—';
  const cpu = cells.reduce((a, c) => a + c.cpu, 0);
  return `${name.padEnd(70)} acc ${(100 * mean(cells.map((c) => c.accuracy))).toFixed(2)} κ ${(100 * mean(cells.map((c) => c.kappa))).toFixed(2)} rank acc ${accRank} κ ${kappaRank} | cpu ${cpu.toFixed(1)} s = ${(cpu / arfCpu).toFixed(2)}× arf, median ${median(cells.map((c, i) => c.cpu / arf[i].cpu)).toFixed(2)}×`;
}

console.log(`${streams.length} streams: ${streams.map((s) => s.slice(0, 24)).join(', ')}; first ${maxInstances} instances, seed 1. Ranks: each variant among itself and the ${Object.keys(COMPETITORS).length} competitors (1 = best of ${Object.keys(COMPETITORS).length + 1}).`);
for (const [name, cells] of Object.entries(competitors)) console.log(line(name, cells, false));
for (const variant of variants) {
  const cells: Cell[] = [];
  for (const stream of streams) cells.push(await run(variant.spec, stream, false));
  console.log(line(variant.name, cells, true));
  if (perStream) console.log(`    ${cells.map((c, i) => `${streams[i].slice(0, 24)} ${(100 * c.accuracy).toFixed(2)}/${c.cpu.toFixed(1)}s`).join('  ')}`);
}
