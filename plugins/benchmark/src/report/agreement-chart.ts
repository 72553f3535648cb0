import { scaleSymlog } from 'd3-scale';
import type { ImplementationAgreement } from './compare-implementations.js';
import { escapeXml, px, seriesColor, textWidth } from './svg-util.js';

const WIDTH = 760;
const ROW = 20;
const MARGIN = { top: 30, right: 70, bottom: 40 };
const FONT = 11;

/** Colour of a reference implementation, the same in the chart and the table. */
export function referenceColorIndex(reference: string): number {
  return reference === 'moa' ? 0 : reference === 'river' ? 1 : 2;
}

/**
 * Native minus reference mean accuracy, one bar per algorithm and reference,
 * around a zero line; a tick marks the widest per-stream gap, so a mean
 * near zero that hides large opposite gaps shows. Returns a standalone SVG.
 */
export function agreementChartSvg(id: string, rows: readonly ImplementationAgreement[]): string {
  const labels = rows.map((r) => `${r.algorithm} vs ${r.reference}`);
  const left = Math.max(120, ...labels.map((l) => textWidth(l, FONT) + 16));
  const height = MARGIN.top + rows.length * ROW + MARGIN.bottom;
  const largest = Math.max(0.01, ...rows.flatMap((r) => [Math.abs(r.nativeAccuracy - r.referenceAccuracy), Math.abs(r.widestGap?.difference ?? 0)]));
  const extent = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1].find((e) => e >= largest) ?? largest;
  // Gaps run from 1e-4 to tens of points: a symmetric log scale keeps both ends readable.
  const x = scaleSymlog().constant(0.002).domain([-extent, extent]).range([left, WIDTH - MARGIN.right]);
  const magnitudes = [0.005, 0.02, 0.1, 0.5].filter((t) => t <= extent / 3).concat(extent);
  const ticks = [...magnitudes.map((t) => -t).reverse(), 0, ...magnitudes];
  const zero = x(0);
  const [low, high] = x.domain();
  const bottom = MARGIN.top + rows.length * ROW;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${escapeXml(id)}-title" class="agreement-chart" id="${escapeXml(id)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${FONT}">`,
  );
  parts.push(`<title id="${escapeXml(id)}-title">Native minus reference mean accuracy per algorithm</title>`);
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<g class="grid" stroke="#e4e7eb">`);
  for (const t of ticks) parts.push(`<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${MARGIN.top}" y2="${bottom}"/>`);
  parts.push(`</g><g fill="#52606d" text-anchor="middle">`);
  for (const t of ticks) parts.push(`<text x="${px(x(t))}" y="${bottom + 14}">${t === 0 ? '0' : `${t > 0 ? '+' : '−'}${Math.abs(t)}`}</text>`);
  parts.push(`</g>`);
  parts.push(`<text x="${px(x(low) + 2)}" y="${MARGIN.top - 10}" fill="#52606d">◀ reference better</text>`);
  parts.push(`<text x="${px(x(high) - 2)}" y="${MARGIN.top - 10}" fill="#52606d" text-anchor="end">native better ▶</text>`);
  parts.push(`<text x="${px((left + WIDTH - MARGIN.right) / 2)}" y="${bottom + 32}" text-anchor="middle" fill="#52606d">native − reference, mean accuracy (bar) and widest per-stream gap (tick); symmetric log scale</text>`);
  rows.forEach((r, i) => {
    const y = MARGIN.top + i * ROW;
    const difference = r.nativeAccuracy - r.referenceAccuracy;
    const color = seriesColor(referenceColorIndex(r.reference));
    const x0 = Math.min(zero, x(difference));
    const width = Math.max(1, Math.abs(x(difference) - zero));
    parts.push(`<g class="agreement" data-algorithm="${escapeXml(r.algorithm)}" data-reference="${escapeXml(r.reference)}" data-difference="${difference}">`);
    parts.push(`<text x="${left - 8}" y="${px(y + ROW / 2 + 4)}" text-anchor="end" fill="#1f2933">${escapeXml(labels[i])}</text>`);
    parts.push(`<rect x="${px(x0)}" y="${px(y + 4)}" width="${px(width)}" height="${ROW - 8}" rx="2" fill="${color}"/>`);
    if (r.widestGap) {
      const gx = x(r.widestGap.difference);
      parts.push(`<line class="widest" x1="${px(gx)}" x2="${px(gx)}" y1="${px(y + 2)}" y2="${px(y + ROW - 2)}" stroke="${color}" stroke-width="2"><title>widest gap ${r.widestGap.difference.toFixed(4)} on ${escapeXml(r.widestGap.stream)}</title></line>`);
    }
    parts.push(`<text x="${WIDTH - MARGIN.right + 6}" y="${px(y + ROW / 2 + 4)}" fill="#52606d">${difference >= 0 ? '+' : '−'}${Math.abs(difference).toFixed(4)}</text>`);
    parts.push(`</g>`);
  });
  parts.push(`<line x1="${px(zero)}" x2="${px(zero)}" y1="${MARGIN.top - 4}" y2="${bottom}" stroke="#1f2933"/>`);
  parts.push(`</svg>`);
  return parts.join('');
}
