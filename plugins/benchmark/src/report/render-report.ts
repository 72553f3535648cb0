import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TributaryError } from '@tributary/core';
import { REPORT_CSS, REPORT_JS } from './page-assets.js';
import type { ReportData } from './report-data.js';
import { buildReportModel, type ReportModel } from './report-model.js';
import {
  agreementSection,
  cdSection,
  curvesSection,
  environmentSection,
  failuresSection,
  rankSection,
  scatterSection,
  streamsSection,
  summarySection,
  testsSection,
  type ReportFigure,
} from './report-sections.js';
import { escapeXml } from './svg-util.js';

function assertReportData(data: ReportData): void {
  const problems: string[] = [];
  if (!data || typeof data !== 'object') problems.push('data must be an object');
  else {
    if (typeof data.title !== 'string') problems.push('title must be a string');
    if (!Array.isArray(data.metrics) || data.metrics.length === 0) problems.push('metrics must list at least one metric');
    if (!Array.isArray(data.results)) problems.push('results must be an array');
    if (!Array.isArray(data.curves)) problems.push('curves must be an array');
    const ids = new Set<string>();
    for (const m of data.metrics ?? []) {
      if (ids.has(m.id)) problems.push(`metric id '${m.id}' is listed twice`);
      ids.add(m.id);
    }
    for (const [i, r] of (data.results ?? []).entries()) {
      if (!['done', 'failed', 'timeout', 'budget'].includes(r.status)) problems.push(`results[${i}].status is '${r.status}', expected done, failed, timeout or budget`);
    }
  }
  if (problems.length) throw new TributaryError('INVALID_DATA', `renderReport: invalid ReportData: ${problems.join('; ')}`);
}

function generatedAtText(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function pageHtml(model: ReportModel, figures: ReportFigure[]): string {
  const data = model.data;
  const seeds = new Set(data.results.map((r) => r.seed)).size;
  const sections = [
    summarySection(model),
    cdSection(model, figures),
    rankSection(model),
    testsSection(model),
    agreementSection(model, figures),
    streamsSection(model),
    curvesSection(model, figures),
    scatterSection(model, figures),
    failuresSection(model),
    environmentSection(model),
  ].join('\n');
  const stat = (value: number | string, label: string) => `<div class="stat"><b>${escapeXml(String(value))}</b><span>${escapeXml(label)}</span></div>`;
  const nav = [
    ['summary', 'Summary'],
    ['cd-diagrams', 'CD diagrams'],
    ['ranks', 'Ranks'],
    ['tests', 'Tests'],
    ...(model.data.agreement?.length ? [['agreement', 'Native vs reference']] : []),
    ['streams', 'Per stream'],
    ['curves', 'Over time'],
    ['cost', 'Time vs quality'],
    ['failures', 'Failures'],
    ['environment', 'Environment'],
  ]
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Tributary benchmark report">
<title>${escapeXml(data.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="page"><div class="inner"><h1>${escapeXml(data.title)}</h1><p>Generated ${escapeXml(generatedAtText(data.generatedAt))}</p><div class="stats">${stat(model.algorithms.length, 'algorithms')}${stat(model.streams.length, 'streams')}${stat(seeds, seeds === 1 ? 'seed' : 'seeds')}${stat(data.results.length, 'runs')}${stat(model.failures.length, 'failures')}</div></div></header>
<nav class="toc" aria-label="Sections"><div class="inner">${nav}</div></nav>
<main>
${sections}
</main>
<footer>Tributary · statistics after Demšar (2006) and Benavoli, Corani &amp; Mangili (2016)</footer>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}

/**
 * Writes a static HTML report of a benchmark to `outDir` (created if needed): `index.html`, which
 * opens from disk with no server and no external resources (CSS, SVG and script are inline), plus
 * every figure as its own SVG file (CD diagrams, curves per stream, time vs quality).
 * Returns the paths written.
 */
export async function renderReport(data: ReportData, outDir: string): Promise<{ files: string[] }> {
  assertReportData(data);
  const model = buildReportModel(data);
  const figures: ReportFigure[] = [];
  const html = pageHtml(model, figures);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const indexPath = path.join(outDir, 'index.html');
  await writeFile(indexPath, html, 'utf8');
  files.push(indexPath);
  for (const figure of figures) {
    const file = path.join(outDir, figure.file);
    await writeFile(file, `<?xml version="1.0" encoding="UTF-8"?>\n${figure.svg}\n`, 'utf8');
    files.push(file);
  }
  return { files };
}
