import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ArffStream } from '../readers/arff-reader.js';
import { openStream } from '../open-stream.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test-fixtures/moa/${name}.arff.gz`, import.meta.url));

// Each fixture is MOA 2024.07's own output (test-fixtures/moa/make-reference.sh): the first
// 200 instances of the MOA command in the comment. The native spec must give the same instances.
const CASES: [file: string, spec: string][] = [
  ['sea-f2-i7', 'sea(function=2,seed=7)'], // SEAGenerator -f 2 -i 7
  ['sea-f4-i3-b-p25', 'sea(function=4,seed=3,balanceClasses=true,noise=25)'],
  ['agrawal-f1-i1', 'agrawal'],
  ['agrawal-f10-i5-b', 'agrawal(function=10,seed=5,balanceClasses=true)'],
  ['agrawal-f7-i2-p0', 'agrawal(function=7,seed=2,perturbFraction=0)'],
  ['hyperplane-i3-t001', 'hyperplane(seed=3,numAtts=5,numDriftAtts=3,magChange=0.01)'],
  ['rbf-r2-i3', 'random-rbf(modelSeed=2,seed=3,numClasses=3,numAtts=4,numCentroids=20)'],
  ['rbfdrift-r1-i1-s001', 'random-rbf-drift(speedChange=0.01,numDriftCentroids=10)'],
  ['randomtree-r1-i1', 'random-tree'],
  ['randomtree-r4-i2-c3', 'random-tree(modelSeed=4,seed=2,numClasses=3,numNominals=2,numNumerics=3,numValsPerNominal=3,maxTreeDepth=7,firstLeafLevel=2,leafFraction=0.3)'],
  ['led-i2', 'led(seed=2)'],
  ['leddrift-i1-d3', 'led-drift(numberAttributesDrift=3)'],
  ['stagger-f2-i4-b', 'stagger(function=2,seed=4,balanceClasses=true)'],
  ['sine-f3-i5-b', 'sine(function=3,seed=5,balanceClasses=true)'],
  ['sine-f1-i1-s', 'sine(suppressIrrelevantAttributes=true)'],
  ['waveform-i1-n', 'waveform(addNoise=true)'],
  ['waveformdrift-i2-d5', 'waveform-drift(seed=2,numberAttributesDrift=5)'],
  ['mixed-f2-i3-b', 'mixed(function=2,seed=3,balanceClasses=true)'],
  ['drift-sea-p100-w50', 'drift(sea(function=1),sea(function=3,seed=2),position=100,width=50,randomSeed=4)'],
  ['recurring-stagger', 'recurring(stagger(function=1),stagger(function=3),position=50,width=10,widthRecurrence=30,stabPeriod=40,numRep=2)'],
  ['imbalance-agrawal', 'imbalance(agrawal(function=2),classRatio=[0.8,0.2],seed=3)'],
];

describe('generators equal MOA instance by instance', () => {
  it.each(CASES)('%s = %s', async (file, spec) => {
    const reference = await ArffStream.open(fixture(file));
    const native = await openStream(spec);
    const ref = (await reference.nextBatch(200))!;
    const refX = ref.x.slice(0, ref.n * ref.d);
    const refY = Array.from(ref.y.subarray(0, ref.n), (c) => reference.schema.classes[c]);
    const got = (await native.nextBatch(200))!;
    expect(ref.n).toBe(200);
    expect(native.schema.features.map((f) => [f.name, f.kind, f.values])).toEqual(reference.schema.features.map((f) => [f.name, f.kind, f.values]));
    expect(Array.from(got.y.subarray(0, got.n), (c) => native.schema.classes[c])).toEqual(refY);
    expect(Array.from(got.x.subarray(0, got.n * got.d))).toEqual(Array.from(refX));
    await reference.close();
  });
});
