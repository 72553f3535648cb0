import { bayesianSignedRank, type AlgorithmComparison } from '@tributary/stats';
import { agreementChartSvg, referenceColorIndex } from './agreement-chart.js';
import { cdDiagramSvg } from './cd-diagram.js';
import { curveChartSvg } from './curve-chart.js';
import type { ReportMetric } from './report-data.js';
import type { MetricAnalysis, ModelAlgorithm, ModelCell, ReportModel } from './report-model.js';
import { scatterChartSvg } from './scatter-chart.js';
import { escapeXml, formatBytes, formatMetric, formatP, formatSeconds, inlineLabel, pText, seriesColor, seriesDash } from './svg-util.js';

/** An SVG produced for the page, also written to its own file. */
export interface ReportFigure {
  /** File name inside the output directory, e.g. 'cd-accuracy.svg'. */
  file: string;
  svg: string;
}

/** File-name-safe slug of an id. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'x'
  );
}

function swatch(algorithm: ModelAlgorithm): string {
  return `<span class="swatch" style="background:${seriesColor(algorithm.colorIndex)}"></span>`;
}

function list(items: string[], max = 6): string {
  if (items.length <= max) return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Algorithm indices ordered by mean rank (best first). */
function byRank(comparison: AlgorithmComparison): number[] {
  return comparison.meanRanks.map((_, i) => i).sort((a, b) => comparison.meanRanks[a] - comparison.meanRanks[b] || a - b);
}

function bold(text: string): string {
  return `<strong>${escapeXml(text)}</strong>`;
}

/** Cost per 1,000 instances of one cell, in CPU seconds. */
function costPerThousand(cell: ModelCell): number {
  return cell.instances > 0 ? (cell.cpuSeconds / cell.instances) * 1000 : Number.NaN;
}

function geometricMean(values: number[]): number {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return Number.NaN;
  return Math.exp(positive.reduce((a, v) => a + Math.log(v), 0) / positive.length);
}

/** Geometric mean over streams of the CPU seconds per 1,000 instances, per algorithm. */
export function costByAlgorithm(model: ReportModel): Map<string, number> {
  const costs = new Map<string, number>();
  for (const a of model.algorithms) {
    const cells = [...(model.cells.get(a.key)?.values() ?? [])];
    costs.set(a.key, geometricMean(cells.map(costPerThousand)));
  }
  return costs;
}

/** Region of practical equivalence for the Bayesian test: one point on metrics bounded by 1. */
const ROPE = 0.01;

/** Bayesian signed-rank comparison of the two best algorithms on the headline metric. */
function bayesianSentence(model: ReportModel, analysis: MetricAnalysis, first: number, second: number): string {
  const c = analysis.comparison!;
  const column = (j: number) => analysis.streams.map((stream) => model.cells.get(model.algorithms[j].key)!.get(stream)!.metrics[analysis.metric.id]);
  const sign = analysis.metric.higherIsBetter ? 1 : -1;
  const a = column(first).map((v) => sign * v);
  const b = column(second).map((v) => sign * v);
  const posterior = bayesianSignedRank(a, b, { rope: ROPE, samples: 20000, seed: 1 });
  const percent = (p: number) => `${(100 * p).toFixed(p > 0.995 || p < 0.005 ? 1 : 0)} %`;
  return `<li id="summary-bayesian">Bayesian signed-rank test (Benavoli et al. 2017, rope ± ${ROPE}): ${bold(c.names[first])} better than ${bold(c.names[second])} with probability ${percent(posterior.left)}, practically equivalent ${percent(posterior.rope)}, worse ${percent(posterior.right)}.</li>`;
}

