/**
 * Prints the detection delay and false alarms of every detector (default
 * hyperparameters) on seeded Bernoulli 0/1 streams.
 *
 *   npx tsx plugins/drift-detectors/scripts/detection-delays.ts [seeds=20]
 *
 * Delay = first drift signalled at or after the change minus the change position
 * (a miss when none within 2,000 values). False alarms = drifts before the change,
 * and drifts on a stationary stream of 10,000.
 */
import { plugins, type DetectorManifest } from '../src/index.js';
import { bernoulliStream, detectionPositions } from '../src/test-streams.js';

const seeds = Number(process.argv[2] ?? 20);
const changes: [number, number][] = [[0.2, 0.8], [0.2, 0.4], [0.05, 0.2], [0.3, 0.5]];
const stationary = [0.05, 0.1, 0.3];
const changeAt = 1000;

const header = ['detector', ...changes.map(([a, b]) => `delay ${a}→${b} (miss)`), ...changes.map(([a, b]) => `alarms<change ${a}→${b}`), ...stationary.map((p) => `alarms/10k p=${p}`)];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const manifest of plugins as DetectorManifest[]) {
  const cells: string[] = [manifest.id];
  const early: string[] = [];
  for (const [before, after] of changes) {
    const delays: number[] = [];
    let misses = 0;
    let falseAlarms = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const values = bernoulliStream(changeAt + 2000, changeAt, before, after, seed);
      const positions = detectionPositions(manifest.create({}, { seed }), values);
      falseAlarms += positions.filter((p) => p < changeAt).length;
      const first = positions.find((p) => p >= changeAt);
      if (first === undefined) misses++;
      else delays.push(first - changeAt);
    }
    const mean = delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : NaN;
    cells.push(`${Number.isNaN(mean) ? '—' : mean.toFixed(0)} (${misses})`);
    early.push((falseAlarms / seeds).toFixed(2));
  }
  cells.push(...early);
  for (const p of stationary) {
    let alarms = 0;
    for (let seed = 1; seed <= seeds; seed++) alarms += detectionPositions(manifest.create({}, { seed }), bernoulliStream(10_000, 10_000, p, p, 1000 + seed)).length;
    cells.push((alarms / seeds).toFixed(2));
  }
  console.log(`| ${cells.join(' | ')} |`);
}
