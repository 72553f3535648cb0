// Statistics of an online-AutoML benchmark export (issue 7): average ranks, Friedman/Iman–Davenport,
// Nemenyi CD diagrams, Wilcoxon–Holm of the control (Confluence) against every competitor, CPU and
// memory against a reference learner (ARF, 10 trees), and accuracy right after known drifts.
// Two comparisons: whole streams (learners capped at fewer instances left out) and the first
// `--prefix` instances of every stream (everyone, read from the checkpoints).
// Run: node --conditions=tributary-source --import tsx plugins/benchmark/scripts/automl-stats.ts docs/automl/full \
//        [--out docs/automl/full/statistics.md] [--svg-dir docs/automl/full] [--prefix 50000] [--control confluence] [--reference arf-10]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareAlgorithms, wilcoxonHolmVsControl } from '@tributary/stats';
import { cdDiagramSvg } from '../src/report/cd-diagram.js';
import { completeStreams, learnersOf, loadAutomlExport, mean, median, metricAtPrefix, resultsOf, segmentAccuracy, type AutomlExport } from './automl-export.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dir = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--'))) ?? 'docs/automl/full';
const out = option('--out', '');
const svgDir = option('--svg-dir', '');
const prefix = Number(option('--prefix', '50000'));
const control = option('--control', 'confluence');
const reference = option('--reference', 'arf-10');
/** Selectors (AutoML) are not "single learners" in the drift-recovery comparison. */
const SELECTORS = new Set(['confluence', 'best-so-far', 'successive-halving', 'bandit', 'evo-automl']);
const isSelector = (learner: string): boolean => SELECTORS.has(learner) || learner.includes('@river');

type Metric = 'accuracy' | 'kappa';
interface Comparison {
  slug: string;
  title: string;
  learners: string[];
  streams: string[];
  /** Instances of each stream the comparison looks at. */
  horizon: number;
  /** Mean over seeds of a learner's score on a stream. */
  value: (learner: string, stream: string, metric: Metric | 'cpu_s') => number;
}

const data = await loadAutomlExport(dir);
const learners = learnersOf(data);
const fmt = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : '—');
/** A p-value; below double precision's resolution of 1 − p it prints as a bound. */
const fmtP = (p: number): string => (p < 1e-15 ? '< 1e-15' : p.toExponential(2));

/** Learners run on fewer instances than the others (a lower instance cap in the config). */
function cappedLearners(d: AutomlExport): string[] {
  const cap = (l: string) => Math.min(...d.jobs.filter((j) => j.learner === l).map((j) => j.max_instances ?? Infinity));
  const caps = learners.map(cap);
  const largest = Math.max(...caps);
  return learners.filter((_, i) => caps[i] < largest);
}

function wholeStreams(): Comparison {
  const capped = new Set(cappedLearners(data));
  const chosen = learners.filter((l) => !capped.has(l));
  const { complete } = completeStreams(data, chosen);
  return {
    slug: 'full',
    title: `whole streams (${chosen.length} learners${capped.size ? `; left out, capped at fewer instances: ${[...capped].join(', ')}` : ''})`,
    learners: chosen,
    streams: complete,
    horizon: Infinity,
    value: (l, s, metric) => mean(resultsOf(data, l, s).map((r) => r[metric])),
  };
}

function firstInstances(): Comparison {
  const { complete } = completeStreams(data, learners);
  return {
    slug: `first-${prefix}`,
    title: `first ${prefix.toLocaleString('en')} instances of every stream (all ${learners.length} learners)`,
    learners,
    streams: complete,
    horizon: prefix,
    value: (l, s, metric) => mean(resultsOf(data, l, s).map((r) => metricAtPrefix(data, r, metric, prefix))),
  };
}

