import type { ParsedSpec } from '@tributary/core';
import { AgrawalGenerator, type AgrawalParams } from './agrawal.js';
import { ConceptDriftGenerator, RecurringDriftGenerator, type ConceptDriftParams, type RecurringDriftParams } from './concept-drift.js';
import { bool, int, num, params, seedParam, streamParam, type GeneratorDefinition } from './definition.js';
import { SeaGenerator, type SeaParams } from './sea.js';

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
