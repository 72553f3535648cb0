import { StreamSchema } from '@tributary/core';
import { PluginRegistry } from '@tributary/core';
import { describeLearnerContract } from '@tributary/core/testing';
import { describe, expect, it } from 'vitest';
import { MajorityClass } from './majority-class.js';
import { NoChange } from './no-change.js';
import { plugins } from './index.js';

describe('no-change', () => {
  it('predicts the last label learned, class 0 before any (as MOA)', () => {
    const schema = StreamSchema.numeric(1, ['a', 'b', 'c']);
    const learner = new NoChange({}, { schema, seed: 1 });
    expect(Array.from(learner.predictProbaOne(Float64Array.of(0)))).toEqual([1, 0, 0]);
    learner.learnOne(Float64Array.of(0), 2);
    expect(Array.from(learner.predictProbaOne(Float64Array.of(5)))).toEqual([0, 0, 1]);
    learner.learnOne(Float64Array.of(0), 1, 0);
    expect(Array.from(learner.predictProbaOne(Float64Array.of(5)))).toEqual([0, 0, 1]);
  });

  it('handles a label first seen mid-stream', () => {
    const schema = StreamSchema.numeric(1, ['a']);
    const learner = new NoChange({}, { schema, seed: 1 });
    learner.learnOne(Float64Array.of(0), schema.addClass('late'));
    expect(Array.from(learner.predictProbaOne(Float64Array.of(0)))).toEqual([0, 1]);
  });
});

describe('majority-class', () => {
  it('gives class frequencies (weighted) as probabilities', () => {
    const schema = StreamSchema.numeric(1, ['a', 'b']);
    const learner = new MajorityClass({}, { schema, seed: 1 });
    expect(Array.from(learner.predictProbaOne(Float64Array.of(0)))).toEqual([0, 0]);
    learner.learnOne(Float64Array.of(0), 0);
    learner.learnOne(Float64Array.of(0), 1, 3);
    expect(Array.from(learner.predictProbaOne(Float64Array.of(0)))).toEqual([0.25, 0.75]);
    const c = schema.addClass('c');
    learner.learnOne(Float64Array.of(0), c, 4);
    expect(Array.from(learner.predictProbaOne(Float64Array.of(0)))).toEqual([0.125, 0.375, 0.5]);
  });
});

const registry = new PluginRegistry().register(...plugins);
describeLearnerContract({ id: 'no-change', registry, optOut: { separable: 'predicts the previous label by design', 'new-class': 'predicts a class only when it repeats; tested above' } });
describeLearnerContract({ id: 'majority-class', registry, optOut: { separable: 'predicts class frequencies by design', 'new-class': 'the late class is never the majority by design; tested above' } });
