import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cdDiagramSvg } from './cd-diagram.js';
import { curveChartSvg } from './curve-chart.js';
import { renderReport } from './render-report.js';
import type { ReportData } from './report-data.js';
import { buildReportModel } from './report-model.js';
import { sampleReportData } from './sample-report-data.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('buildReportModel', () => {
  const data = sampleReportData();
  const model = buildReportModel(data);

  it('names algorithms by learner and non-native implementation', () => {
    expect(model.algorithms.map((a) => a.label)).toContain('hoeffding-tree [river]');
    expect(model.algorithms.map((a) => a.label)).toContain('hoeffding-tree');
  });

  it('drops streams where some algorithm has no finished seed, keeps those with one', () => {
    const accuracy = model.analyses[0];
    // river's tree failed both seeds on covtype; ARF timed out on one airlines seed only
    expect(accuracy.droppedStreams).toEqual(['covtype']);
    expect(accuracy.streams).toContain('airlines');
    const arf = model.cells.get('adaptive-random-forest|native')!.get('airlines')!;
    expect([arf.seedsDone, arf.seedsTotal]).toEqual([1, 2]);
  });

  it('ranks the learner built to win first, with real statistics', () => {
    const c = model.analyses[0].comparison!;
    const best = c.meanRanks.indexOf(Math.min(...c.meanRanks));
    expect(c.names[best]).toBe('adaptive-random-forest');
    expect(c.friedman.imanDavenportPValue).toBeLessThan(0.05);
    expect(model.failures).toHaveLength(3);
  });

  it('explains why there is no comparison with a single algorithm', () => {
    const one: ReportData = { ...data, results: data.results.filter((r) => r.learner === 'naive-bayes') };
    expect(buildReportModel(one).analyses[0].reason).toMatch(/at least 2 algorithms/);
  });
});

describe('SVG figures', () => {
  it('CD diagram: every name, one bar per clique, the CD label', () => {
    const svg = cdDiagramSvg({ id: 'cd', title: 't', names: ['a<b', 'c', 'd'], meanRanks: [1.2, 2.1, 2.7], criticalDifference: 1.0, cliques: [[0, 1], [1, 2]], alpha: 0.05 });
    expect(svg).toContain('a&lt;b');
    expect(svg.match(/class="cd-name"/g)).toHaveLength(3);
    expect(svg.match(/<line[^>]*><title>Not significantly different/g)).toHaveLength(2);
    expect(svg).toContain('CD = 1.00');
  });

  it('curve chart: one path per series and one marker per drift', () => {
    const svg = curveChartSvg({
      id: 'c',
      title: 't',
      yLabel: 'Accuracy',
      legend: true,
      driftPositions: [500, 1500],
      series: [
        { label: 'x', colorIndex: 0, points: [{ instances: 100, value: 0.5 }, { instances: 2000, value: 0.7 }] },
        { label: 'y', colorIndex: 11, points: [{ instances: 100, value: 0.6 }, { instances: 2000, value: 0.65 }] },
      ],
    });
    expect(svg.match(/class="series-line"/g)).toHaveLength(2);
    expect(svg.match(/class="drift-marker"/g)).toHaveLength(2);
    // the 12th series reuses a colour, so it gets a dash pattern
    expect(svg).toMatch(/data-algorithm="y"[^>]*stroke-dasharray="6 3"/);
  });
});

describe('renderReport', () => {
  it('writes index.html and the SVG files, self-contained', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'report-'));
    dirs.push(dir);
    const { files } = await renderReport(sampleReportData(), dir);
    expect(files[0]).toBe(path.join(dir, 'index.html'));
    // 3 CD diagrams, 11 curves, the scatter and native vs reference
    expect(files.filter((f) => f.endsWith('.svg')).length).toBe(3 + 11 + 1 + 1);
    const html = await readFile(files[0], 'utf8');
    // nothing loaded from elsewhere
    expect(html).not.toMatch(/<link\b|<script[^>]+src=|<img[^>]+src="https?:|@import|url\(http/);
    expect(html).toContain('id="rank-table"');
    const cd = await readFile(path.join(dir, 'cd-accuracy.svg'), 'utf8');
    expect(cd.startsWith('<?xml')).toBe(true);
  });

  it('shows native against reference from the data, and no such section without it', async () => {
    const data = sampleReportData();
    // The sample's only reference run is River's Hoeffding tree, which fails on covtype.
    expect(data.agreement).toHaveLength(1);
    const [row] = data.agreement!;
    expect(row).toMatchObject({ algorithm: 'hoeffding-tree', reference: 'river', streams: 10, cappedStreams: 0 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'report-'));
    dirs.push(dir);
    await renderReport(data, dir);
    const html = await readFile(path.join(dir, 'index.html'), 'utf8');
    expect(html).toContain('href="#agreement"');
    expect(html).toMatch(/<tr data-algorithm="hoeffding-tree" data-reference="river">.*?<td>10<\/td><td>[0-9.]+<\/td><td>[0-9.]+<\/td>/);
    const chart = await readFile(path.join(dir, 'native-vs-reference.svg'), 'utf8');
    expect(chart.match(/class="agreement"/g)).toHaveLength(1);

    const without = await mkdtemp(path.join(os.tmpdir(), 'report-'));
    dirs.push(without);
    const { files } = await renderReport({ ...data, agreement: undefined }, without);
    expect(files.some((f) => f.endsWith('native-vs-reference.svg'))).toBe(false);
    expect(await readFile(files[0], 'utf8')).not.toContain('id="agreement"');
  });

  it('rejects malformed data with INVALID_DATA', async () => {
    const bad = { ...sampleReportData(), metrics: [] };
    await expect(renderReport(bad, os.tmpdir())).rejects.toMatchObject({ code: 'INVALID_DATA' });
  });
});