function rankSection(c: Comparison, metric: Metric): string[] {
  const scores = c.streams.map((s) => c.learners.map((l) => c.value(l, s, metric)));
  const result = compareAlgorithms(c.learners, scores);
  const ctrl = c.learners.indexOf(control);
  const tests = wilcoxonHolmVsControl(scores, ctrl);
  if (svgDir) {
    mkdirSync(svgDir, { recursive: true });
    const svg = cdDiagramSvg({
      names: c.learners, meanRanks: result.meanRanks, criticalDifference: result.criticalDifference, cliques: result.cliques,
      title: `${metric}, ${c.title}: critical difference diagram`, alpha: 0.05, id: `cd-${c.slug}-${metric}`,
    });
    writeFileSync(join(svgDir, `cd-${c.slug}-${metric}.svg`), svg);
  }
  const f = result.friedman;
  const lines = [
    `### ${metric}`, '',
    `Friedman χ² = ${fmt(f.chiSquare)} (df ${f.chiSquareDf}), p ${f.chiSquarePValue < 1e-15 ? '' : '= '}${fmtP(f.chiSquarePValue)}; Iman–Davenport F = ${fmt(f.imanDavenport)}, p ${f.imanDavenportPValue < 1e-15 ? '' : '= '}${fmtP(f.imanDavenportPValue)}; Nemenyi CD (α = 0.05, k = ${c.learners.length}, N = ${c.streams.length}) = ${fmt(result.criticalDifference)}.`,
    svgDir ? `\n![CD ${metric}, ${c.slug}](cd-${c.slug}-${metric}.svg)\n` : '',
    `| learner | average rank | mean ${metric} | ${control} wins / ties / losses | rank gap | Wilcoxon p | Holm p | verdict (α = 0.05) |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  const order = c.learners.map((_, i) => i).sort((a, b) => result.meanRanks[a] - result.meanRanks[b]);
  for (const i of order) {
    const column = scores.map((row) => row[i]);
    if (i === ctrl) {
      lines.push(`| **${control}** | ${fmt(result.meanRanks[i])} | ${fmt(100 * mean(column))} | — | — | — | — | — |`);
      continue;
    }
    const diffs = scores.map((row) => row[ctrl] - row[i]);
    const wins = diffs.filter((d) => d > 0).length;
    const losses = diffs.filter((d) => d < 0).length;
    const test = tests.find((t) => (t.a === ctrl && t.b === i) || (t.a === i && t.b === ctrl))!;
    const gap = result.meanRanks[i] - result.meanRanks[ctrl];
    const verdict = test.pHolm >= 0.05 ? 'no significant difference' : mean(diffs) > 0 ? `${control} better` : `${control} worse`;
    lines.push(`| ${c.learners[i]} | ${fmt(result.meanRanks[i])} | ${fmt(100 * mean(column))} | ${wins} / ${diffs.length - wins - losses} / ${losses} | ${fmt(gap)}${Math.abs(gap) > result.criticalDifference ? ' (> CD)' : ''} | ${test.pValue.toFixed(4)} | ${test.pHolm.toFixed(4)} | ${verdict} |`);
  }
  return [...lines, ''];
}

function costSection(c: Comparison): string[] {
  const lines = [
    `### CPU and memory`, '',
    `CPU seconds of learning and prediction (mean over seeds per stream, summed over the ${c.streams.length} streams); ratios to ${reference}. Peak RSS of the job's process (bridged learners: the Node worker, the server process is not counted) and final model size, medians over jobs.`, '',
    `| learner | total CPU s | ratio to ${reference} (total) | median per-stream ratio | largest per-stream ratio | median peak RSS MiB | median model MiB |`,
    '|---|---|---|---|---|---|---|',
  ];
  const total = (l: string) => c.streams.reduce((a, s) => a + c.value(l, s, 'cpu_s'), 0);
  const refTotal = total(reference);
  for (const l of c.learners) {
    const ratios = c.streams.map((s) => ({ s, r: c.value(l, s, 'cpu_s') / c.value(reference, s, 'cpu_s') }));
    const largest = ratios.reduce((a, b) => (b.r > a.r ? b : a));
    const rows = c.streams.flatMap((s) => resultsOf(data, l, s));
    const rss = rows.map((r) => r.peak_rss_bytes).filter((v): v is number => typeof v === 'number');
    const model = rows.map((r) => r.model_bytes).filter((v): v is number => typeof v === 'number');
    const mib = (xs: number[]) => (xs.length ? fmt(median(xs) / 2 ** 20, 1) : '—');
    lines.push(`| ${l === control ? `**${l}**` : l} | ${fmt(total(l), 1)} | ${fmt(total(l) / refTotal)} | ${fmt(median(ratios.map((x) => x.r)))} | ${fmt(largest.r)} (${largest.s}) | ${mib(rss)} | ${mib(model)} |`);
  }
  return [...lines, ''];
}

/**
 * Accuracy over the `span` instances before and after each known drift (synthetic streams), on
 * the drifts every learner of the comparison saw `span` instances past (within `horizon`).
 */
