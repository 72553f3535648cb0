import type { PluginManifest } from '@tributary/core';
import { logisticRegressionManifest } from './logistic-regression.js';
import { passiveAggressiveManifest } from './passive-aggressive.js';
import { perceptronManifest } from './perceptron.js';
import { sgdManifest } from './sgd.js';
import { softmaxRegressionManifest } from './softmax-regression.js';

export * from './feature-encoder.js';
export * from './linear-classifier.js';
export * from './standardize.js';
export * from './perceptron.js';
export * from './logistic-regression.js';
export * from './softmax-regression.js';
export * from './sgd.js';
export * from './passive-aggressive.js';

/** Every learner manifest of this package. */
export const plugins: PluginManifest[] = [perceptronManifest, logisticRegressionManifest, softmaxRegressionManifest, sgdManifest, passiveAggressiveManifest];
