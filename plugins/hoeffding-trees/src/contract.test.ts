import { PluginRegistry } from '@tributary/core';
import { describeLearnerContract } from '@tributary/core/testing';
import { plugins } from './index.js';

// The shared learner contract on this package's learners (tests/contract also runs it on every discovered plugin).
const registry = new PluginRegistry().register(...plugins);
for (const manifest of plugins) describeLearnerContract({ id: manifest.id, registry });