function driftSection(c: Comparison, span = 5000): string[] {
  const perDrift: { stream: string; position: number; before: Map<string, number>; after: Map<string, number> }[] = [];
  for (const s of c.streams) {
    const positions = resultsOf(data, c.learners[0], s)[0]?.drift_positions ?? [];
    for (const p of positions) {
      if (p < span || p + span > c.horizon) continue;
      const before = new Map<string, number>();
      const after = new Map<string, number>();
      for (const l of c.learners) {
        const rows = resultsOf(data, l, s).filter((r) => r.instances >= p + span);
        const pre = rows.map((r) => segmentAccuracy(data, r, p - span, p)).filter((v): v is number => v !== undefined);
        const post = rows.map((r) => segmentAccuracy(data, r, p, p + span)).filter((v): v is number => v !== undefined);
        if (!pre.length || !post.length) continue;
        before.set(l, mean(pre));
        after.set(l, mean(post));
      }
      if (after.size === c.learners.length) perDrift.push({ stream: s, position: p, before, after });
    }
  }
  const perLearner = new Map<string, { before: number[]; after: number[] }>(
    c.learners.map((l) => [l, { before: perDrift.map((d) => d.before.get(l)!), after: perDrift.map((d) => d.after.get(l)!) }]),
  );
  if (!perDrift.length) return [];
  const lines = [
    `### Right after a drift`, '',
    `Accuracy over the ${span.toLocaleString('en')} instances before and after each known drift of the synthetic streams (${perDrift.length} drifts on ${new Set(perDrift.map((d) => d.stream)).size} streams; exact, from the cumulative accuracies at the checkpoints; gradual drifts are centred on their position).`, '',
    '| learner | mean accuracy before | mean accuracy after | drop | drifts where it beats ' + control + ' after |',
    '|---|---|---|---|---|',
  ];
  const order = [...perLearner.entries()].sort((a, b) => mean(b[1].after) - mean(a[1].after));
  for (const [l, e] of order) {
    const beats = perDrift.filter((d) => d.after.get(l)! > d.after.get(control)!).length;
    lines.push(`| ${l === control ? `**${l}**` : l} | ${fmt(100 * mean(e.before))} | ${fmt(100 * mean(e.after))} | ${fmt(100 * (mean(e.before) - mean(e.after)))} | ${l === control ? '—' : `${beats} of ${perDrift.length}`} |`);
  }
  // The best single learner of each stream: highest mean accuracy over the whole stream among non-selectors.
  let faster = 0;
  for (const d of perDrift) {
    const singles = c.learners.filter((l) => !isSelector(l));
    const best = singles.reduce((a, b) => (c.value(b, d.stream, 'accuracy') > c.value(a, d.stream, 'accuracy') ? b : a));
    if (d.after.get(control)! >= d.after.get(best)!) faster++;
  }
  lines.push('', `After ${faster} of ${perDrift.length} drifts ${control} is at least as accurate over the next ${span.toLocaleString('en')} instances as the stream's best non-selector learner (best by whole-stream accuracy).`, '');
  return lines;
}

function coverage(): string[] {
  const done = data.jobs.filter((j) => j.status === 'done').length;
  const failed = data.jobs.filter((j) => !['done', 'queued', 'running'].includes(j.status));
  const lines = [`Source: \`${dir}\` — ${data.jobs.length} jobs, ${done} done, ${failed.length} failed or over budget, ${data.jobs.length - done - failed.length} not run yet.`, ''];
  const { incomplete } = completeStreams(data, learners);
  if (incomplete.length) lines.push(`Streams not yet complete for every learner (each comparison below uses the streams complete for its learners): ${incomplete.join(', ')}.`, '');
  for (const j of failed) lines.push(`- ${j.status}: ${j.learner} × ${j.stream}: ${(j.error ?? '').slice(0, 160)}`);
  return failed.length ? [...lines, ''] : lines;
}

const sections: string[] = [...coverage()];
for (const c of [wholeStreams(), firstInstances()]) {
  if (c.streams.length < 2) {
    sections.push(`## ${c.title}`, '', `Fewer than two complete streams; nothing to compare yet.`, '');
    continue;
  }
  sections.push(`## ${c.title}`, '', `Streams (${c.streams.length}): ${c.streams.join(', ')}.`, '');
  for (const metric of ['accuracy', 'kappa'] as const) sections.push(...rankSection(c, metric));
  sections.push(...costSection(c));
  sections.push(...driftSection(c));
}
const text = sections.join('\n') + '\n';
console.log(text);
if (out) {
  const command = `node --conditions=tributary-source --import tsx plugins/benchmark/scripts/automl-stats.ts ${args.join(' ')}`;
  writeFileSync(out, `# AutoML statistics (generated)\n\nGenerated by \`${command}\`.\n\n${text}`);
}
