import type { Command } from 'commander';
import { loadPlugins, type RunSummary } from '@tributary/core';
import { planComparison, runComparison, type Implementation } from '../comparison.js';
import { summaryTable } from '../format.js';
import { integer, positiveInteger } from '../options.js';

/** Learners of the demo, in table order; those not installed are skipped. */
const DEMO_LEARNERS = ['majority-class', 'no-change', 'naive-bayes', 'hoeffding-tree', 'hoeffding-adaptive-tree', 'efdt', 'knn', 'arf(ensembleSize=10)', 'leveraging-bag'];

export function register(program: Command): void {
  program
    .command('demo')
    .description('the main job: several learners, native and through River and MOA, side by side on a bundled real stream')
    .option('--stream <spec>', 'stream', 'electricity')
    .option('--impl <list>', 'implementations', 'native,moa,river')
    .option('--max-instances <n>', 'instances', positiveInteger('--max-instances'))
    .option('--seed <s>', 'seed', integer('--seed'), 1)
    .action(async (options) => {
      const registry = await loadPlugins();
      const wanted = (options.impl as string).split(',').map((s) => s.trim()) as Implementation[];
      const summaries: RunSummary[] = [];
      const notes: string[] = [];
      for (const spec of DEMO_LEARNERS) {
        const id = spec.replace(/\(.*$/, '');
        if (!registry.has(id)) continue;
        const manifest = registry.learnerManifest(id);
        const params = Object.fromEntries([...spec.matchAll(/(\w+)=([^,)]+)/g)].map(([, k, v]) => [k, Number.isNaN(Number(v)) ? v : Number(v)]));
        const impls = wanted.filter((impl) => impl === 'native' || manifest.equivalents?.[impl as 'moa' | 'river']);
        process.stderr.write(`demo: ${spec} (${impls.join(', ')}) on ${options.stream}\n`);
        const plan = planComparison(registry, id, params, impls);
        const result = await runComparison(registry, plan, options.stream, { maxInstances: options.maxInstances, seed: options.seed });
        for (const run of result.runs) {
          if (run.summary) summaries.push({ ...run.summary, learner: `${spec}${run.label === 'native' ? '' : ` → ${plan.find((p) => p.implementation === run.label)?.id}`}` });
          else notes.push(`${spec} (${run.label}) failed: ${run.error?.split('\n')[0]}`);
        }
        for (const pair of result.pairs) notes.push(`${spec}: ${pair.a} vs ${pair.b} agree on ${(100 * pair.agreement).toFixed(2)}% of instances`);
      }
      process.stdout.write(`${summaryTable(summaries)}\n${notes.join('\n')}\n`);
    });
}
