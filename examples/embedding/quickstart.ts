// A prequential run of a Hoeffding tree on electricity, in a few lines.
// Run: npm run quickstart -w examples/embedding
import { loadPlugins, runPrequential } from '@tributary/core';
import { openStream } from '@tributary/streams';

const registry = await loadPlugins();
const stream = await openStream('electricity');
const session = await registry.openSession({ id: 'hoeffding-tree', params: { gracePeriod: 100 } }, stream.schema, 1);
const summary = await runPrequential({ session, stream, checkpointEvery: 5000 });
console.log(`accuracy ${summary.cumulative.accuracy.toFixed(4)}, kappa ${summary.cumulative.kappa.toFixed(4)}, ${Math.round(summary.instancesPerSecond)} instances/s`);
await session.dispose();
