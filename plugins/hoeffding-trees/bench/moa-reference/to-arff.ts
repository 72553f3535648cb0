/**
 * Writes a Tributary stream as ARFF with nominal values and class labels
 * declared in Tributary's index order (order of first appearance), so MOA sees
 * the same indices as the native learners.
 *
 *   npx tsx --conditions tributary-source plugins/hoeffding-trees/bench/moa-reference/to-arff.ts electricity out.arff [maxInstances]
 */
import { createWriteStream } from 'node:fs';
import { openStream } from '@tributary/streams';

const [spec, outFile, max] = process.argv.slice(2);
const stream = await openStream(spec, max ? { maxInstances: Number(max) } : {});
const rows: Float64Array[] = [];
const labels: number[] = [];
for (;;) {
  const batch = await stream.nextBatch(4096);
  if (!batch) break;
  for (let i = 0; i < batch.n; i++) {
    rows.push(batch.x.slice(i * batch.d, (i + 1) * batch.d));
    labels.push(batch.y[i]);
  }
}
await stream.close();
const schema = stream.schema;
const quote = (v: string) => (/^[\w.-]+$/.test(v) ? v : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
const out = createWriteStream(outFile);
out.write(`@relation ${quote(spec)}\n`);
for (const f of schema.features) out.write(f.kind === 'nominal' ? `@attribute ${quote(f.name)} {${f.values.map(quote).join(',')}}\n` : `@attribute ${quote(f.name)} numeric\n`);
out.write(`@attribute ${quote(schema.target)} {${schema.classes.map(quote).join(',')}}\n@data\n`);
for (let r = 0; r < rows.length; r++) {
  const cells: string[] = [];
  const row = rows[r];
  for (let j = 0; j < row.length; j++) {
    const v = row[j];
    cells.push(v !== v ? '?' : schema.features[j].kind === 'nominal' ? quote(schema.features[j].values[v]) : String(v));
  }
  cells.push(quote(schema.classes[labels[r]]));
  out.write(cells.join(',') + '\n');
}
out.end();
await new Promise((resolve) => out.on('finish', resolve));
console.log(`${rows.length} instances → ${outFile}`);
