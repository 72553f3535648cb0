/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderReport, sampleReportData, type ReportData } from '@tributary/benchmark';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Renders the benchmark report from synthetic data and checks, in Debian's headless Chromium,
// what a reader sees. Screenshots go to test-artifacts/report/ (gitignored).

const CHROMIUM = process.env.TRIBUTARY_CHROMIUM ?? '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'report');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(`[report.browser.test] SKIPPED: no Chromium at ${CHROMIUM} (install it with 'apt-get install -y chromium', or set TRIBUTARY_CHROMIUM). Under CI=true this is a failure.`);
}

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('benchmark report in headless Chromium', () => {
  let data: ReportData;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true and Chromium is missing at ${CHROMIUM}: the report browser test cannot run (apt-get install -y chromium)`);
    data = sampleReportData();
    const site = path.join(ARTIFACTS, 'site');
    await rm(site, { recursive: true, force: true });
    await renderReport(data, site);
    await mkdir(ARTIFACTS, { recursive: true });
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    // anything but the report's own files would mean a CDN or server dependency
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) problems.push(`external request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  const labels = () => {
    const set = new Set<string>();
    for (const r of data.results) set.add(r.implementation === 'native' ? r.learner : `${r.learner} [${r.implementation}]`);
    return [...set].sort();
  };

  it('shows the title and a summary naming the best learner', async () => {
    await expect(page.title()).resolves.toBe(data.title);
    const headline = await page.locator('#summary-headline').innerText();
    expect(headline).toMatch(/^adaptive-random-forest ranks first on accuracy/);
    await expect(page.locator('#summary-significance').innerText()).resolves.toMatch(/Differences significant for \d+ of 15 pairs/);
    await expect(page.locator('#summary-bayesian').innerText()).resolves.toMatch(/adaptive-random-forest better than hoeffding-adaptive-tree with probability \d/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-desktop.png'), fullPage: true });
  });

  it('draws a CD diagram per metric with every algorithm name, the CD and clique bars', async () => {
    for (const metric of data.metrics) {
      const svg = page.locator(`svg#cd-${metric.id}`);
      await expect(svg.count()).resolves.toBe(1);
      expect(await svg.isVisible()).toBe(true);
      const names = await svg.locator('.cd-name').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-algorithm') ?? ''));
      expect(names.sort()).toEqual(labels());
      const visibleText = await svg.evaluate((node) => node.textContent ?? '');
      for (const name of labels()) expect(visibleText).toContain(name);
      await expect(svg.locator('.cd-label').textContent()).resolves.toMatch(/^CD = \d\.\d\d/);
      expect(await svg.locator('.cliques line').count()).toBeGreaterThan(0);
    }
    await page.locator('figure[data-metric="accuracy"]').screenshot({ path: path.join(ARTIFACTS, 'cd-accuracy.png') });
  });

  it('puts the expected best first in the average-rank table', async () => {
    const rows = page.locator('#rank-table tbody tr');
    await expect(rows.count()).resolves.toBe(labels().length);
    await expect(rows.first().getAttribute('data-algorithm')).resolves.toBe('adaptive-random-forest');
    await expect(rows.last().getAttribute('data-algorithm')).resolves.toBe('majority-class');
    await expect(rows.first().locator('td.best').count()).resolves.toBeGreaterThan(0);
  });

  it('lists Friedman / Iman–Davenport results and the pairwise matrix', async () => {
    const friedmanRows = page.locator('#friedman-table tbody tr');
    await expect(friedmanRows.count()).resolves.toBe(data.metrics.length);
    await expect(friedmanRows.first().innerText()).resolves.toMatch(/Accuracy\s+10\s+6/);
    const matrix = page.locator('table.matrix[data-metric="accuracy"]');
    expect(await matrix.isVisible()).toBe(true);
    expect(await matrix.locator('td.win').count()).toBeGreaterThan(0);
    // the matrix is antisymmetric: every win has a matching loss
    expect(await matrix.locator('td.win').count()).toBe(await matrix.locator('td.loss').count());
  });

  it('marks drift positions on the curves of drifting streams, and none elsewhere', async () => {
    const figures = page.locator('figure.curve');
    const streams = [...new Set(data.results.map((r) => r.stream))];
    await expect(figures.count()).resolves.toBe(streams.length);
    for (const stream of streams) {
      const figure = page.locator(`figure.curve[data-stream="${stream}"]`);
      const expected = data.driftPositions[stream] ?? [];
      const markers = figure.locator('.drift-marker');
      await expect(markers.count()).resolves.toBe(expected.length);
      const positions = await markers.evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-position'))));
      expect(positions).toEqual(expected);
      if (expected.length) {
        // the markers are laid out left to right in drift order, inside the plot
        const xs = await markers.locator('line').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().x));
        expect([...xs].sort((a, b) => a - b)).toEqual(xs);
        const plot = await figure.locator('svg').boundingBox();
        for (const x of xs) expect(x).toBeGreaterThan(plot!.x);
      }
      expect(await figure.locator('.series-line').count()).toBeGreaterThan(1);
    }
    await page.locator('figure.curve[data-stream="sea-gradual"]').screenshot({ path: path.join(ARTIFACTS, 'curve-sea-gradual.png') });
  });

  it('highlights one algorithm across charts when its legend entry is hovered', async () => {
    await page.locator('.legend-item[data-algorithm="naive-bayes"]').hover();
    await expect(page.evaluate(() => document.body.classList.contains('focus'))).resolves.toBe(true);
    const focused = await page.locator('svg .series-line.focused').evaluateAll((nodes) => [...new Set(nodes.map((n) => n.getAttribute('data-algorithm')))]);
    expect(focused).toEqual(['naive-bayes']);
    await page.locator('#curves h2').hover();
    await expect(page.evaluate(() => document.body.classList.contains('focus'))).resolves.toBe(false);
  });

  it('shows per-stream tables with the best marked, the scatter, failures and environment', async () => {
    const table = page.locator('details.stream[data-stream="electricity"] table');
    await expect(table.locator('td.best').count()).resolves.toBeGreaterThanOrEqual(data.metrics.length);
    const scatterPoints = await page.locator('svg#time-vs-quality .point').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-algorithm')));
    expect(scatterPoints.sort()).toEqual(labels());
    const failures = page.locator('#failures-table tbody tr');
    await expect(failures.count()).resolves.toBe(data.results.filter((r) => r.status !== 'done').length);
    await expect(failures.first().innerText()).resolves.toMatch(/failed|timeout/);
    await expect(page.locator('#environment-table').innerText()).resolves.toContain(data.environment.node);
    await page.locator('#cost').screenshot({ path: path.join(ARTIFACTS, 'time-vs-accuracy.png') });
  });

  it('shows native against reference as bars and a table, one row per algorithm and reference', async () => {
    const rows = data.agreement ?? [];
    expect(rows.length).toBeGreaterThan(0);
    await expect(page.locator('svg#native-vs-reference g.agreement').count()).resolves.toBe(rows.length);
    const table = page.locator('#agreement-table tbody tr');
    await expect(table.count()).resolves.toBe(rows.length);
    await expect(table.first().innerText()).resolves.toContain(rows[0].nativeAccuracy.toFixed(4));
    await page.locator('#agreement').screenshot({ path: path.join(ARTIFACTS, 'native-vs-reference.png') });
  });

  it('fits a phone screen without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-mobile.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('logged no console errors, page errors or outside requests', () => {
    expect(problems).toEqual([]);
  });
});
