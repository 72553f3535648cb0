import { PluginRegistry } from '@tributary/core';
import { describeLearnerContract } from '@tributary/core/testing';
import { plugins } from './index.js';

const registry = new PluginRegistry().register(...plugins);
for (const manifest of plugins) describeLearnerContract({ id: manifest.id, registry });