/** The "what the results say" list at the top of the page. */
export function summarySection(model: ReportModel): string {
  const items: string[] = [];
  const [headline, ...others] = model.analyses;
  if (headline?.comparison) {
    const c = headline.comparison;
    const order = byRank(c);
    const best = order[0];
    const followers = order.slice(1, 3).map((i) => `${escapeXml(c.names[i])} (${c.meanRanks[i].toFixed(2)})`);
    items.push(
      `<li class="headline" id="summary-headline">${bold(c.names[best])} ranks first on ${escapeXml(inlineLabel(headline.metric.label))} (mean rank ${c.meanRanks[best].toFixed(2)} over ${c.n} streams)${followers.length ? `, followed by ${list(followers)}` : ''}.</li>`,
    );
    const f = c.friedman;
    items.push(
      f.imanDavenportPValue < c.alpha
        ? `<li>The Friedman test with the Iman–Davenport correction rejects equal performance (F<sub>F</sub> = ${f.imanDavenport.toFixed(2)}, ${pText(f.imanDavenportPValue)}).</li>`
        : `<li>The Friedman test (Iman–Davenport) finds no significant difference among the algorithms on ${escapeXml(inlineLabel(headline.metric.label))} (${pText(f.imanDavenportPValue)}): the ranking may be chance.</li>`,
    );
    const significant = c.pairwise.filter((p) => p.significant && p.better !== 'tie');
    if (significant.length) {
      const beaten = new Map<number, number[]>();
      for (const p of significant) {
        const [winner, loser] = p.better === 'a' ? [p.a, p.b] : [p.b, p.a];
        beaten.set(winner, [...(beaten.get(winner) ?? []), loser]);
      }
      const leader = order[0];
      const leaderBeats = beaten.get(leader) ?? [];
      const notBeaten = order.slice(1).filter((j) => !leaderBeats.includes(j)).map((j) => escapeXml(c.names[j]));
      let detail: string;
      if (significant.length <= 10) {
        detail = `: ${order
          .filter((w) => beaten.has(w))
          .map((w) => `${bold(c.names[w])} over ${list(beaten.get(w)!.sort((a, b) => c.meanRanks[a] - c.meanRanks[b]).map((l) => escapeXml(c.names[l])), 8)}`)
          .join('; ')}`;
      } else {
        detail = `. The leader, ${bold(c.names[leader])}, is significantly better than ${leaderBeats.length} of the ${order.length - 1} others${notBeaten.length ? `; not significantly different from ${list(notBeaten, 8)}` : ''}`;
      }
      items.push(
        `<li id="summary-significance">Differences significant for ${significant.length} of ${c.pairwise.length} pairs (Wilcoxon signed-rank, Holm, α = ${c.alpha})${detail}.</li>`,
      );
    } else {
      items.push(`<li id="summary-significance">No pair of algorithms differs significantly after Holm's correction (Wilcoxon signed-rank, α = ${c.alpha}).</li>`);
    }
    if (order.length >= 2 && headline.streams.length >= 2) {
      items.push(bayesianSentence(model, headline, order[0], order[1]));
    }
    const groups = c.cliques.length;
    items.push(
      `<li>Nemenyi's critical difference is ${c.criticalDifference.toFixed(2)} ranks; ${groups === 1 && c.cliques[0].length === c.names.length ? 'all algorithms fall in one group of statistically indistinguishable ranks' : `the CD diagram shows ${groups} overlapping group${groups === 1 ? '' : 's'} of indistinguishable algorithms`}.</li>`,
    );
  } else if (headline) {
    items.push(`<li class="headline" id="summary-headline">No ranking on ${escapeXml(inlineLabel(headline.metric.label))}: ${escapeXml(headline.reason ?? 'no data')}.</li>`);
  }
  for (const analysis of others) {
    if (!analysis.comparison) continue;
    const c = analysis.comparison;
    const best = byRank(c)[0];
    items.push(
      `<li>On ${escapeXml(inlineLabel(analysis.metric.label))}, ${bold(c.names[best])} ranks first (${c.meanRanks[best].toFixed(2)}); Iman–Davenport ${pText(c.friedman.imanDavenportPValue)}.</li>`,
    );
  }
  const costs = costByAlgorithm(model);
  const cheapest = model.algorithms.filter((a) => Number.isFinite(costs.get(a.key))).sort((a, b) => costs.get(a.key)! - costs.get(b.key)!)[0];
  if (cheapest) {
    items.push(`<li>Fastest: ${bold(cheapest.label)}, ${formatSeconds(costs.get(cheapest.key)!)} of CPU per 1,000 instances (geometric mean over streams).</li>`);
  }
  if (headline && headline.droppedStreams.length) {
    items.push(
      `<li>Left out of the ranking because some algorithm has no finished result there: ${list(headline.droppedStreams.map(escapeXml), 8)}.</li>`,
    );
  }
  const failures = model.failures.length;
  if (failures) {
    const counts = new Map<string, number>();
    for (const f of model.failures) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
    const detail = [...counts.entries()].map(([status, n]) => `${n} ${status}`).join(', ');
    items.push(`<li>${failures} of ${model.data.results.length} runs did not finish (${detail}); see <a href="#failures">Failures</a>.</li>`);
  } else if (model.data.results.length) {
    items.push(`<li>All ${model.data.results.length} runs finished.</li>`);
  }
  return `<section class="summary" id="summary"><h2>Summary</h2><ul>${items.join('')}</ul></section>`;
}

