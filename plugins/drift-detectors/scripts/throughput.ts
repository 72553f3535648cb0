/**
 * Prints updates per second of every detector (defaults) on a seeded 0/1 stream
 * of 2,000,000 values with a change every 100,000, and each detector's size after it.
 *
 *   node --conditions=tributary-source --import tsx plugins/drift-detectors/scripts/throughput.ts
 */
import { plugins, type DetectorManifest } from '../src/index.js';
import { Random } from '@tributary/core';

const length = 2_000_000;
const values = new Float64Array(length);
const random = new Random(42);
for (let i = 0; i < length; i++) values[i] = random.nextDouble() < (Math.floor(i / 100_000) % 2 === 0 ? 0.2 : 0.4) ? 1 : 0;

console.log('| detector | updates/s | detections | size (bytes) |');
console.log('|---|---|---|---|');
for (const manifest of plugins as DetectorManifest[]) {
  const detector = manifest.create({}, { seed: 1 });
  for (let i = 0; i < 100_000; i++) detector.update(values[i]); // warm-up
  detector.reset();
  let detections = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < length; i++) {
    detector.update(values[i]);
    if (detector.driftDetected) detections++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`| ${manifest.id} | ${Math.round(length / seconds).toLocaleString('en-US')} | ${detections} | ${detector.sizeInBytes()} |`);
}
