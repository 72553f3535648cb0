// Confluence, Tributary's model-selection classifier, on a drifting stream, with no tuning.
// Run: npm run automl -w examples/embedding
import { isSelector, loadPlugins, NativeSession, runPrequential } from '@tributary/core';
import { openStream } from '@tributary/streams';

const registry = await loadPlugins();
const stream = await openStream('drift(agrawal(function=1,seed=1),agrawal(function=4,seed=2),position=25000,width=1000)', { maxInstances: 50_000 });
const learner = registry.createLearner('confluence', { schema: stream.schema, seed: 1 });
const summary = await runPrequential({ session: new NativeSession(learner), stream, checkpointEvery: 10_000 });
console.log(`confluence: accuracy ${summary.cumulative.accuracy.toFixed(4)}, kappa ${summary.cumulative.kappa.toFixed(4)}`);
if (isSelector(learner)) for (const c of learner.candidateStatus()) console.log(`${c.leading ? '*' : ' '} ${c.spec.padEnd(40)} ${c.score.toFixed(4)}`);
