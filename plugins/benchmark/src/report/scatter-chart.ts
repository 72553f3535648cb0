import { scaleLinear, scaleLog } from 'd3-scale';
import { escapeXml, formatSeconds, px, seriesColor, textWidth } from './svg-util.js';

/** One point of {@link scatterChartSvg}. */
export interface ScatterPoint {
  label: string;
  colorIndex: number;
  /** CPU seconds per 1,000 instances (log axis). */
  x: number;
  /** Mean metric value. */
  y: number;
}

/** Input of {@link scatterChartSvg}. */
export interface ScatterChartInput {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  points: ScatterPoint[];
}

const WIDTH = 760;
const HEIGHT = 440;
const MARGIN = { top: 24, right: 24, bottom: 48, left: 60 };
const FONT = 11;

/**
 * Cost against quality: one labelled dot per algorithm, time on a log axis. Labels are nudged
 * vertically so that they do not overprint each other. Returns a standalone SVG document.
 */
export function scatterChartSvg(input: ScatterChartInput): string {
  const valid = input.points.filter((p) => p.x > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
  const xs = valid.map((p) => p.x);
  const ys = valid.map((p) => p.y);
  const xMin = xs.length ? Math.min(...xs) : 0.001;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const yMin = ys.length ? Math.min(...ys) : 0;
  const yMax = ys.length ? Math.max(...ys) : 1;
  const x = scaleLog()
    .domain([xMin / 1.6, xMax * 1.6])
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .nice();
  const ySpan = Math.max(yMax - yMin, 0.02);
  const y = scaleLinear()
    .domain([yMin - ySpan * 0.08, yMax + ySpan * 0.08])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top])
    .nice();

  const id = escapeXml(input.id);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title" class="scatter-chart" id="${id}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${FONT}">`,
  );
  parts.push(`<title id="${id}-title">${escapeXml(input.title)}</title>`);
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  const baseline = HEIGHT - MARGIN.bottom;
  parts.push(`<g class="grid" stroke="#e4e7eb">`);
  for (const t of y.ticks(6)) parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${px(y(t))}" y2="${px(y(t))}"/>`);
  const xTicks = x.ticks(6).filter((t) => [1, 2, 5].includes(Number(t.toExponential(0).split('e')[0])));
  for (const t of xTicks) parts.push(`<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${MARGIN.top}" y2="${baseline}"/>`);
  parts.push(`</g>`);
  parts.push(`<g fill="#52606d">`);
  for (const t of y.ticks(6)) parts.push(`<text x="${MARGIN.left - 6}" y="${px(y(t) + 4)}" text-anchor="end">${y.tickFormat(6)(t)}</text>`);
  for (const t of xTicks) parts.push(`<text x="${px(x(t))}" y="${baseline + 16}" text-anchor="middle">${formatSeconds(t)}</text>`);
  parts.push(`</g>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${baseline}" y2="${baseline}" stroke="#9aa5b1"/>`);
  parts.push(`<text x="${px((MARGIN.left + WIDTH - MARGIN.right) / 2)}" y="${baseline + 36}" text-anchor="middle" fill="#52606d">${escapeXml(input.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${px((MARGIN.top + baseline) / 2)}) rotate(-90)" text-anchor="middle" fill="#52606d">${escapeXml(input.yLabel)}</text>`);

  // place labels top-down, pushing each below the previous one when they would collide
  const placed = valid.map((p) => ({ p, cx: x(p.x), cy: y(p.y), ly: y(p.y) + 4 })).sort((a, b) => a.cy - b.cy);
  const occupied: { x0: number; x1: number; y: number }[] = [];
  for (const item of placed) {
    const w = textWidth(item.p.label, FONT);
    const rightSide = item.cx + 8 + w < WIDTH - MARGIN.right;
    const x0 = rightSide ? item.cx + 7 : item.cx - 7 - w;
    const x1 = x0 + w;
    let ly = item.ly;
    for (let guard = 0; guard < 50; guard++) {
      const clash = occupied.find((o) => o.x0 < x1 && x0 < o.x1 && Math.abs(o.y - ly) < FONT + 1);
      if (!clash) break;
      ly = clash.y + FONT + 1;
    }
    occupied.push({ x0, x1, y: ly });
    item.ly = ly;
    (item as { anchor?: string }).anchor = rightSide ? 'start' : 'end';
  }
  parts.push(`<g class="points">`);
  for (const item of placed) {
    const anchor = (item as { anchor?: string }).anchor ?? 'start';
    const tx = anchor === 'start' ? item.cx + 7 : item.cx - 7;
    parts.push(
      `<g class="point" data-algorithm="${escapeXml(item.p.label)}"><circle cx="${px(item.cx)}" cy="${px(item.cy)}" r="5" fill="${seriesColor(item.p.colorIndex)}" stroke="#ffffff" stroke-width="1.5"><title>${escapeXml(item.p.label)}: ${item.p.y.toFixed(3)}, ${formatSeconds(item.p.x)} per 1,000 instances</title></circle><text x="${px(tx)}" y="${px(item.ly)}" text-anchor="${anchor}" fill="#1f2933">${escapeXml(item.p.label)}</text></g>`,
    );
  }
  parts.push(`</g>`);
  parts.push(`</svg>`);
  return parts.join('\n');
}
