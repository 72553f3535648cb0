import { createHash } from 'node:crypto';
import type { StreamSource } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { openStream } from '../open-stream.js';
import { GENERATORS } from './definitions.js';
import { SUITE } from '../suite.js';

/** sha256 of the first `n` instances: features as little-endian float64, then the class index as int32. */
async function streamHash(spec: string, n = 10_000): Promise<string> {
  const stream = await openStream(spec, { maxInstances: n });
  const hash = createHash('sha256');
  for (let b = await stream.nextBatch(1000); b; b = await stream.nextBatch(1000)) {
    const bytes = Buffer.alloc(b.n * (b.d * 8 + 4));
    let o = 0;
    for (let i = 0; i < b.n; i++) {
      for (let j = 0; j < b.d; j++, o += 8) bytes.writeDoubleLE(b.x[i * b.d + j], o);
      bytes.writeInt32LE(b.y[i], o);
      o += 4;
    }
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** All instances of a bounded stream as rows and class indices. */
async function take(spec: string, n: number): Promise<{ x: Float64Array[]; y: Int32Array; stream: StreamSource }> {
  const stream = await openStream(spec, { maxInstances: n });
  const x: Float64Array[] = [];
  const y = new Int32Array(n);
  let k = 0;
  for (let b = await stream.nextBatch(1000); b; b = await stream.nextBatch(1000)) {
    for (let i = 0; i < b.n; i++, k++) {
      x.push(b.x.slice(i * b.d, (i + 1) * b.d));
      y[k] = b.y[i];
    }
  }
  return { x, y, stream };
}

const share = (y: Int32Array, c: number) => y.reduce((s, v) => s + (v === c ? 1 : 0), 0) / y.length;

// Computed once from this implementation (whose first 200 instances equal MOA's, see
// moa-equivalence.test.ts); a change here means every published result with these specs changes.
const PINNED: Record<string, string> = {
  sea: 'cd169480d5e1a5257adafcd91b006b84dc52a28f9a0f7768f3f4cada2843bd0a',
  agrawal: 'f60f731a2e8c34a7280e3b16020d2f7f07f790b7bbf68bd75bf1962b458f4d56',
  hyperplane: 'eba76183eb4e174f557e0e442223f13279a79c2966b07dbe5c6f31a3e3b120d5',
  'random-rbf': '90d8ff992bd23531f0e329c907873474b6969640293becb9b496b49d6c307084',
  // speedChange defaults to 0 (MOA), so the drifting variant equals the plain one by default
  'random-rbf-drift': '90d8ff992bd23531f0e329c907873474b6969640293becb9b496b49d6c307084',
  'random-tree': 'c638eb6b5771f4c0fd5ee0d5f931d3a61676ad91629726f1d3f39e922999e27e',
  led: 'fb6e94042e6df24cc5723a0f71f53735299fc11ec0356d25dc7da02ad733a6c7',
  'led-drift': '4f283831a24fe20e9c94e14ebedfbf36bfe29abb823bc982ca0e364e14300456',
  stagger: '46e80e554dd615ba03db33e70d47c53fa327efe850e200a3bdda9451feedfe7f',
  sine: '8e48229e9489415fb1dc161883590f01988e1032de6415487bd7c84f1facd3e4',
  waveform: '71794bdce5f178f8e6e0d9ea84754d1531da27ec63e292e70c12391c3d993ed9',
  'waveform-drift': '7c7a72cc622982f64e987638b86d9146df956debc7e8f5b91b9c8215fe3b6e40',
  mixed: '379b5a6781674d0bb30db6c69b9d3f0eb651ecc81eba87f29c85e268e610d204',
  imbalance: 'cd18d98647f27a6c6be3583fd71b8448fb1654fd38bcd6113b5691fc8c78e621',
  drift: 'd0d761ba40d8fca7bf18fd87f1e4e29d1288f6e9e61400cd07c32cc6dfc65411',
  recurring: 'a52acf21e50cf2e77acbe9ffc04961745fe852e4b97c2cee1e3229c4ae7fe5b6',
};

describe('determinism', () => {
  // `id()` rather than `id`: a bare name that is also a dataset (`sea`) opens the dataset.
  it.each(GENERATORS.map((g) => g.id))('%s: pinned sha256 of the first 10,000 instances', async (id) => {
    expect(await streamHash(`${id}()`)).toBe(PINNED[id]);
  });

  it('the same spec twice gives the same stream; another seed gives another', async () => {
    for (const spec of ['agrawal(function=4,seed=11)', 'random-rbf-drift(speedChange=0.001,seed=3)', `suite:${SUITE[0].name}`]) {
      expect(await streamHash(spec, 5000)).toBe(await streamHash(spec, 5000));
    }
    expect(await streamHash('agrawal(function=4,seed=11)', 2000)).not.toBe(await streamHash('agrawal(function=4,seed=12)', 2000));
    expect(await streamHash(`suite:${SUITE[0].name}(seed=2)`, 2000)).not.toBe(await streamHash(`suite:${SUITE[0].name}`, 2000));
  });

  it('openStream(seed) sets the seed of specs that give none, and only of those', async () => {
    const hash = async (spec: string, seed?: number) => {
      const stream = await openStream(spec, { maxInstances: 500, seed });
      const b = (await stream.nextBatch(500))!;
      return createHash('sha256').update(b.x.subarray(0, b.n * b.d)).update(b.y.subarray(0, b.n)).digest('hex');
    };
    expect(await hash('sea()', 5)).toBe(await hash('sea(seed=5)'));
    expect(await hash('sea(seed=2)', 5)).toBe(await hash('sea(seed=2)'));
    expect(await hash('sea()')).toBe(await hash('sea(seed=1)'));
    expect(await hash('sea()', 5)).not.toBe(await hash('sea()'));
  });
});

describe('definitions: class balance and feature ranges', () => {
  it('SEA: attributes in [0,10), class by attrib1+attrib2 <= threshold, noise flips the stated share', async () => {
    for (const [f, threshold] of [[1, 8], [2, 9], [3, 7], [4, 9.5]] as const) {
      const { x, y } = await take(`sea(function=${f},noise=0)`, 20_000);
      expect(x.every((row) => row.every((v) => v >= 0 && v < 10))).toBe(true);
      expect(x.every((row, i) => (row[0] + row[1] <= threshold ? 0 : 1) === y[i])).toBe(true);
      // P(class 0) = area under the line a1 + a2 = t in the 10×10 square
      const expected = threshold <= 10 ? (threshold * threshold) / 2 / 100 : 1;
      expect(Math.abs(share(y, 0) - expected)).toBeLessThan(0.015);
    }
    const { x, y } = await take('sea(function=1,noise=10)', 20_000);
    const flipped = x.filter((row, i) => (row[0] + row[1] <= 8 ? 0 : 1) !== y[i]).length / x.length;
    expect(Math.abs(flipped - 0.1)).toBeLessThan(0.01);
  });

  it('balanceClasses alternates the classes, starting with the second (MOA)', async () => {
    for (const spec of ['sea(balanceClasses=true,noise=0)', 'agrawal(function=5,balanceClasses=true,perturbFraction=0)', 'stagger(balanceClasses=true)', 'sine(function=3,balanceClasses=true)', 'mixed(balanceClasses=true)']) {
      const { y } = await take(spec, 1000);
      expect(Array.from(y.subarray(0, 6))).toEqual([1, 0, 1, 0, 1, 0]);
      expect(share(y, 0)).toBe(0.5);
    }
  });

  it('Agrawal: attribute ranges and function 1 (age) without perturbation', async () => {
    const { x, y, stream } = await take('agrawal(function=1,perturbFraction=0)', 20_000);
    expect(stream.schema.features.map((f) => f.kind)).toEqual(['numeric', 'numeric', 'numeric', 'nominal', 'nominal', 'nominal', 'numeric', 'numeric', 'numeric']);
    const outOfRange = x.filter(
      ([salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan]) =>
        !(
          salary >= 20000 && salary <= 150000 &&
          (salary >= 75000 ? commission === 0 : commission >= 10000 && commission <= 75000) &&
          Number.isInteger(age) && age >= 20 && age <= 80 &&
          Number.isInteger(elevel) && elevel < 5 && Number.isInteger(car) && car < 20 && Number.isInteger(zipcode) && zipcode < 9 &&
          hvalue >= (9 - zipcode) * 50000 && hvalue <= (9 - zipcode) * 150000 &&
          Number.isInteger(hyears) && hyears >= 1 && hyears <= 30 &&
          loan >= 0 && loan <= 500000
        ),
    );
    expect(outOfRange).toEqual([]);
    expect(x.every((row, i) => (row[2] < 40 || row[2] >= 60 ? 0 : 1) === y[i])).toBe(true);
    // ages 40..59 are 20 of the 61 possible ages
    expect(Math.abs(share(y, 1) - 20 / 61)).toBeLessThan(0.015);
  });

  it('Hyperplane: attributes in [0,1), about balanced; magChange moves the concept', async () => {
    const { x, y } = await take('hyperplane(noisePercentage=0)', 20_000);
    expect(x.every((row) => row.every((v) => v >= 0 && v < 1))).toBe(true);
    expect(Math.abs(share(y, 1) - 0.5)).toBeLessThan(0.05);
    const still = await take('hyperplane(noisePercentage=0,magChange=0)', 5000);
    const moving = await take('hyperplane(noisePercentage=0,magChange=0.01)', 5000);
    // same attribute draws (weights drift after the draws), so differing labels come from the drift
    const differing = moving.y.reduce((s, v, i) => s + (v !== still.y[i] ? 1 : 0), 0);
    expect(differing).toBeGreaterThan(100);
  });

  it('RandomRBF and RandomTree: every class appears, nominal values in range, numerics in [0,1)', async () => {
    const rbf = await take('random-rbf(numClasses=5,numAtts=3)', 20_000);
    for (let c = 0; c < 5; c++) expect(share(rbf.y, c)).toBeGreaterThan(0.02);
    const tree = await take('random-tree(numClasses=3)', 20_000);
    expect(tree.x.every((row) => row.every((v, j) => (j < 5 ? Number.isInteger(v) && v >= 0 && v < 5 : v >= 0 && v < 1)))).toBe(true);
    for (let c = 0; c < 3; c++) expect(share(tree.y, c)).toBeGreaterThan(0.01);
  });

  it('LED: 10 balanced classes; without noise the segments show the digit; irrelevant bits are fair coins', async () => {
    const digits = ['1110111', '0010010', '1011101', '1011011', '0111010', '1101011', '1101111', '1010010', '1111111', '1111011'];
    const { x, y } = await take('led(noisePercentage=0)', 20_000);
    for (let c = 0; c < 10; c++) expect(Math.abs(share(y, c) - 0.1)).toBeLessThan(0.01);
    expect(x.every((row, i) => Array.from(row.subarray(0, 7)).join('') === digits[y[i]])).toBe(true);
    const ones = x.reduce((s, row) => s + row.subarray(7).reduce((a, b) => a + b, 0), 0) / (x.length * 17);
    expect(Math.abs(ones - 0.5)).toBeLessThan(0.01);
    const noisy = await take('led(noisePercentage=10)', 20_000);
    const wrong = noisy.x.reduce((s, row, i) => s + [...digits[noisy.y[i]]].filter((b, j) => Number(b) !== row[j]).length, 0) / (noisy.x.length * 7);
    expect(Math.abs(wrong - 0.1)).toBeLessThan(0.01);
  });

  it('STAGGER, Sine, Mixed, Waveform follow their concepts', async () => {
    const stagger = await take('stagger(function=1)', 18_000);
    expect(stagger.x.every((r, i) => (r[0] === 0 && r[1] === 0 ? 1 : 0) === stagger.y[i])).toBe(true);
    expect(Math.abs(share(stagger.y, 1) - 1 / 9)).toBeLessThan(0.01);
    const sine = await take('sine(function=1)', 10_000);
    expect(sine.x.every((r, i) => (r[1] < Math.sin(r[0]) ? 0 : 1) === sine.y[i] && r.every((v) => v >= 0 && v < 1))).toBe(true);
    const mixed = await take('mixed', 10_000);
    expect(mixed.x.every((r) => (r[0] === 0 || r[0] === 1) && (r[1] === 0 || r[1] === 1))).toBe(true);
    const wave = await take('waveform(addNoise=true)', 15_000);
    for (let c = 0; c < 3; c++) expect(Math.abs(share(wave.y, c) - 1 / 3)).toBeLessThan(0.02);
    const noise = wave.x.flatMap((r) => Array.from(r.subarray(21)));
    const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });

  it('imbalance resamples to the requested class shares', async () => {
    const { y } = await take('imbalance(agrawal,classRatio=[0.95,0.05])', 20_000);
    expect(Math.abs(share(y, 1) - 0.05)).toBeLessThan(0.006);
  });
});

describe('drift', () => {
  it('the share of the new concept follows MOA\'s sigmoid around the position', async () => {
    // Each concept emits a single class, so the class tells which concept produced the instance.
    const { y, stream } = await take('drift(imbalance(sea,classRatio=[1,0]),imbalance(sea,classRatio=[0,1]),position=5000,width=1000)', 10_000);
    expect(stream.info.driftPositions).toEqual([5000]);
    expect(stream.info.driftWidths).toEqual([1000]);
    const sigmoid = (t: number) => 1 / (1 + Math.exp((-4 * (t - 5000)) / 1000));
    for (const centre of [4000, 4500, 5000, 5500, 6000]) {
      let observed = 0;
      let expected = 0;
      for (let t = centre - 100; t < centre + 100; t++) {
        observed += y[t - 1];
        expected += sigmoid(t);
      }
      expect(Math.abs(observed - expected) / 200).toBeLessThan(0.1);
    }
    expect(Array.from(y.subarray(0, 2500)).filter((v) => v === 1).length).toBeLessThan(10);
  });

  it('drifts past maxInstances are not part of the ground truth', async () => {
    const stream = await openStream('suite:sea-abrupt', { maxInstances: 60_000 });
    expect(stream.info.driftPositions).toEqual([25000, 50000]);
    expect(stream.info.driftWidths).toEqual([1, 1]);
  });

  it('width 1 is abrupt', async () => {
    const { y } = await take('drift(imbalance(sea,classRatio=[1,0]),imbalance(sea,classRatio=[0,1]),3000,1)', 6000);
    expect(y.subarray(0, 2999).every((v) => v === 0)).toBe(true);
    expect(y.subarray(3001).every((v) => v === 1)).toBe(true);
  });

  it('a windowed learner\'s accuracy drops at each declared drift of a nested drift stream', async () => {
    const spec = 'drift(drift(stagger(function=1),stagger(function=3),position=4000,width=1),stagger(function=2),position=8000,width=100)';
    const { x, y, stream } = await take(spec, 12_000);
    expect(stream.info.driftPositions).toEqual([4000, 8000]);
    expect(stream.info.driftWidths).toEqual([1, 100]);
    const correct = windowedNaiveBayes(x, y, 3, 3, 2, 500);
    const accuracy = (from: number, to: number) => correct.subarray(from, to).reduce((a, b) => a + b, 0) / (to - from);
    for (const p of [4000, 8000]) {
      expect(accuracy(p - 1000, p - 100)).toBeGreaterThan(0.95);
      expect(accuracy(p + 50, p + 300)).toBeLessThan(0.75);
    }
    expect(accuracy(2000, 3900)).toBeGreaterThan(0.95); // no drift there: no drop
  });

  it('recurring drift lists every switch and the concept comes back', async () => {
    const { y, stream } = await take('recurring(imbalance(sea,classRatio=[1,0]),imbalance(sea,classRatio=[0,1]),position=1000,width=1,widthRecurrence=500,stabPeriod=1000,numRep=2)', 5000);
    expect(stream.info.driftPositions).toEqual([1000, 1500, 2500, 3000]);
    expect(y.subarray(1100, 1400).every((v) => v === 1)).toBe(true);
    expect(y.subarray(1600, 2400).every((v) => v === 0)).toBe(true);
    expect(y.subarray(2600, 2900).every((v) => v === 1)).toBe(true);
    expect(y.subarray(3100).every((v) => v === 0)).toBe(true);
  });

  it('bad specs are INVALID_SPEC errors naming the problem', async () => {
    await expect(openStream('drift(sea,agrawal,100,1)')).rejects.toMatchObject({ code: 'INVALID_SPEC', message: expect.stringMatching(/same features; the first has 3, the second 9/) });
    await expect(openStream('drift(sea,sea,position=-1)')).rejects.toMatchObject({ code: 'INVALID_SPEC', message: expect.stringMatching(/position/) });
    await expect(openStream('sea(function=9)')).rejects.toMatchObject({ code: 'INVALID_SPEC', message: expect.stringMatching(/"function" of "sea".*≤ 4/) });
    await expect(openStream('seaa(function=1)')).rejects.toMatchObject({ code: 'INVALID_SPEC', message: expect.stringMatching(/unknown stream "seaa"/) });
    await expect(openStream('sea(function=1')).rejects.toMatchObject({ code: 'INVALID_SPEC' });
    await expect(openStream('imbalance(sea,classRatio=[0.5,0.4])')).rejects.toMatchObject({ code: 'INVALID_SPEC', message: expect.stringMatching(/sum to 1/) });
    await expect(openStream('suite:nope')).rejects.toMatchObject({ code: 'INVALID_SPEC', message: expect.stringMatching(/unknown suite scenario/) });
  });
});

/**
 * Test-then-train naive Bayes over the last `window` instances of nominal data
 * (counts added and removed), returning 1/0 per instance for a correct prediction.
 */
function windowedNaiveBayes(x: Float64Array[], y: Int32Array, features: number, values: number, classes: number, window: number): Uint8Array {
  const classCounts = new Float64Array(classes);
  const counts = new Float64Array(classes * features * values);
  const correct = new Uint8Array(x.length);
  const update = (i: number, delta: number) => {
    classCounts[y[i]] += delta;
    for (let j = 0; j < features; j++) counts[(y[i] * features + j) * values + x[i][j]] += delta;
  };
  for (let i = 0; i < x.length; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      let score = Math.log(classCounts[c] + 1);
      for (let j = 0; j < features; j++) score += Math.log((counts[(c * features + j) * values + x[i][j]] + 1) / (classCounts[c] + values));
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    correct[i] = best === y[i] ? 1 : 0;
    update(i, 1);
    if (i >= window) update(i - window, -1);
  }
  return correct;
}
