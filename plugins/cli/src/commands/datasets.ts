import type { Command } from 'commander';
import Table from 'cli-table3';
import { datasetInfo, fetchDataset, listDatasetInfos, type DatasetInfo } from '@tributary/streams';

const count = (n: number | undefined) => (n === undefined ? '?' : n.toLocaleString('en-US'));

function featuresText(d: DatasetInfo): string {
  if (d.features === undefined) return '?';
  if (d.numericFeatures === undefined || d.nominalFeatures === undefined) return String(d.features);
  return `${d.features} (${d.numericFeatures}/${d.nominalFeatures})`;
}

/** Share of the largest class, e.g. "57.5% DOWN". */
function balanceText(d: DatasetInfo): string {
  if (!d.classDistribution) return '';
  const entries = Object.entries(d.classDistribution);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  const [label, n] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  return `${((100 * n) / total).toFixed(1)}% ${label}`;
}

function infoText(d: DatasetInfo): string {
  const lines: [string, string][] = [
    ['name', d.name],
    ['title', d.title],
    ['availability', d.availability === 'shared' ? 'shared (in the datasets folder)' : 'fetch-only (tributary datasets fetch)'],
    ['file', `${d.path}${d.present ? '' : '  (not present)'}`],
    ['rows', count(d.rows)],
    ['features', `${featuresText(d)}${d.features !== undefined ? '  numeric/nominal' : ''}`],
    ['classes', count(d.classes)],
  ];
  if (d.classDistribution) lines.push(['class counts', Object.entries(d.classDistribution).map(([k, v]) => `${k}: ${v.toLocaleString('en-US')}`).join(', ')]);
  if (d.target) lines.push(['target', d.target]);
  if (d.missingValues !== undefined) lines.push(['missing values', count(d.missingValues)]);
  lines.push(['drift', d.drift + (d.driftNote ? ` — ${d.driftNote}` : '')], ['source', d.source], ['licence', d.license], ['citation', d.citation]);
  if (d.url) lines.push(['url', d.url]);
  if (d.sha256) lines.push(['sha256', d.sha256]);
  if (d.bytes !== undefined) lines.push(['bytes', count(d.bytes)]);
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

/** `tributary datasets list|info|fetch`: the real-dataset catalogue. */
export function register(program: Command): void {
  const datasets = program.command('datasets').description('real datasets: list the catalogue, show one, download a fetch-only one');

  datasets
    .command('list')
    .description('every dataset with rows, features, classes, balance, drift and licence')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const rows = listDatasetInfos();
      if (options.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const table = new Table({
        head: ['name', 'rows', 'features num/nom', 'classes', 'majority', 'drift', 'licence', 'here'],
        style: { head: [], border: [] },
        wordWrap: true,
        colWidths: [36, 11, 12, 9, 18, 13, 14, 7],
      });
      for (const d of rows) table.push([d.name, count(d.rows), featuresText(d), count(d.classes), balanceText(d), d.drift, d.license.split(' (')[0], d.present ? 'yes' : d.availability === 'fetch' ? 'fetch' : 'NO']);
      process.stdout.write(`${table.toString()}\n`);
    });

  datasets
    .command('info')
    .description('metadata of one dataset: rows, features, classes, drift, source, licence, citation')
    .argument('<name>', 'dataset name')
    .option('--json', 'print JSON')
    .action((name: string, options: { json?: boolean }) => {
      const d = datasetInfo(name);
      process.stdout.write(options.json ? JSON.stringify(d, null, 2) + '\n' : infoText(d) + '\n');
    });

  datasets
    .command('fetch')
    .description('download a dataset into the cache (TRIBUTARY_CACHE), resuming a broken download and verifying it')
    .argument('<name>', 'dataset name')
    .action(async (name: string) => {
      const tty = process.stderr.isTTY;
      let last = 0;
      const result = await fetchDataset(name, {
        onProgress: ({ received, total }) => {
          const now = Date.now();
          if (!tty || now - last < 200) return;
          last = now;
          const mb = (received / 1e6).toFixed(1);
          process.stderr.write(`\r${name}: ${mb} MB${total ? ` of ${(total / 1e6).toFixed(1)} MB` : ''}   `);
        },
      });
      if (tty) process.stderr.write('\n');
      process.stdout.write(`${result.downloaded ? 'downloaded' : 'present'}: ${result.path} (${count(result.bytes)} bytes, sha256 ${result.sha256})\n`);
    });
}
