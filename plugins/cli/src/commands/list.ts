import type { Command } from 'commander';
import Table from 'cli-table3';
import { loadPlugins, STANDARD_METRICS, TributaryError, type LearnerManifest, type SessionProviderManifest } from '@tributary/core';
import { listStreams } from '@tributary/streams';

function learnerRows(manifests: LearnerManifest[]) {
  return manifests.map((m) => ({
    id: m.id,
    kind: m.kind,
    family: m.family ?? '',
    description: m.description,
    version: m.version,
    hyperparameters: Object.entries(m.hyperparameters.properties).map(([name, p]) => ({
      name,
      type: p.type,
      default: p.default,
      minimum: p.minimum,
      maximum: p.maximum,
      enum: p.enum,
      description: p.description,
    })),
    equivalents: Object.fromEntries(Object.entries(m.equivalents ?? {}).map(([lib, e]) => [lib, e?.id])),
  }));
}

export function register(program: Command): void {
  program
    .command('list')
    .description('list learners, streams or metrics')
    .argument('<what>', 'learners | streams | metrics')
    .option('--json', 'print JSON')
    .action(async (what: string, options: { json?: boolean }) => {
      const print = (rows: unknown, table: () => string) => process.stdout.write(options.json ? JSON.stringify(rows, null, 2) + '\n' : table() + '\n');
      if (what === 'learners') {
        const registry = await loadPlugins();
        const rows = learnerRows(registry.learners());
        const providers = (registry.list('session-provider') as SessionProviderManifest[]).map((p) => ({ prefix: p.prefix, description: p.description }));
        print({ learners: rows, bridges: providers }, () => {
          const table = new Table({ head: ['id', 'family', 'description', 'hyperparameters (default)'], style: { head: [], border: [] }, wordWrap: true, colWidths: [26, 11, 44, 60] });
          for (const r of rows) table.push([r.id, r.family, r.description, r.hyperparameters.map((h) => `${h.name}=${JSON.stringify(h.default)}`).join('\n')]);
          const bridges = providers.map((p) => `  ${p.prefix}<...>  ${p.description}`).join('\n');
          return `${table.toString()}${bridges ? `\nbridged learners (any class of the library):\n${bridges}` : ''}`;
        });
        return;
      }
      if (what === 'streams') {
        const rows = await listStreams();
        print(rows, () => {
          const table = new Table({ head: ['id', 'kind', 'rows', 'features', 'classes', 'drift', 'description'], style: { head: [], border: [] }, wordWrap: true, colWidths: [34, 12, 10, 10, 9, 11, 56] });
          for (const r of rows) table.push([r.id, r.kind, r.rows?.toLocaleString('en-US') ?? '∞', String(r.features ?? ''), String(r.classes ?? ''), r.drift ?? '', r.description]);
          return table.toString();
        });
        return;
      }
      if (what === 'metrics') {
        const rows = STANDARD_METRICS.map((m) => ({ id: m.id, description: m.description, higherIsBetter: m.higherIsBetter }));
        print(rows, () => {
          const table = new Table({ head: ['id', 'better', 'description'], style: { head: [], border: [] }, wordWrap: true, colWidths: [12, 8, 90] });
          for (const r of rows) table.push([r.id, r.higherIsBetter ? 'higher' : 'lower', r.description]);
          return table.toString();
        });
        return;
      }
      throw new TributaryError('CONFIG_ERROR', `cannot list "${what}"; choose learners, streams or metrics`);
    });
}
