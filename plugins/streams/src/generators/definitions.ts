import type { ParsedSpec } from '@tributary/core';
import { AgrawalGenerator, type AgrawalParams } from './agrawal.js';
import { ConceptDriftGenerator, RecurringDriftGenerator, type ConceptDriftParams, type RecurringDriftParams } from './concept-drift.js';
import { bool, int, num, params, seedParam, streamParam, type GeneratorDefinition } from './definition.js';
import { SeaGenerator, type SeaParams } from './sea.js';
import { HyperplaneGenerator, type HyperplaneParams } from './hyperplane.js';
import { RandomRbfGenerator, type RandomRbfParams } from './random-rbf.js';
import { RandomTreeGenerator, type RandomTreeParams } from './random-tree.js';
import { LedGenerator, type LedParams } from './led.js';
import { StaggerGenerator, type StaggerParams } from './stagger.js';
import { SineGenerator, type SineParams } from './sine.js';
import { WaveformGenerator, type WaveformParams } from './waveform.js';
import { MixedGenerator, type MixedParams } from './mixed.js';
import { ImbalanceGenerator, type ImbalanceParams } from './imbalance.js';

const asSpec = (v: unknown): ParsedSpec => (typeof v === 'string' ? { id: v, params: {} } : (v as ParsedSpec));

const driftParams = {
  position: int('centre of the drift: instance number where the new concept has probability 0.5 (MOA -p)', 0, 0),
  width: int('width of the drift in instances, 1 = abrupt (MOA -w)', 1000, 1),
  alpha: num('angle of change in degrees; when not 0 sets width = trunc(1/tan(alpha)) (MOA -a)', 0, 0, 90),
  randomSeed: int('seed of the choice between the concepts (MOA -r randomSeed)', 1),
};

