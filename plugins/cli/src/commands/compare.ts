import type { Command } from 'commander';
import Table from 'cli-table3';
import { loadPlugins, TributaryError } from '@tributary/core';
import { IMPLEMENTATIONS, planComparison, runComparison, type Implementation } from '../comparison.js';
import { collectParam, commaList, integer, positiveInteger } from '../options.js';
import { formatBytes } from '../format.js';

function parseImplementations(text: string): Implementation[] {
  const list = commaList(text);
  for (const item of list) {
    if (!(IMPLEMENTATIONS as readonly string[]).includes(item)) {
      throw new TributaryError('CONFIG_ERROR', `unknown implementation "${item}"; choose from ${IMPLEMENTATIONS.join(', ')}`);
    }
  }
  return list as Implementation[];
}

export function register(program: Command): void {
  program
    .command('compare')
    .description('run a native learner and its River/MOA/CapyMOA equivalents on the very same instances and compare them')
    .requiredOption('--learner <id>', 'native learner id (its manifest declares the equivalents)')
    .option('--param <name=value>', 'hyperparameter of the native learner (repeatable; mapped to each reference)', collectParam, {})
    .option('--impl <list>', `implementations, comma-separated (${IMPLEMENTATIONS.join(',')})`, 'native,moa,river')
    .requiredOption('--stream <spec>', 'dataset name, file path or generator spec')
    .option('--max-instances <n>', 'instances to use', positiveInteger('--max-instances'))
    .option('--seed <s>', 'seed', integer('--seed'), 1)
    .option('--json', 'print one JSON object')
    .action(async (options) => {
      const registry = await loadPlugins();
      const plan = planComparison(registry, options.learner, options.param, parseImplementations(options.impl));
      const result = await runComparison(registry, plan, options.stream, { maxInstances: options.maxInstances, seed: options.seed });
      if (options.json) {
        process.stdout.write(
          JSON.stringify({
            learner: options.learner,
            stream: result.stream,
            instances: result.instances,
            implementations: result.runs.map((r) => {
              const planned = plan.find((p) => p.implementation === r.label)!;
              const s = r.summary;
              return {
                implementation: r.label,
                id: planned.id,
                params: s?.params ?? planned.params,
                unmapped_params: planned.unmapped,
                notes: planned.notes,
                error: r.error,
                accuracy: s?.cumulative.accuracy,
                kappa: s?.cumulative.kappa,
                auc: s?.cumulative.auc,
                cpu_seconds: s?.cpuSeconds,
                instances_per_second: s?.instancesPerSecond,
                memory_bytes: s?.model.sizeBytes,
              };
            }),
            agreement: result.pairs,
          }) + '\n',
        );
        return;
      }
      const runs = new Table({ head: ['impl', 'learner', 'parameters as received', 'accuracy', 'kappa', 'auc', 'cpu s', 'inst/s', 'model'], style: { head: [], border: [] }, wordWrap: true, colWidths: [9, 34, 40, 10, 10, 10, 8, 10, 10] });
      for (const r of result.runs) {
        const planned = plan.find((p) => p.implementation === r.label)!;
        const s = r.summary;
        runs.push([
          r.label,
          planned.id,
          JSON.stringify(s?.params ?? planned.params),
          s ? s.cumulative.accuracy.toFixed(4) : `failed: ${r.error}`,
          s ? s.cumulative.kappa.toFixed(4) : '',
          s ? s.cumulative.auc.toFixed(4) : '',
          s ? s.cpuSeconds.toFixed(2) : '',
          s ? Math.round(s.instancesPerSecond).toLocaleString('en-US') : '',
          s ? formatBytes(s.model.sizeBytes) : '',
        ]);
      }
      const pairs = new Table({ head: ['pair', 'agreement', 'longest disagreement'], style: { head: [], border: [] } });
      for (const p of result.pairs) pairs.push([`${p.a} vs ${p.b}`, `${(100 * p.agreement).toFixed(2)}%`, `${p.longestDisagreement.length} instances from #${p.longestDisagreement.start}`]);
      process.stdout.write(`${options.learner} on ${result.stream} (${result.instances.toLocaleString('en-US')} instances, same instances for every implementation)\n${runs.toString()}\n${pairs.toString()}\n`);
      const unmapped = plan.filter((p) => p.unmapped.length > 0);
      for (const p of unmapped) process.stdout.write(`note: ${p.implementation} has no counterpart for ${p.unmapped.join(', ')}\n`);
      for (const p of plan) if (p.notes) process.stdout.write(`note (${p.implementation}): ${p.notes}\n`);
    });
}
