// Writes bridges/moa/moa-defaults.json: options of the learners the native-vs-MOA comparisons use,
// as MOA itself reports them through list_learners. Run: npx tsx bridges/moa/scripts/moa-defaults.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listMoaLearners } from '../src/index.js';

const WANTED = [
  'trees.HoeffdingTree', 'bayes.NaiveBayes', 'trees.HoeffdingAdaptiveTree', 'trees.EFDT', 'meta.AdaptiveRandomForest',
  'meta.StreamingRandomPatches', 'meta.LeveragingBag', 'meta.OzaBag', 'meta.OzaBoost', 'meta.OzaBagAdwin', 'lazy.kNN',
];
const learners = await listMoaLearners();
const out: Record<string, unknown> = {};
for (const id of WANTED) {
  const l = learners.find((x) => x.id === id);
  if (!l) throw new Error(`MOA did not list ${id}`);
  out[id] = { description: l.description, options: l.params };
}
const file = fileURLToPath(new URL('../moa-defaults.json', import.meta.url));
writeFileSync(file, `${JSON.stringify({ generatedBy: 'bridges/moa/scripts/moa-defaults.ts (list_learners)', moa: '2024.07.0', learners: out }, null, 2)}\n`);
console.log(`wrote ${file}`);
