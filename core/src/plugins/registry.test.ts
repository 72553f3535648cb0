import { describe, expect, it } from 'vitest';
import { BaseLearner } from '../learning/base-learner.js';
import type { LearnerContext } from '../learning/learner.js';
import { StreamSchema } from '../data/schema.js';
import type { HyperparametersSchema, LearnerManifest } from './manifest.js';
import { PluginRegistry } from './registry.js';
import { parseSpec, formatSpec } from './spec.js';
import { isTributaryError } from '../errors.js';
import { MULTICLASS_OPTION, NOMINAL_ENCODING_OPTION, translateToReference } from './equivalents.js';

const hyperparameters: HyperparametersSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    gracePeriod: { type: 'integer', default: 200, minimum: 1, description: 'instances between split attempts' },
    splitConfidence: { type: 'number', default: 1e-7, exclusiveMinimum: 0, maximum: 1, description: 'delta of the Hoeffding bound' },
    leafPrediction: { type: 'string', enum: ['MC', 'NB', 'NBAdaptive'], default: 'NBAdaptive', description: 'leaf prediction' },
    binarySplits: { type: 'boolean', default: false, description: 'only binary splits' },
  },
};
type Params = { gracePeriod: number; splitConfidence: number; leafPrediction: string; binarySplits: boolean };

class Constant extends BaseLearner<Params> {
  constructor(params: Partial<Params>, context: LearnerContext) {
    super({ id: 'constant', hyperparameters }, params, context);
  }
  learnOne(): void {}
  protected predictInto(_x: Float64Array, out: Float64Array): void {
    out[0] = 1;
  }
}

