import { join } from 'node:path';
import type { Command } from 'commander';
import { JsonlResultSink, loadPlugins, runPrequential } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { collectParam, integer, positiveInteger } from '../options.js';
import { progressReporter } from '../progress.js';
import { summaryJson, summaryTable } from '../format.js';

/** Default folder of results files. */
export const DEFAULT_RESULTS_DIR = '.tributary/runs';

function runFileName(learner: string, stream: string, seed: number): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
  return `${new Date().toISOString().replace(/[:.]/g, '-')}_${safe(learner)}_${safe(stream)}_seed${seed}.jsonl`;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('prequential (test-then-train) run of one learner on one stream')
    .requiredOption('--learner <id>', 'learner id or spec, e.g. hoeffding-tree or moa:trees.HoeffdingTree')
    .option('--param <name=value>', 'hyperparameter (repeatable)', collectParam, {})
    .requiredOption('--stream <spec>', 'dataset name, file path or generator spec')
    .option('--max-instances <n>', 'stop after n instances', positiveInteger('--max-instances'))
    .option('--window <w>', 'sliding window of the windowed metrics', positiveInteger('--window'), 1000)
    .option('--checkpoint <n>', 'record all metrics every n instances', positiveInteger('--checkpoint'), 10_000)
    .option('--seed <s>', 'seed of the learner and of generators', integer('--seed'), 1)
    .option('--out <dir>', 'folder of the JSON-lines results file', DEFAULT_RESULTS_DIR)
    .option('--json', 'print exactly one JSON object with the results on stdout')
    .action(async (options) => {
      const registry = await loadPlugins();
      const stream = await openStream(options.stream, { maxInstances: options.maxInstances, seed: options.seed });
      const session = await registry.openSession({ id: options.learner, params: options.param }, stream.schema, options.seed);
      const resultsFile = join(options.out, runFileName(options.learner, options.stream, options.seed));
      const progress = progressReporter(options.learner, !options.json);
      try {
        const summary = await runPrequential({
          session,
          stream,
          maxInstances: options.maxInstances,
          windowSize: options.window,
          checkpointEvery: options.checkpoint,
          seed: options.seed,
          sink: new JsonlResultSink(resultsFile),
          onProgress: (p) => progress.update(p),
        });
        progress.stop();
        if (options.json) process.stdout.write(JSON.stringify({ ...summaryJson(summary), results_file: resultsFile }) + '\n');
        else process.stdout.write(`${summaryTable([summary])}\nresults: ${resultsFile}\n`);
      } finally {
        progress.stop();
        await session.dispose();
        await stream.close();
      }
    });
}