/** The synthetic streams of the spec grammar (more are added by each generator module). */
export const GENERATORS: GeneratorDefinition[] = [
  {
    id: 'sea',
    description: 'SEA concepts: 3 uniform attributes in [0,10), class by attrib1+attrib2 <= threshold (8, 9, 7, 9.5), label noise',
    reference: { moa: 'generators.SEAGenerator', river: 'datasets.synth.SEA' },
    citation: 'W. N. Street, Y. Kim. A streaming ensemble algorithm (SEA) for large-scale classification. KDD 2001.',
    aliases: { noise: 'noisePercentage', balance: 'balanceClasses', f: 'function' },
    hyperparameters: params({
      function: int('classification function 1..4: threshold 8, 9, 7 or 9.5 (MOA -f)', 1, 1, 4),
      seed: seedParam(),
      balanceClasses: bool('alternate the two classes (MOA -b)', false),
      noisePercentage: int('percentage of labels flipped (MOA -p)', 10, 0, 100),
    }),
    create: (p) => new SeaGenerator(p as unknown as SeaParams),
  },
  {
    id: 'agrawal',
    description: 'Agrawal loan applicants: 6 numeric and 3 nominal attributes, 10 classification functions, perturbation',
    reference: { moa: 'generators.AgrawalGenerator', river: 'datasets.synth.Agrawal' },
    citation: 'R. Agrawal, T. Imielinski, A. Swami. Database mining: a performance perspective. IEEE TKDE 5(6):914-925, 1993.',
    aliases: { perturbation: 'perturbFraction', peturbFraction: 'perturbFraction', balance: 'balanceClasses', f: 'function' },
    hyperparameters: params({
      function: int('classification (loan) function 1..10 (MOA -f)', 1, 1, 10),
      seed: seedParam(),
      perturbFraction: num('perturbation of numeric values as a fraction of their range (MOA -p peturbFraction)', 0.05, 0, 1),
      balanceClasses: bool('alternate the two classes (MOA -b)', false),
    }),
    create: (p) => new AgrawalGenerator(p as unknown as AgrawalParams),
  },
  {
    id: 'hyperplane',
    description: 'rotating hyperplane: uniform attributes, class by the side of a hyperplane whose weights drift incrementally',
    reference: { moa: 'generators.HyperplaneGenerator', river: 'datasets.synth.Hyperplane' },
    citation: 'G. Hulten, L. Spencer, P. Domingos. Mining time-changing data streams. KDD 2001.',
    aliases: { noise: 'noisePercentage', sigma: 'sigmaPercentage', features: 'numAtts', driftFeatures: 'numDriftAtts', magnitude: 'magChange' },
    hyperparameters: params({
      seed: seedParam(),
      numAtts: int('number of attributes (MOA -a numAtts)', 10, 1, 100000),
      numDriftAtts: int('number of attributes whose weight drifts (MOA -k numDriftAtts)', 2, 0, 100000),
      magChange: num('change of each drifting weight per instance (MOA -t magChange)', 0, 0, 1),
      noisePercentage: int('percentage of labels flipped (MOA -n noisePercentage)', 5, 0, 100),
      sigmaPercentage: int('percentage chance per instance that a drifting weight reverses direction (MOA -s sigmaPercentage)', 10, 0, 100),
    }),
    create: (p) => new HyperplaneGenerator(p as unknown as HyperplaneParams),
  },
  {
    id: 'random-rbf',
    description: 'random radial basis functions: Gaussian clouds around random centroids, each with a class',
    reference: { moa: 'generators.RandomRBFGenerator', river: 'datasets.synth.RandomRBF' },
    citation: 'A. Bifet, G. Holmes, B. Pfahringer, R. Kirkby, R. Gavaldà. New ensemble methods for evolving data streams. KDD 2009.',
    aliases: { classes: 'numClasses', features: 'numAtts', centroids: 'numCentroids' },
    hyperparameters: params({
      modelSeed: int('seed of the model: centroids, classes, spreads, weights (MOA -r modelRandomSeed)', 1),
      seed: seedParam(),
      numClasses: int('number of classes (MOA -c numClasses)', 2, 2, 100000),
      numAtts: int('number of attributes (MOA -a numAtts)', 10, 1, 100000),
      numCentroids: int('number of centroids (MOA -n numCentroids)', 50, 1, 1000000),
    }),
    create: (p) => new RandomRbfGenerator(p as unknown as RandomRbfParams),
  },
  {
    id: 'random-rbf-drift',
    description: 'random RBF with drifting centroids: centres move at a given speed (incremental drift)',
    reference: { moa: 'generators.RandomRBFGeneratorDrift', river: 'datasets.synth.RandomRBFDrift' },
    citation: 'A. Bifet, G. Holmes, B. Pfahringer, R. Kirkby, R. Gavaldà. New ensemble methods for evolving data streams. KDD 2009.',
    aliases: { classes: 'numClasses', features: 'numAtts', centroids: 'numCentroids', speed: 'speedChange', driftCentroids: 'numDriftCentroids' },
    hyperparameters: params({
      modelSeed: int('seed of the model: centroids, classes, spreads, weights, speeds (MOA -r modelRandomSeed)', 1),
      seed: seedParam(),
      numClasses: int('number of classes (MOA -c numClasses)', 2, 2, 100000),
      numAtts: int('number of attributes (MOA -a numAtts)', 10, 1, 100000),
      numCentroids: int('number of centroids (MOA -n numCentroids)', 50, 1, 1000000),
      speedChange: num('distance a drifting centroid moves per instance (MOA -s speedChange)', 0, 0),
      numDriftCentroids: int('number of centroids that drift (MOA -k numDriftCentroids)', 50, 0),
    }),
    create: (p) => new RandomRbfGenerator(p as unknown as RandomRbfParams),
  },
  {
    id: 'random-tree',
    description: 'random tree concept: a seeded random decision tree labels uniform nominal and numeric attributes',
    reference: { moa: 'generators.RandomTreeGenerator', river: 'datasets.synth.RandomTree' },
    citation: 'P. Domingos, G. Hulten. Mining high-speed data streams. KDD 2000.',
    aliases: { classes: 'numClasses', treeSeed: 'modelSeed', treeRandomSeed: 'modelSeed' },
    hyperparameters: params({
      modelSeed: int('seed of the tree (MOA -r treeRandomSeed)', 1),
      seed: seedParam(),
      numClasses: int('number of classes (MOA -c numClasses)', 2, 2, 100000),
      numNominals: int('number of nominal attributes (MOA -o numNominals)', 5, 0, 10000),
      numNumerics: int('number of numeric attributes (MOA -u numNumerics)', 5, 0, 10000),
      numValsPerNominal: int('values per nominal attribute (MOA -v numValsPerNominal)', 5, 2, 1000),
      maxTreeDepth: int('maximum depth of the tree (MOA -d maxTreeDepth)', 5, 0, 30),
      firstLeafLevel: int('first level that may hold leaves (MOA -l firstLeafLevel)', 3, 0, 30),
      leafFraction: num('fraction of leaves per level from firstLeafLevel on (MOA -f leafFraction)', 0.15, 0, 1),
    }),
    create: (p) => new RandomTreeGenerator(p as unknown as RandomTreeParams),
  },
  {
    id: 'led',
    description: 'LED digits: 7 noisy binary segments (+17 irrelevant binary attributes), 10 classes',
    reference: { moa: 'generators.LEDGenerator', river: 'datasets.synth.LED' },
    citation: 'L. Breiman, J. Friedman, R. Olshen, C. Stone. Classification and Regression Trees. Wadsworth, 1984.',
    aliases: { noise: 'noisePercentage', suppressIrrelevant: 'suppressIrrelevantAttributes' },
    hyperparameters: params({
      seed: seedParam(),
      noisePercentage: int('percentage chance that each segment is inverted (MOA -n noisePercentage)', 10, 0, 100),
      suppressIrrelevantAttributes: bool('keep only the 7 relevant segments (MOA -s)', false),
    }),
    create: (p) => new LedGenerator(p as unknown as LedParams),
  },
  {
    id: 'led-drift',
    description: 'LED digits with a number of relevant segments swapped with irrelevant attributes (a drifted concept)',
    reference: { moa: 'generators.LEDGeneratorDrift', river: 'datasets.synth.LEDDrift' },
    citation: 'L. Breiman, J. Friedman, R. Olshen, C. Stone. Classification and Regression Trees. Wadsworth, 1984.',
    aliases: { noise: 'noisePercentage', driftAttributes: 'numberAttributesDrift', suppressIrrelevant: 'suppressIrrelevantAttributes' },
    hyperparameters: params({
      seed: seedParam(),
      noisePercentage: int('percentage chance that each segment is inverted (MOA -n noisePercentage)', 10, 0, 100),
      suppressIrrelevantAttributes: bool('keep only the 7 relevant segments, which disables the swap (MOA -s)', false),
      numberAttributesDrift: int('number of segments swapped with irrelevant attributes (MOA -d numberAttributesDrift)', 1, 0, 7),
    }),
    create: (p) => new LedGenerator(p as unknown as LedParams),
  },
  {
    id: 'stagger',
    description: 'STAGGER concepts: size, color and shape (3 values each), 3 boolean concepts',
    reference: { moa: 'generators.STAGGERGenerator', river: 'datasets.synth.STAGGER' },
    citation: 'J. C. Schlimmer, R. H. Granger. Incremental learning from noisy data. Machine Learning 1(3):317-354, 1986.',
    aliases: { balance: 'balanceClasses', f: 'function' },
    hyperparameters: params({
      seed: seedParam(),
      function: int('concept 1..3: small and red, green or circle, medium or large (MOA -f)', 1, 1, 3),
      balanceClasses: bool('alternate the two classes (MOA -b)', false),
    }),
    create: (p) => new StaggerGenerator(p as unknown as StaggerParams),
  },
  {
    id: 'sine',
    description: 'Sine concepts: two uniform attributes split by sin(x) or 0.5+0.3 sin(3πx), optionally 2 noise attributes',
    reference: { moa: 'generators.SineGenerator', river: 'datasets.synth.Sine' },
    citation: 'J. Gama, P. Medas, G. Castillo, P. Rodrigues. Learning with drift detection. SBIA 2004.',
    aliases: { balance: 'balanceClasses', f: 'function', suppressIrrelevant: 'suppressIrrelevantAttributes' },
    hyperparameters: params({
      seed: seedParam(),
      function: int('concept 1..4: below sin(x), above sin(x), below 0.5+0.3 sin(3πx), above it (MOA -f)', 1, 1, 4),
      suppressIrrelevantAttributes: bool('keep only the 2 relevant attributes (MOA -s)', false),
      balanceClasses: bool('alternate the two classes (MOA -b)', false),
    }),
    create: (p) => new SineGenerator(p as unknown as SineParams),
  },
  {
    id: 'waveform',
    description: 'Waveform: 3 classes of mixed triangular waves over 21 noisy attributes (40 with noise attributes)',
    reference: { moa: 'generators.WaveformGenerator', river: 'datasets.synth.Waveform' },
    citation: 'L. Breiman, J. Friedman, R. Olshen, C. Stone. Classification and Regression Trees. Wadsworth, 1984.',
    aliases: { noise: 'addNoise' },
    hyperparameters: params({
      seed: seedParam(),
      addNoise: bool('add 19 pure-noise attributes, 40 in all (MOA -n addNoise)', false),
    }),
    create: (p) => new WaveformGenerator(p as unknown as WaveformParams),
  },
  {
    id: 'waveform-drift',
    description: 'Waveform with a number of attributes swapped (a drifted concept)',
    reference: { moa: 'generators.WaveformGeneratorDrift' },
    citation: 'L. Breiman, J. Friedman, R. Olshen, C. Stone. Classification and Regression Trees. Wadsworth, 1984.',
    aliases: { noise: 'addNoise', driftAttributes: 'numberAttributesDrift' },
    hyperparameters: params({
      seed: seedParam(),
      addNoise: bool('add 19 pure-noise attributes, 40 in all (MOA -n addNoise)', false),
      numberAttributesDrift: int('number of attributes swapped (MOA -d numberAttributesDrift)', 0, 0, 40),
    }),
    create: (p) => new WaveformGenerator(p as unknown as WaveformParams),
  },
  {
    id: 'mixed',
    description: 'Mixed concepts: two boolean and two numeric attributes, class by two of three conditions',
    reference: { moa: 'generators.MixedGenerator', river: 'datasets.synth.Mixed' },
    citation: 'J. Gama, P. Medas, G. Castillo, P. Rodrigues. Learning with drift detection. SBIA 2004.',
    aliases: { balance: 'balanceClasses', f: 'function' },
    hyperparameters: params({
      function: int('concept 1..2, the second swaps the classes (MOA -f)', 1, 1, 2),
      seed: seedParam(),
      balanceClasses: bool('alternate the two classes (MOA -b)', false),
    }),
    create: (p) => new MixedGenerator(p as unknown as MixedParams),
  },
  {
    id: 'imbalance',
    description: 'resamples a stream to given class shares (class imbalance), buffering instances by class',
    reference: { moa: 'ImbalancedStream' },
    positional: ['stream'],
    aliases: { s: 'stream', ratio: 'classRatio', c: 'classRatio' },
    hyperparameters: params({
      stream: streamParam('the stream to resample, a generator spec (MOA -s)', 'random-tree'),
      classRatio: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 }, minItems: 1, description: 'share of each class in class order, summing to 1 (MOA -c classRatio)', default: [0.9, 0.1] },
      seed: seedParam('the class choice'),
    }),
    create: (p, ctx) => new ImbalanceGenerator(ctx.build(asSpec(p.stream)), p as unknown as ImbalanceParams),
  },
  {
    id: 'drift',
    description: 'concept drift from one stream to another around a position, sigmoid of a given width (1 = abrupt); nestable',
    reference: { moa: 'ConceptDriftStream', river: 'datasets.synth.ConceptDriftStream' },
    citation: 'A. Bifet, G. Holmes, B. Pfahringer, R. Kirkby, R. Gavaldà. New ensemble methods for evolving data streams. KDD 2009.',
    positional: ['stream', 'driftStream', 'position', 'width'],
    aliases: { s: 'stream', d: 'driftStream', drift: 'driftStream', p: 'position', w: 'width' },
    hyperparameters: params({
      stream: streamParam('the first concept, a generator spec (MOA -s)', 'random-tree'),
      driftStream: streamParam('the concept drifted to, a generator spec (MOA -d)', 'random-tree'),
      ...driftParams,
    }),
    create: (p, ctx) => new ConceptDriftGenerator(ctx.build(asSpec(p.stream)), ctx.build(asSpec(p.driftStream)), p as unknown as ConceptDriftParams),
  },
  {
    id: 'recurring',
    description: 'recurring drift: the second concept appears numRep times for widthRecurrence instances, stabPeriod apart',
    reference: { moa: 'RecurrentConceptDriftStream' },
    positional: ['stream', 'driftStream', 'position', 'width'],
    aliases: { s: 'stream', d: 'driftStream', p: 'position', w: 'width' },
    hyperparameters: params({
      stream: streamParam('the first concept, a generator spec (MOA -s)', 'random-tree'),
      driftStream: streamParam('the recurring concept, a generator spec (MOA -d)', 'random-tree'),
      ...driftParams,
      widthRecurrence: int('instances during which the recurring concept is used each time (MOA -x)', 100, 1),
      stabPeriod: int('instances of the first concept between recurrences (MOA -y)', 200, 0),
      numRep: int('number of recurrences (MOA -z)', 4, 1),
    }),
    create: (p, ctx) => new RecurringDriftGenerator(ctx.build(asSpec(p.stream)), ctx.build(asSpec(p.driftStream)), p as unknown as RecurringDriftParams),
  },
];