/** CD diagrams, one per metric; the SVGs are returned to be written as files too. */
export function cdSection(model: ReportModel, figures: ReportFigure[]): string {
  const cards: string[] = [];
  for (const analysis of model.analyses) {
    const c = analysis.comparison;
    if (!c) {
      cards.push(`<div class="chart-card"><h3>${escapeXml(analysis.metric.label)}</h3><p class="muted">No diagram: ${escapeXml(analysis.reason ?? '')}.</p></div>`);
      continue;
    }
    const id = `cd-${slug(analysis.metric.id)}`;
    const svg = cdDiagramSvg({
      id,
      title: `${analysis.metric.label}: critical difference diagram`,
      names: c.names,
      meanRanks: c.meanRanks,
      criticalDifference: c.criticalDifference,
      cliques: c.cliques,
      alpha: c.alpha,
    });
    figures.push({ file: `${id}.svg`, svg });
    cards.push(
      `<figure class="chart-card" data-metric="${escapeXml(analysis.metric.id)}"><h3>${escapeXml(analysis.metric.label)}</h3>${svg}<figcaption>Mean ranks over ${c.n} streams (right = better). Bars join algorithms whose ranks differ by less than the critical difference. <a href="${id}.svg">SVG</a></figcaption></figure>`,
    );
  }
  return `<section id="cd-diagrams"><h2>Critical-difference diagrams</h2><p class="lede">Demšar (2006): algorithms are placed at their mean rank across streams; Nemenyi's critical difference at α = 0.05 is drawn above the axis.</p><div class="cd-list">${cards.join('')}</div></section>`;
}

