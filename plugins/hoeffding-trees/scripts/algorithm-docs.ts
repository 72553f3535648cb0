/**
 * Writes docs/algorithms/<id>.md for the learners of @tributary/hoeffding-trees,
 * @tributary/naive-bayes and @tributary/learners-baseline: the manifest's
 * description, hyperparameter table, references and equivalents, plus the
 * prose kept here.
 *
 *   npx tsx --conditions tributary-source plugins/hoeffding-trees/scripts/algorithm-docs.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HyperparameterSchema, LearnerManifest, PluginManifest } from '@tributary/core';
import { plugins as baselines } from '@tributary/learners-baseline';
import { plugins as bayes } from '@tributary/naive-bayes';
import { plugins as trees } from '../src/index.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = join(repo, 'docs', 'algorithms');

interface Page {
  title: string;
  packageName: string;
  body: string;
  tuning: string;
  parity: string;
}

const AGREEMENT = 'Every prediction equals MOA 2024.07\'s on electricity, adult (nominal features, missing values) and the first 100,000 instances of kdd99 (`plugins/hoeffding-trees/src/moa-parity.test.ts`, references produced by MOA itself with `bench/moa-reference/generate.mjs`).';

const PAGES: Record<string, Page> = {
  'hoeffding-tree': {
    title: 'Hoeffding tree (VFDT)',
    packageName: '@tributary/hoeffding-trees',
    body: [
      'A Hoeffding tree grows from a single leaf. Each leaf keeps, per class, a Gaussian (weight, mean, variance, min, max) for every numeric attribute and counts for every nominal one. Every `gracePeriod` weight the leaf scores candidate splits: for a numeric attribute `numBins` equally spaced thresholds between the smallest and largest value seen, each class\'s weight divided between the two sides by its Gaussian\'s CDF; for a nominal attribute one branch per value (and, with `binarySplits`, "value = v" against the rest). With ε = √(R² ln(1/δ) / 2n) — R = log₂(classes) for information gain, 1 for Gini, δ = `splitConfidence`, n the leaf\'s weight — the leaf splits on the best attribute when it beats the second best by more than ε, or when ε < `tieThreshold` (the two are then practically tied). A "no split" candidate takes part unless `noPrePrune` is set; with information gain its merit is −∞ because a single branch never passes the minimum-branch-fraction rule, so it only wins when no attribute offers a split.',
      'Leaves predict with the majority class, naive Bayes over their own statistics, or — the default, NB-adaptive — whichever of the two would have been right more often on the instances the leaf has seen. When the estimated size of the tree exceeds `maxByteSize` (checked every `memoryEstimatePeriod` weight), the leaves with the least "promise" (weight outside their majority class) are deactivated: they keep only class counts and stop splitting; they are reactivated when room returns.',
    ].join('\n\n'),
    tuning:
      '`splitConfidence` and `gracePeriod` matter most: a larger δ or a smaller grace period grows the tree sooner (more accuracy early, more risk of poor splits, more time spent evaluating splits). `tieThreshold` bounds how long two equally good attributes can stall a split (about ln(1/δ)/(2·τ²) instances for two classes, ~3,200 with the defaults). `leafPrediction` = NBAdaptive is almost always the best choice; MC is the fastest. `numBins` rarely matters beyond 10.',
    parity: `${AGREEMENT} Deliberate differences: all-zero votes (naive Bayes underflow) become a uniform distribution (same argmax as MOA's zeros); the memory budget is checked against this implementation's own estimate of its typed arrays, whereas MOA measures Java objects with the sizeofag agent (on Java 17 that reports far too little, so MOA practically never deactivates leaves). River's HoeffdingTreeClassifier agrees with MOA on about 98% of electricity's predictions; its memory budget is \`max_size\` in MB (pinned to 32 MiB here).`,
  },
  'arf-hoeffding-tree': {
    title: 'ARF Hoeffding tree (random subspaces)',
    packageName: '@tributary/hoeffding-trees',
    body:
      'The Hoeffding tree of Adaptive Random Forest: identical to `hoeffding-tree` except that every leaf, when it receives its first instance, draws `subspaceSize` distinct features at random and keeps statistics — hence split candidates and naive Bayes terms — for those only. Draws are made without replacement from the tree\'s own `java.util.Random`-compatible generator, seeded with the context seed, in MOA\'s order. Its defaults are those ARF passes to its trees in MOA (`-g 50 -c 0.01 -e 2000000`) and MOA\'s `-k 2`.',
    tuning: 'Set by the ensemble: ARF computes `subspaceSize` from its own `-m` (60% of the features by default). Alone, it is a weaker, faster tree; `subspaceSize` 0 (or ≥ the number of features) makes it a plain Hoeffding tree with ARF\'s defaults.',
    parity: `With seed 1 (MOA's default tree seed) its predictions equal MOA's ARFHoeffdingTree on every instance of electricity (\`-k 3\`). MOA drops the removePoorAtts option for this class; so does this learner.`,
  },
  'hoeffding-adaptive-tree': {
    title: 'Hoeffding Adaptive Tree (HAT)',
    packageName: '@tributary/hoeffding-trees',
    body: [
      'HAT adds drift handling to the Hoeffding tree. Every node keeps an ADWIN window (δ = 0.002) over its 0/1 errors — at a split node, the error of the prediction the subtree below it makes. When a split node\'s error window shrinks with a rising error, an alternate tree is started at that node (a new leaf). Once both the node and its alternate have error windows wider than 300, the alternate replaces the subtree if its error is lower by more than √(2·e·(1−e)·ln(2/0.05)·(1/n₁ + 1/n₂)), and is discarded if it is higher by that margin. Leaves learn each instance with weight w·k, k ~ Poisson(1) (w itself when k = 0), from a generator each node seeds with 1.',
      'This is MOA\'s implementation, reproduced exactly, including where it departs from the paper: an alternate leaf is trained with the position (parent and branch) of the node it shadows, so when it first splits, its split node replaces that node\'s subtree at once (alternate trees therefore never grow beyond a leaf); a split node creates no leaf for a branch no instance reached when it split; predictions follow the main path only. Because every node seeds its own generator with 1, the tree does not depend on the context seed.',
    ].join('\n\n'),
    tuning: 'As for `hoeffding-tree`: `splitConfidence` and `gracePeriod` first. The drift machinery has no options in MOA (δ = 0.002, the 300-instance windows and the 0.05 switch confidence are constants), so none are offered here.',
    parity: `${AGREEMENT} MOA's HoeffdingTree options that HAT never acts on (the memory options, removePoorAtts, nbThreshold) are left out of the schema. River's HoeffdingAdaptiveTreeClassifier grows real alternate subtrees and draws its Poisson weights from one seeded generator; on electricity it agrees with MOA on about 86% of predictions (accuracy 0.838 vs 0.833).`,
  },
  efdt: {
    title: 'Extremely Fast Decision Tree (EFDT, Hoeffding Anytime Tree)',
    packageName: '@tributary/hoeffding-trees',
    body: [
      'EFDT changes two things in the Hoeffding tree. A leaf splits as soon as the best attribute\'s merit beats *not splitting* by the Hoeffding bound — not the second-best attribute — so it splits much earlier, and averages each candidate\'s merit over the leaf\'s split attempts. And internal nodes keep learning: every `reevaluationPeriod` instances (counted over the whole tree), each split node an instance passes re-scores its candidates from its own statistics and, when another attribute (or no split) beats the current one by the bound — or by half the tie threshold once the bound is below it —, its subtree is replaced by a new split (or a leaf).',
      'MOA\'s bookkeeping is reproduced: merit sums are averaged over the node\'s own attempt count (a new split node inherits its leaf\'s sums but restarts the count); leaves attempt splits every `gracePeriod` instances by count; a nominal attribute already used above a leaf is not split on again there; leaves are always NB-adaptive; a node replaced by "no split" is replaced through the parent recorded when re-evaluation created it (nodes created from leaves record none, as in MOA).',
    ].join('\n\n'),
    tuning: '`reevaluationPeriod` trades adaptivity for time (MOA 2000; River\'s EFDT re-evaluates per node after 20 instances, a different rule). `splitConfidence` and `gracePeriod` as for the Hoeffding tree.',
    parity: `${AGREEMENT} Options MOA's EFDT accepts but ignores (leafPrediction, nbThreshold, memory options, removePoorAtts) are left out of the schema. River's ExtremelyFastDecisionTreeClassifier re-evaluates differently and agrees with MOA on about 86% of electricity's predictions.`,
  },
  'naive-bayes': {
    title: 'Naive Bayes',
    packageName: '@tributary/naive-bayes',
    body:
      'Naive Bayes multiplies the class prior (observed weight per class) by the likelihood of each feature given the class, as if features were independent given the class. Numeric features use one Gaussian per class, updated with weighted Welford sums; a class whose values were all equal is a point mass (density 1 at its mean, 0 elsewhere), as in MOA. Nominal features use counts with MOA\'s Laplace correction, (count + 1) / (class weight + number of value slots the class has touched). Missing values are skipped when learning and predicting.',
    tuning: 'No hyperparameters. Strong when features are informative one by one; blind to interactions. The same estimators give the Hoeffding trees\' naive Bayes leaves.',
    parity: `${AGREEMENT} Where all likelihoods underflow to 0 it predicts a uniform distribution (MOA: zeros; same argmax). River's GaussianNB models every feature with a Gaussian (nominal ones through the bridge's one-hot indicators) and scores in log space. Its zero-variance Gaussians are what sets it apart on numeric streams: it gives them density 0 (plus its 1e-9), where MOA and this learner give a point mass. Patched to a point mass and scored as MOA does (prior × densities, no epsilon), River's model comes within 0.0013 of this learner's prequential accuracy on spam (0.9026 against 0.9013; as shipped 0.3329), luxembourg, phishing_websites, outdoor and image_segments (as shipped it is 0.05–0.57 lower): \`.venv/bin/python3 plugins/naive-bayes/scripts/river-zero-variance.py spam luxembourg phishing_websites outdoor image_segments\`.`,
  },
  'no-change': {
    title: 'No-change classifier',
    packageName: '@tributary/learners-baseline',
    body: 'Predicts, with probability 1, the label of the last instance it learned (class 0 before any, as MOA). On streams with temporal dependence — consecutive labels that repeat, like electricity — it is a hard baseline: electricity 0.853 accuracy, above every single tree here. Kappa-temporal compares a learner against exactly this baseline.',
    tuning: 'No hyperparameters.',
    parity: 'Same as MOA\'s functions.NoChange. River\'s NoChangeClassifier has no opinion before the first label.',
  },
  'majority-class': {
    title: 'Majority class',
    packageName: '@tributary/learners-baseline',
    body: 'Predicts the class frequencies seen so far (weighted), so its argmax is the majority class. The baseline of kappa-M; on electricity 0.575 accuracy.',
    tuning: 'No hyperparameters.',
    parity: 'Same votes as MOA\'s functions.MajorityClass (normalised) and River\'s PriorClassifier.',
  },
};

function citations(): Map<string, string> {
  const file = join(repo, 'docs', 'bibliography.md');
  const map = new Map<string, string>();
  if (!existsSync(file)) return map;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^- \*\*\[([a-z0-9]+)\]\*\* (.*)$/.exec(line);
    if (m) map.set(m[1], m[2]);
  }
  return map;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function typeOf(p: HyperparameterSchema): string {
  return p.enum ? p.enum.map((v) => `\`${String(v)}\``).join(', ') : String(p.type);
}

function bounds(p: HyperparameterSchema): string {
  const parts = [p.minimum !== undefined ? `≥ ${p.minimum}` : '', p.maximum !== undefined ? `≤ ${p.maximum}` : ''].filter(Boolean);
  return parts.join(', ');
}

function render(manifest: LearnerManifest, page: Page, cited: Map<string, string>): string {
  const out: string[] = [
    '<!-- generated by plugins/hoeffding-trees/scripts/algorithm-docs.ts from the manifest; edit the script, not this file -->',
    `# ${page.title} — \`${manifest.id}\``,
    '',
    manifest.description,
    '',
    `Package \`${page.packageName}\` · family \`${manifest.family}\` · randomized: ${manifest.randomized ? 'yes' : 'no'}`,
    '',
    '## What it does',
    '',
    page.body,
    '',
    '## Hyperparameters',
    '',
  ];
  const properties = Object.entries(manifest.hyperparameters.properties);
  if (properties.length === 0) {
    out.push('None.');
  } else {
    out.push('| Name | Type | Default | Range | Description |', '|---|---|---|---|---|');
    for (const [name, p] of properties) out.push(`| \`${name}\` | ${typeOf(p)} | \`${String(p.default)}\` | ${bounds(p)} | ${cell(p.description)} |`);
  }
  out.push('', '### Which matter most', '', page.tuning, '', '## References', '');
  for (const key of manifest.references ?? []) out.push(`- \`${key}\`: ${cited.get(key) ?? '(not in docs/bibliography.md)'} ([bibliography](../bibliography.md))`);
  out.push('', '## Equivalents', '', '| Library | Id | Parameters | Fixed | Notes |', '|---|---|---|---|---|');
  for (const library of ['moa', 'river', 'capymoa'] as const) {
    const e = manifest.equivalents?.[library];
    if (!e) {
      out.push(`| ${library} | none | | | |`);
      continue;
    }
    const params = Object.entries(e.params)
      .map(([native, theirs]) => `\`${native}\` → \`${library === 'moa' ? `-${theirs}` : theirs}\``)
      .join(', ');
    // The bridge's session options (nominal encoding, multiclass wrapper) are part of what the reference runs with, so they are listed too.
    const fixed = Object.entries({ ...e.fixed, ...(e.nominalEncoding ? { nominalEncoding: e.nominalEncoding } : {}), ...(e.multiclass ? { multiclass: e.multiclass } : {}) })
      .map(([k, v]) => `\`${k}=${JSON.stringify(v)}\``)
      .join(', ');
    out.push(`| ${library} | \`${e.id}\` | ${params || '—'} | ${fixed || '—'} | ${cell(e.notes ?? '')} |`);
  }
  out.push('', '## Agreement with the references', '', page.parity, '');
  return out.join('\n');
}

const cited = citations();
mkdirSync(outDir, { recursive: true });
const manifests = ([...trees, ...bayes, ...baselines] as PluginManifest[]).filter((m): m is LearnerManifest => m.kind === 'learner');
for (const manifest of manifests) {
  const page = PAGES[manifest.id];
  if (!page) throw new Error(`no documentation prose for ${manifest.id}`);
  const file = join(outDir, `${manifest.id}.md`);
  writeFileSync(file, render(manifest, page, cited));
  console.log(`wrote ${file}`);
}