const manifest: LearnerManifest<Params> = {
  id: 'constant',
  kind: 'learner',
  version: '1.0.0',
  description: 'Always predicts the first class.',
  hyperparameters,
  create: (params, context) => new Constant(params, context),
  equivalents: {
    moa: { id: 'moa:trees.HoeffdingTree', params: { gracePeriod: 'g', splitConfidence: 'c', leafPrediction: 'l', binarySplits: 'b' }, values: { leafPrediction: { MC: 0, NB: 1, NBAdaptive: 2 } } },
    river: { id: 'river:tree.HoeffdingTreeClassifier', params: { gracePeriod: 'grace_period', splitConfidence: 'delta' }, fixed: { max_size: 32 } },
  },
};

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('PluginRegistry', () => {
  const registry = new PluginRegistry().register(manifest);
  const context = { schema: StreamSchema.numeric(2, ['a', 'b']), seed: 1 };

  it('fills defaults and freezes parameters', () => {
    const learner = registry.createLearner('constant(gracePeriod=50)', context);
    expect(learner.params).toEqual({ gracePeriod: 50, splitConfidence: 1e-7, leafPrediction: 'NBAdaptive', binarySplits: false });
    expect(Object.isFrozen(learner.params)).toBe(true);
  });

  it('rejects an unknown name, a wrong type and an out-of-range value, naming parameter, value and what is allowed', () => {
    const unknown = errorOf(() => registry.createLearner({ id: 'constant', params: { gracePeriodd: 3 } }, context));
    expect(isTributaryError(unknown)).toBe(true);
    expect(unknown.message).toContain('unknown hyperparameter "gracePeriodd"');
    expect(unknown.message).toContain('gracePeriod, splitConfidence');
    const wrongType = errorOf(() => registry.createLearner({ id: 'constant', params: { gracePeriod: 'often' } }, context));
    expect(wrongType.message).toContain('invalid value "often" for hyperparameter "gracePeriod"');
    expect(wrongType.message).toContain('an integer ≥ 1');
    const range = errorOf(() => registry.createLearner({ id: 'constant', params: { splitConfidence: 2 } }, context));
    expect(range.message).toContain('invalid value 2 for hyperparameter "splitConfidence"');
    expect(range.message).toContain('≤ 1');
    const choice = errorOf(() => registry.createLearner({ id: 'constant', params: { leafPrediction: 'majority' } }, context));
    expect(choice.message).toContain('one of "MC", "NB", "NBAdaptive"');
  });

  it('names unknown plugins and suggests near ids', () => {
    const error = errorOf(() => registry.get('constnt'));
    expect((error as { code?: string }).code).toBe('UNKNOWN_PLUGIN');
    expect(error.message).toContain('did you mean "constant"');
  });

  it('rejects manifests whose defaults break their own schema', () => {
    const broken: LearnerManifest = { ...manifest, id: 'broken', hyperparameters: { ...hyperparameters, properties: { k: { type: 'integer', minimum: 1, default: 0, description: 'k' } } } };
    expect(() => new PluginRegistry().register(broken)).toThrow(/defaults of "broken"/);
    const undocumented: LearnerManifest = { ...manifest, id: 'undocumented', hyperparameters: { ...hyperparameters, properties: { k: { type: 'integer', default: 1 } as never } } };
    expect(() => new PluginRegistry().register(undocumented)).toThrow(/no description/);
  });

  it('clones with equal parameters', () => {
    const learner = registry.createLearner({ id: 'constant', params: { gracePeriod: 7 } }, context);
    expect(learner.clone().params).toEqual(learner.params);
  });

  it('translates parameters to MOA option strings and River arguments', () => {
    const moa = translateToReference(registry, { id: 'constant', params: { gracePeriod: 100, binarySplits: true } }, 'moa');
    expect(moa.id).toBe('moa:trees.HoeffdingTree');
    expect(moa.params.options).toBe('-g 100 -c 1E-7 -l 2 -b');
    const river = translateToReference(registry, 'constant', 'river');
    expect(river.params).toEqual({ grace_period: 200, delta: 1e-7, max_size: 32 });
    expect(river.unmapped).toEqual(['leafPrediction', 'binarySplits']);
  });

  it('asks the bridge to make a binary-only reference one-vs-rest, whatever the stream, lifting the option out of nested specs', () => {
    const binaryOnly: LearnerManifest<Params> = {
      ...manifest,
      id: 'binary-only',
      equivalents: { river: { id: 'river:linear_model.LogisticRegression', params: { gracePeriod: 'n' }, fixed: { l2: 0 }, multiclass: 'one-vs-rest' }, moa: { id: 'moa:functions.SGD', params: { gracePeriod: 'g' } } },
    };
    const bagging: LearnerManifest<{ base: unknown }> = {
      ...(manifest as unknown as LearnerManifest<{ base: unknown }>),
      id: 'bagging',
      hyperparameters: { type: 'object', additionalProperties: false, properties: { base: { type: ['string', 'object'], default: 'binary-only', description: 'base learner', 'x-learner-spec': true } } },
      equivalents: { river: { id: 'river:ensemble.BaggingClassifier', params: { base: 'model' } } },
    };
    const withBinary = new PluginRegistry().register(binaryOnly, bagging);
    // The learner itself, not a wrapper: the River server wraps it on streams of more than two classes.
    expect(translateToReference(withBinary, 'binary-only', 'river')).toMatchObject({ id: 'river:linear_model.LogisticRegression', params: { n: 200, l2: 0, [MULTICLASS_OPTION]: 'one-vs-rest' } });
    expect(translateToReference(withBinary, 'bagging', 'river').params).toEqual({ model: { id: 'linear_model.LogisticRegression', params: { n: 200, l2: 0 } }, [MULTICLASS_OPTION]: 'one-vs-rest' });
    expect(translateToReference(withBinary, 'binary-only', 'moa').params).toEqual({ options: '-g 200' });
    expect(translateToReference(registry, 'constant', 'river').params).not.toHaveProperty(MULTICLASS_OPTION);
  });

  it('emits a numeric-only reference’s one-hot encoding as a top-level option, also next to the multiclass option or nested', () => {
    const numericOnly: LearnerManifest<Params> = {
      ...manifest,
      id: 'numeric-only',
      equivalents: {
        river: { id: 'river:linear_model.LogisticRegression', params: { gracePeriod: 'n' }, nominalEncoding: 'one-hot', multiclass: 'one-vs-rest' },
        moa: { id: 'moa:functions.SGD', params: { gracePeriod: 'g' } },
      },
    };
    const bagging: LearnerManifest<{ base: unknown }> = {
      ...(manifest as unknown as LearnerManifest<{ base: unknown }>),
      id: 'bagging',
      hyperparameters: { type: 'object', additionalProperties: false, properties: { base: { type: ['string', 'object'], default: 'numeric-only', description: 'base learner', 'x-learner-spec': true } } },
      equivalents: { river: { id: 'river:ensemble.BaggingClassifier', params: { base: 'model' } }, moa: { id: 'moa:meta.OzaBag', params: { base: 'l' } } },
    };
    const withEncoding = new PluginRegistry().register(numericOnly, bagging);
    const options = { [NOMINAL_ENCODING_OPTION]: 'one-hot', [MULTICLASS_OPTION]: 'one-vs-rest' };
    expect(translateToReference(withEncoding, 'numeric-only', 'river').params).toEqual({ n: 200, ...options });
    // The bridge encodes per session: a nested learner's encoding is lifted to the outer spec.
    const nested = translateToReference(withEncoding, 'bagging', 'river');
    expect(nested.params).toEqual({ model: { id: 'linear_model.LogisticRegression', params: { n: 200 } }, ...options });
    // MOA takes nominal attributes itself: no option.
    expect(translateToReference(withEncoding, 'numeric-only', 'moa').params).toEqual({ options: '-g 200' });
    expect(translateToReference(registry, 'constant', 'river').params).not.toHaveProperty(NOMINAL_ENCODING_OPTION);
  });
});

describe('parseSpec', () => {
  it('parses nested specs, numbers, booleans and quoted strings', () => {
    const spec = parseSpec('oza-bag(ensembleSize=10, baseLearner=hoeffding-tree(gracePeriod=50, leafPrediction=MC), note="a, b", on=true)');
    expect(spec).toEqual({ id: 'oza-bag', params: { ensembleSize: 10, baseLearner: { id: 'hoeffding-tree', params: { gracePeriod: 50, leafPrediction: 'MC' } }, note: 'a, b', on: true } });
    expect(parseSpec(formatSpec(spec))).toEqual(spec);
    expect(parseSpec('agrawal(function=3,seed=7)')).toEqual({ id: 'agrawal', params: { function: 3, seed: 7 } });
  });
  it('reports where a spec is malformed', () => {
    expect(() => parseSpec('sea(function=1')).toThrow(/invalid spec "sea\(function=1": expected "," or "\)" at position 15/);
    expect(() => parseSpec('sea(=1)')).toThrow(/expected a name/);
  });
});