/** Average ranks of every algorithm on every metric, sorted by the headline metric. */
export function rankSection(model: ReportModel): string {
  const analyses = model.analyses.filter((a) => a.comparison);
  if (analyses.length === 0) return `<section id="ranks"><h2>Average ranks</h2><p class="muted">Not enough complete results to rank.</p></section>`;
  const headline = analyses[0].comparison!;
  const order = byRank(headline);
  const bestRank = analyses.map((a) => Math.min(...a.comparison!.meanRanks));
  const header = analyses.map((a) => `<th>${escapeXml(a.metric.label)}</th>`).join('');
  const wins = model.algorithms.map((_, j) => {
    let count = 0;
    for (const stream of analyses[0].streams) {
      const values = model.algorithms.map((a) => model.cells.get(a.key)!.get(stream)!.metrics[analyses[0].metric.id]);
      const best = analyses[0].metric.higherIsBetter ? Math.max(...values) : Math.min(...values);
      if (values[j] === best) count++;
    }
    return count;
  });
  const rows = order
    .map((j, position) => {
      const algorithm = model.algorithms[j];
      const cells = analyses
        .map((a, m) => {
          const rank = a.comparison!.meanRanks[j];
          return `<td class="${rank === bestRank[m] ? 'best' : ''}">${rank.toFixed(2)}</td>`;
        })
        .join('');
      const mean = analyses[0].streams.reduce((s, stream) => s + model.cells.get(algorithm.key)!.get(stream)!.metrics[analyses[0].metric.id], 0) / analyses[0].streams.length;
      return `<tr data-algorithm="${escapeXml(algorithm.label)}"><td>${position + 1}</td><td class="name">${swatch(algorithm)}${escapeXml(algorithm.label)}</td>${cells}<td>${formatMetric(mean)}</td><td>${wins[j]}</td></tr>`;
    })
    .join('');
  return `<section id="ranks"><h2>Average ranks</h2><p class="lede">Rank 1 = best on a stream; ties share the average rank. Sorted by ${escapeXml(inlineLabel(analyses[0].metric.label))}; ★ marks the best rank per metric.</p><div class="table-wrap"><table id="rank-table"><thead><tr><th>#</th><th class="name">Algorithm</th>${header}<th>Mean ${escapeXml(inlineLabel(analyses[0].metric.label))}</th><th>Wins</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function friedmanRow(analysis: MetricAnalysis): string {
  const c = analysis.comparison;
  if (!c) return `<tr><td class="name">${escapeXml(analysis.metric.label)}</td><td colspan="8" class="muted" style="text-align:left">${escapeXml(analysis.reason ?? '')}</td></tr>`;
  const f = c.friedman;
  const significant = f.imanDavenportPValue < c.alpha;
  return `<tr data-metric="${escapeXml(analysis.metric.id)}"><td class="name">${escapeXml(analysis.metric.label)}</td><td>${c.n}</td><td>${c.names.length}</td><td>${f.chiSquare.toFixed(2)}</td><td>${formatP(f.chiSquarePValue)}</td><td>${Number.isFinite(f.imanDavenport) ? f.imanDavenport.toFixed(2) : '∞'} <span class="std">(${f.imanDavenportDf[0]}, ${f.imanDavenportDf[1]})</span></td><td>${formatP(f.imanDavenportPValue)}</td><td>${c.criticalDifference.toFixed(2)}</td><td><span class="badge ${significant ? 'yes' : 'no'}">${significant ? 'differ' : 'no evidence'}</span></td></tr>`;
}

function pairwiseMatrix(model: ReportModel, analysis: MetricAnalysis): string {
  const c = analysis.comparison!;
  const order = byRank(c);
  const lookup = new Map<string, { p: number; significant: boolean; better: 'a' | 'b' | 'tie'; a: number }>();
  for (const p of c.pairwise) {
    lookup.set(`${p.a},${p.b}`, { p: p.pHolm, significant: p.significant, better: p.better, a: p.a });
    lookup.set(`${p.b},${p.a}`, { p: p.pHolm, significant: p.significant, better: p.better, a: p.a });
  }
  const head = order.map((j) => `<th class="col" title="${escapeXml(c.names[j])}">${escapeXml(c.names[j])}</th>`).join('');
  const rows = order
    .map((i) => {
      const cells = order
        .map((j) => {
          if (i === j) return `<td class="self"></td>`;
          const entry = lookup.get(`${i},${j}`)!;
          const rowWins = entry.better !== 'tie' && (entry.better === 'a') === (entry.a === i);
          const cls = !entry.significant || entry.better === 'tie' ? 'ns' : rowWins ? 'win' : 'loss';
          const mark = cls === 'win' ? '▲ ' : cls === 'loss' ? '▼ ' : '';
          return `<td class="${cls}" title="${escapeXml(c.names[i])} vs ${escapeXml(c.names[j])}: Holm p = ${formatP(entry.p)}">${mark}${formatP(entry.p)}</td>`;
        })
        .join('');
      return `<tr><td class="name">${swatch(model.algorithms[i])}${escapeXml(c.names[i])}</td>${cells}</tr>`;
    })
    .join('');
  return `<div class="table-wrap"><table class="matrix" data-metric="${escapeXml(analysis.metric.id)}"><thead><tr><th class="name">Row vs column</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Friedman / Iman–Davenport per metric, and Wilcoxon–Holm pairwise matrices. */
export function testsSection(model: ReportModel): string {
  const friedman = model.analyses.map(friedmanRow).join('');
  const matrices = model.analyses
    .filter((a) => a.comparison)
    .map(
      (a, index) =>
        `<details${index === 0 ? ' open' : ''}><summary>${escapeXml(a.metric.label)} <span class="muted">— Holm-adjusted p-values of pairwise Wilcoxon signed-rank tests over ${a.comparison!.n} streams</span></summary>${pairwiseMatrix(model, a)}</details>`,
    )
    .join('');
  return `<section id="tests"><h2>Statistical tests</h2><p class="lede">Friedman's χ²<sub>F</sub> and the Iman–Davenport F<sub>F</sub> test whether all algorithms perform alike; the pairwise Wilcoxon signed-rank tests with Holm's correction (Benavoli et al. 2016) say which pairs differ.</p><div class="table-wrap"><table id="friedman-table"><thead><tr><th class="name">Metric</th><th>Streams</th><th>k</th><th>χ²<sub>F</sub></th><th>p</th><th>F<sub>F</sub> (df)</th><th>p</th><th>CD (α = .05)</th><th>Verdict</th></tr></thead><tbody>${friedman}</tbody></table></div><h3>Pairwise comparisons</h3><p class="muted small">▲ the row algorithm is significantly better than the column one, ▼ significantly worse (α = 0.05 after Holm); grey: no significant difference.</p>${matrices}</section>`;
}

type Column = { label: string; value: (cell: ModelCell) => number | undefined; format: (v: number | undefined, cell: ModelCell) => string; higherIsBetter: boolean };

function streamColumns(metrics: ReportMetric[]): Column[] {
  const columns: Column[] = metrics.map((m) => ({
    label: m.label,
    value: (cell) => cell.metrics[m.id],
    format: (v, cell) => `${formatMetric(v)}${cell.seedsDone > 1 && cell.metricsStd[m.id] !== undefined ? ` <span class="std">± ${formatMetric(cell.metricsStd[m.id])}</span>` : ''}`,
    higherIsBetter: m.higherIsBetter,
  }));
  columns.push({ label: 'CPU time', value: (cell) => cell.cpuSeconds, format: (v) => formatSeconds(v), higherIsBetter: false });
  columns.push({ label: 'per 1k inst.', value: (cell) => costPerThousand(cell), format: (v) => formatSeconds(v), higherIsBetter: false });
  columns.push({ label: 'Memory', value: (cell) => cell.memoryBytes, format: (v) => formatBytes(v), higherIsBetter: false });
  return columns;
}

/** One table per stream: every algorithm's metrics, time and memory, with the best marked. */
export function streamsSection(model: ReportModel): string {
  const columns = streamColumns(model.data.metrics);
  const blocks = model.streams.map((stream, index) => {
    const present = model.algorithms.filter((a) => model.cells.get(a.key)?.has(stream));
    const best = columns.map((col) => {
      const values = present.map((a) => col.value(model.cells.get(a.key)!.get(stream)!)).filter((v): v is number => v !== undefined && Number.isFinite(v));
      return values.length ? (col.higherIsBetter ? Math.max(...values) : Math.min(...values)) : undefined;
    });
    const headline = model.data.metrics[0];
    const sorted = [...present].sort((a, b) => {
      const va = model.cells.get(a.key)!.get(stream)!.metrics[headline?.id ?? ''] ?? Number.NaN;
      const vb = model.cells.get(b.key)!.get(stream)!.metrics[headline?.id ?? ''] ?? Number.NaN;
      const d = headline?.higherIsBetter === false ? va - vb : vb - va;
      return Number.isNaN(d) ? 0 : d;
    });
    const rows = sorted
      .map((a) => {
        const cell = model.cells.get(a.key)!.get(stream)!;
        const tds = columns
          .map((col, c) => {
            const v = col.value(cell);
            return `<td class="${v !== undefined && v === best[c] ? 'best' : ''}">${col.format(v, cell)}</td>`;
          })
          .join('');
        const seeds = cell.seedsDone === cell.seedsTotal ? `${cell.seedsDone}` : `${cell.seedsDone}/${cell.seedsTotal}`;
        return `<tr data-algorithm="${escapeXml(a.label)}"><td class="name">${swatch(a)}${escapeXml(a.label)}</td>${tds}<td>${seeds}</td></tr>`;
      })
      .join('');
    const missing = model.algorithms.filter((a) => !model.cells.get(a.key)?.has(stream));
    const missingNote = missing.length ? `<p class="muted small">No finished run: ${escapeXml(missing.map((a) => a.label).join(', '))}.</p>` : '';
    const instances = Math.max(0, ...present.map((a) => model.cells.get(a.key)!.get(stream)!.instances));
    const drifts = model.data.driftPositions[stream]?.length ?? 0;
    const leader = sorted[0] ? ` — best ${escapeXml(inlineLabel(headline?.label ?? ''))}: ${escapeXml(sorted[0].label)}` : '';
    return `<details class="stream" data-stream="${escapeXml(stream)}"${index < 2 ? ' open' : ''}><summary>${escapeXml(stream)} <span class="muted">(${instances.toLocaleString('en-US')} instances${drifts ? `, ${drifts} drift${drifts > 1 ? 's' : ''}` : ''})${leader}</span></summary><div class="table-wrap"><table><thead><tr><th class="name">Algorithm</th>${columns.map((c) => `<th>${escapeXml(c.label)}</th>`).join('')}<th>Seeds</th></tr></thead><tbody>${rows}</tbody></table></div>${missingNote}</details>`;
  });
  return `<section id="streams"><h2>Results per stream</h2><p class="lede">Final prequential values averaged over seeds (± standard deviation when there are several). ★ marks the best value in each column; time and memory: lower is better.</p>${blocks.join('')}</section>`;
}

/** Windowed metric over time per stream, with drift markers; returns the SVGs as figures too. */
export function curvesSection(model: ReportModel, figures: ReportFigure[]): string {
  const metric = model.curveMetric;
  if (!metric || model.curves.size === 0) return `<section id="curves"><h2>Over time</h2><p class="muted">No curves were recorded.</p></section>`;
  const shown = new Set<string>();
  const cards: string[] = [];
  for (const stream of [...model.curves.keys()].sort((a, b) => a.localeCompare(b))) {
    const curves = model.curves.get(stream)!;
    curves.forEach((c) => shown.add(c.algorithm.key));
    const id = `curve-${slug(stream)}`;
    const series = curves.map((c) => ({ label: c.algorithm.label, colorIndex: c.algorithm.colorIndex, points: c.points }));
    const drift = model.data.driftPositions[stream] ?? [];
    const input = { id, title: `${metric.label} over time on ${stream}`, yLabel: `${metric.label} (windowed)`, series, driftPositions: drift };
    figures.push({ file: `${id}.svg`, svg: curveChartSvg({ ...input, legend: true }) });
    cards.push(
      `<figure class="chart-card curve" data-stream="${escapeXml(stream)}"><h3>${escapeXml(stream)}</h3>${curveChartSvg({ ...input, legend: false })}<figcaption>${drift.length ? `Dashed red lines: ${drift.length} known drift${drift.length > 1 ? 's' : ''}. ` : ''}<a href="${id}.svg">SVG</a></figcaption></figure>`,
    );
  }
  const legend = model.algorithms
    .filter((a) => shown.has(a.key))
    .map((a) => {
      const dash = seriesDash(a.colorIndex);
      return `<span class="legend-item" data-algorithm="${escapeXml(a.label)}"><span class="line" style="border-color:${seriesColor(a.colorIndex)};${dash ? 'border-top-style:dashed;' : ''}"></span>${escapeXml(a.label)}</span>`;
    })
    .join('');
  return `<section id="curves"><h2>${escapeXml(metric.label)} over time</h2><p class="lede">Prequential ${escapeXml(inlineLabel(metric.label))} over a sliding window, averaged over seeds. Hover a name to follow one algorithm.</p><div class="legend">${legend}</div><div class="grid">${cards.join('')}</div></section>`;
}

/** Time against the headline metric, one point per algorithm. */
export function scatterSection(model: ReportModel, figures: ReportFigure[]): string {
  const headline = model.analyses[0];
  if (!headline) return '';
  const costs = costByAlgorithm(model);
  const streams = headline.comparison ? headline.streams : model.streams;
  const points = model.algorithms
    .map((a) => {
      const values = streams.map((s) => model.cells.get(a.key)?.get(s)?.metrics[headline.metric.id]).filter((v): v is number => v !== undefined && Number.isFinite(v));
      return { label: a.label, colorIndex: a.colorIndex, x: costs.get(a.key) ?? Number.NaN, y: values.length ? values.reduce((s, v) => s + v, 0) / values.length : Number.NaN };
    })
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (points.length === 0) return `<section id="cost"><h2>Time vs ${escapeXml(inlineLabel(headline.metric.label))}</h2><p class="muted">No finished runs.</p></section>`;
  const svg = scatterChartSvg({
    id: 'time-vs-quality',
    title: `CPU time per 1,000 instances against mean ${inlineLabel(headline.metric.label)}`,
    xLabel: 'CPU time per 1,000 instances (geometric mean over streams, log scale)',
    yLabel: `Mean ${inlineLabel(headline.metric.label)}`,
    points,
  });
  figures.push({ file: 'time-vs-quality.svg', svg });
  return `<section id="cost"><h2>Time vs ${escapeXml(inlineLabel(headline.metric.label))}</h2><p class="lede">Up and to the left is better: more ${escapeXml(inlineLabel(headline.metric.label))} for less CPU. ${headline.comparison ? `Means over the ${streams.length} streams every algorithm finished.` : ''}</p><figure class="chart-card">${svg}<figcaption><a href="time-vs-quality.svg">SVG</a></figcaption></figure></section>`;
}

/** Native against each reference implementation, where the data holds that comparison. */
export function agreementSection(model: ReportModel, figures: ReportFigure[]): string {
  const rows = model.data.agreement ?? [];
  if (rows.length === 0) return '';
  const svg = agreementChartSvg('native-vs-reference', rows);
  figures.push({ file: 'native-vs-reference.svg', svg });
  const capped = rows.some((r) => r.cappedStreams > 0);
  const body = rows
    .map((r) => {
      const difference = r.nativeAccuracy - r.referenceAccuracy;
      const gap = r.widestGap ? `${r.widestGap.difference >= 0 ? '+' : '−'}${Math.abs(r.widestGap.difference).toFixed(4)} <span class="std">${escapeXml(r.widestGap.stream)}</span>` : '<span class="muted">none</span>';
      const swatchHtml = `<span class="swatch" style="background:${seriesColor(referenceColorIndex(r.reference))}"></span>`;
      return `<tr data-algorithm="${escapeXml(r.algorithm)}" data-reference="${escapeXml(r.reference)}"><td class="name">${escapeXml(r.algorithm)}</td><td class="name">${swatchHtml}${escapeXml(r.reference)}</td><td>${r.streams}${r.cappedStreams ? ` <span class="std">(${r.cappedStreams} capped)</span>` : ''}</td><td>${r.nativeAccuracy.toFixed(4)}</td><td>${r.referenceAccuracy.toFixed(4)}</td><td>${difference >= 0 ? '+' : '−'}${Math.abs(difference).toFixed(4)}</td><td>${gap}</td></tr>`;
    })
    .join('');
  return `<section id="agreement"><h2>Native vs reference</h2><p class="lede">Each native learner against the same algorithm in River and MOA: mean accuracy over seeds, then over the streams where both finished every run.${capped ? ' Where the reference was capped, native is read at its checkpoint on the same instance count.' : ''} Equal accuracy is necessary for a faithful port, not sufficient; the algorithm pages list the known differences.</p><figure class="chart-card">${svg}<figcaption><a href="native-vs-reference.svg">SVG</a></figcaption></figure><div class="table-wrap"><table id="agreement-table"><thead><tr><th class="name">Algorithm</th><th class="name">Reference</th><th>Streams</th><th>Native</th><th>Reference</th><th>Native − reference</th><th>Widest per-stream gap</th></tr></thead><tbody>${body}</tbody></table></div></section>`;
}

/** Runs that did not finish, with their errors. */
export function failuresSection(model: ReportModel): string {
  if (model.failures.length === 0) return `<section id="failures"><h2>Failures</h2><p class="muted">None: every run finished.</p></section>`;
  const rows = model.failures
    .map(
      (f) =>
        `<tr><td class="name">${escapeXml(f.implementation === 'native' ? f.learner : `${f.learner} [${f.implementation}]`)}</td><td class="name">${escapeXml(f.stream)}</td><td>${f.seed}</td><td><span class="badge ${escapeXml(f.status)}">${escapeXml(f.status)}</span></td><td>${f.instances.toLocaleString('en-US')}</td><td>${formatSeconds(f.wallSeconds)}</td><td class="error">${escapeXml(f.error ?? '')}</td></tr>`,
    )
    .join('');
  return `<section id="failures"><h2>Failures</h2><p class="lede">${model.failures.length} run${model.failures.length > 1 ? 's' : ''} did not finish; their streams are left out of the rankings where the learner has no finished seed.</p><div class="table-wrap"><table id="failures-table"><thead><tr><th class="name">Algorithm</th><th class="name">Stream</th><th>Seed</th><th>Status</th><th>Instances</th><th>Wall time</th><th class="name">Error</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

/** Versions and machine. */
export function environmentSection(model: ReportModel): string {
  const rows = Object.entries(model.data.environment)
    .map(([key, value]) => `<tr><td class="name">${escapeXml(key)}</td><td class="name">${escapeXml(String(value))}</td></tr>`)
    .join('');
  return `<section id="environment"><h2>Environment</h2><div class="table-wrap"><table id="environment-table"><tbody>${rows || '<tr><td class="muted">Not recorded.</td></tr>'}</tbody></table></div></section>`;
}
