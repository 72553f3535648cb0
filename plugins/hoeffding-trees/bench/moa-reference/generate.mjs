// Regenerates src/testdata/moa-reference.json: MOA's test-then-train predictions
// (accuracy and a SHA-256 of the per-instance predicted class indices) for the
// cases in cases.json, which moa-parity.test.ts compares the native learners with;
// and src/testdata/moa-defaults.json: the option defaults of the MOA classes the
// manifests name, read from MOA itself (manifest-defaults.test.ts).
//
//   node plugins/hoeffding-trees/bench/moa-reference/generate.mjs
//
// Needs java/javac and MOA's jars (default: bridges/moa/server/target/lib, built by
// the MOA bridge setup; override with MOA_CLASSPATH).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../../..');
const lib = process.env.MOA_CLASSPATH ?? join(repo, 'bridges/moa/server/target/lib/*');
const moaJar = readdirSync(join(repo, 'bridges/moa/server/target/lib')).find((f) => /^moa-[\d.]+\.jar$/.test(f));
const work = mkdtempSync(join(tmpdir(), 'moa-reference-'));
const cases = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));

execFileSync('javac', ['-cp', lib, '-d', work, join(here, 'Parity.java'), join(here, 'Defaults.java')], { stdio: 'inherit' });
const moaClasses = [
  'bayes.NaiveBayes',
  'functions.MajorityClass',
  'functions.NoChange',
  'trees.HoeffdingTree',
  'trees.ARFHoeffdingTree',
  'trees.HoeffdingAdaptiveTree',
  'trees.EFDT',
  'meta.AdaptiveRandomForest',
  'core.attributeclassobservers.GaussianNumericAttributeClassObserver',
  'core.splitcriteria.InfoGainSplitCriterion',
];
const defaults = JSON.parse(execFileSync('java', ['-cp', `${lib}:${work}`, 'Defaults', ...moaClasses], { encoding: 'utf8' }));
const defaultsFile = join(here, '../../src/testdata/moa-defaults.json');
writeFileSync(defaultsFile, JSON.stringify({ generatedBy: 'plugins/hoeffding-trees/bench/moa-reference/generate.mjs', moa: moaJar ?? 'unknown', classes: defaults }, null, 2) + '\n');
console.log(`wrote ${defaultsFile}`);
const arffs = new Map();
for (const c of cases) {
  const key = `${c.stream}:${c.max ?? ''}`;
  if (arffs.has(key)) continue;
  const file = join(work, `${c.stream}-${c.max ?? 'all'}.arff`);
  execFileSync('npx', ['tsx', '--conditions', 'tributary-source', join(here, 'to-arff.ts'), c.stream, file, ...(c.max ? [String(c.max)] : [])], { cwd: repo, stdio: 'inherit' });
  arffs.set(key, file);
}
const results = [];
for (const c of cases) {
  const predictionsFile = join(work, 'predictions.txt');
  const output = execFileSync('java', ['-cp', `${lib}:${work}`, 'Parity', arffs.get(`${c.stream}:${c.max ?? ''}`), c.moa, String(c.max ?? 2147483647), predictionsFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const predictions = readFileSync(predictionsFile, 'utf8').trim().split('\n');
  const accuracy = Number(/acc=([\d.eE-]+)/.exec(output)[1]);
  results.push({ ...c, instances: predictions.length, accuracy, predictionsSha256: createHash('sha256').update(predictions.join('\n')).digest('hex') });
  console.log(`${c.moa} on ${c.stream}${c.max ? ` (${c.max})` : ''}: accuracy ${accuracy}`);
}
const out = join(here, '../../src/testdata/moa-reference.json');
writeFileSync(out, JSON.stringify({ generatedBy: 'plugins/hoeffding-trees/bench/moa-reference/generate.mjs', moa: moaJar ?? 'unknown', cases: results }, null, 2) + '\n');
console.log(`wrote ${out}`);
