import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { escapeXml, formatCount, px, seriesColor, seriesDash } from './svg-util.js';

/** One line of a {@link curveChartSvg}. */
export interface CurveSeries {
  label: string;
  colorIndex: number;
  points: { instances: number; value: number }[];
}

/** Input of {@link curveChartSvg}. */
export interface CurveChartInput {
  /** Unique element id (also used for the title id). */
  id: string;
  title: string;
  /** Y axis label, e.g. 'Accuracy (windowed)'. */
  yLabel: string;
  series: CurveSeries[];
  /** Instance indices where drift happens. */
  driftPositions: number[];
  /** Draw a legend inside the SVG (for the standalone file). */
  legend: boolean;
}

const WIDTH = 640;
const PLOT_HEIGHT = 260;
const MARGIN = { top: 30, right: 16, bottom: 40, left: 52 };
const LEGEND_ROW = 18;

/**
 * Prequential metric over time, one line per algorithm, with dashed vertical markers (and a
 * triangle on top) at the known drift positions. Returns a standalone SVG document.
 */
export function curveChartSvg(input: CurveChartInput): string {
  const allPoints = input.series.flatMap((s) => s.points);
  const maxInstances = Math.max(1, ...allPoints.map((p) => p.instances), ...input.driftPositions);
  const values = allPoints.map((p) => p.value);
  let yMin = values.length ? Math.min(...values) : 0;
  let yMax = values.length ? Math.max(...values) : 1;
  if (yMin === yMax) {
    yMin -= 0.05;
    yMax += 0.05;
  }
  const pad = (yMax - yMin) * 0.06;
  const legendColumns = 3;
  const legendRows = input.legend ? Math.ceil(input.series.length / legendColumns) : 0;
  const legendHeight = legendRows ? legendRows * LEGEND_ROW + 8 : 0;
  const height = MARGIN.top + PLOT_HEIGHT + MARGIN.bottom + legendHeight;
  const x = scaleLinear().domain([0, maxInstances]).range([MARGIN.left, WIDTH - MARGIN.right]).nice();
  const y = scaleLinear().domain([yMin - pad, yMax + pad]).range([MARGIN.top + PLOT_HEIGHT, MARGIN.top]).nice();
  const path = line<{ instances: number; value: number }>()
    .x((p) => x(p.instances))
    .y((p) => y(p.value));

  const id = escapeXml(input.id);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${px(height)}" width="${WIDTH}" height="${px(height)}" role="img" aria-labelledby="${id}-title" class="curve-chart" id="${id}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11">`,
  );
  parts.push(`<title id="${id}-title">${escapeXml(input.title)}</title>`);
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);

  // grid and axes
  parts.push(`<g class="grid" stroke="#e4e7eb">`);
  for (const t of y.ticks(6)) parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${px(y(t))}" y2="${px(y(t))}"/>`);
  parts.push(`</g>`);
  parts.push(`<g class="y-axis" fill="#52606d">`);
  for (const t of y.ticks(6)) parts.push(`<text x="${MARGIN.left - 6}" y="${px(y(t) + 4)}" text-anchor="end">${y.tickFormat(6)(t)}</text>`);
  parts.push(`</g>`);
  parts.push(`<g class="x-axis" fill="#52606d">`);
  const baseline = MARGIN.top + PLOT_HEIGHT;
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${baseline}" y2="${baseline}" stroke="#9aa5b1"/>`);
  for (const t of x.ticks(6)) {
    parts.push(`<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${baseline}" y2="${baseline + 4}" stroke="#9aa5b1"/>`);
    parts.push(`<text x="${px(x(t))}" y="${baseline + 16}" text-anchor="middle">${formatCount(t)}</text>`);
  }
  parts.push(`</g>`);
  parts.push(`<text x="${px((MARGIN.left + WIDTH - MARGIN.right) / 2)}" y="${baseline + 32}" text-anchor="middle" fill="#52606d">instances</text>`);
  parts.push(`<text x="${MARGIN.left}" y="${MARGIN.top - 12}" fill="#52606d">${escapeXml(input.yLabel)}</text>`);

  // drift markers under the lines
  parts.push(`<g class="drift-markers">`);
  for (const position of input.driftPositions) {
    const dx = px(x(position));
    parts.push(
      `<g class="drift-marker" data-position="${position}"><line x1="${dx}" x2="${dx}" y1="${MARGIN.top}" y2="${baseline}" stroke="#c81e1e" stroke-width="1" stroke-dasharray="4 3" opacity="0.75"/><path d="M${dx} ${MARGIN.top} l-5 -8 h10 z" fill="#c81e1e"/><title>Drift at instance ${position}</title></g>`,
    );
  }
  parts.push(`</g>`);

  parts.push(`<g class="series" fill="none" stroke-width="1.6" stroke-linejoin="round">`);
  for (const s of input.series) {
    const dash = seriesDash(s.colorIndex);
    parts.push(
      `<path class="series-line" data-algorithm="${escapeXml(s.label)}" d="${path(s.points) ?? ''}" stroke="${seriesColor(s.colorIndex)}"${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${escapeXml(s.label)}</title></path>`,
    );
  }
  parts.push(`</g>`);

  if (input.legend) {
    const columnWidth = (WIDTH - MARGIN.left - MARGIN.right) / legendColumns;
    parts.push(`<g class="legend" fill="#1f2933">`);
    input.series.forEach((s, i) => {
      const lx = MARGIN.left + (i % legendColumns) * columnWidth;
      const ly = baseline + MARGIN.bottom + 8 + Math.floor(i / legendColumns) * LEGEND_ROW;
      const dash = seriesDash(s.colorIndex);
      parts.push(
        `<line x1="${px(lx)}" x2="${px(lx + 18)}" y1="${px(ly)}" y2="${px(ly)}" stroke="${seriesColor(s.colorIndex)}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/><text x="${px(lx + 24)}" y="${px(ly + 4)}">${escapeXml(s.label)}</text>`,
      );
    });
    parts.push(`</g>`);
  }
  parts.push(`</svg>`);
  return parts.join('\n');
}
