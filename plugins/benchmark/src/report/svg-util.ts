import { format } from 'd3-format';

/** Escapes text for XML/HTML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Categorical colours (ten, readable on white, distinct for common colour blindness where possible). */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#5b5f97'];

/** Dash patterns cycled once the palette is exhausted, so 30 series stay distinguishable. */
const DASHES = ['', '6 3', '2 3'];

/** Stroke colour of the series with this index. */
export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}

/** SVG stroke-dasharray of the series with this index ('' = solid). */
export function seriesDash(index: number): string {
  return DASHES[Math.floor(index / PALETTE.length) % DASHES.length];
}

/** Rough width of a text in px for the system sans-serif font (no layout engine on the server). */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.56;
}

/** Coordinates rounded to 0.1 px to keep SVG files small. */
export function px(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

const threeSignificant = format('.3~g');
const fixed3 = format('.3f');

/** Metric values such as accuracy: three decimals. */
export function formatMetric(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '–' : fixed3(value);
}

/** p-values as HTML: '&lt; 0.001' below a thousandth, else three significant digits. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p < 0.001) return '&lt; 0.001';
  return threeSignificant(p);
}

/** 'p &lt; 0.001' or 'p = 0.0123', as HTML for running text. */
export function pText(p: number): string {
  const text = formatP(p);
  return text.startsWith('&lt;') ? `p ${text}` : `p = ${text}`;
}

/** A metric label inside a sentence: 'Accuracy' → 'accuracy', acronyms such as 'AUC' kept. */
export function inlineLabel(label: string): string {
  return label.length > 1 && label[1] === label[1].toLowerCase() ? label[0].toLowerCase() + label.slice(1) : label;
}

/** Seconds with a unit that fits: ms, s, min, h. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 1) return `${threeSignificant(seconds * 1000)} ms`;
  if (seconds < 120) return `${threeSignificant(seconds)} s`;
  if (seconds < 7200) return `${threeSignificant(seconds / 60)} min`;
  return `${threeSignificant(seconds / 3600)} h`;
}

/** Bytes in binary units: B, KiB, MiB, GiB. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : threeSignificant(value)} ${units[unit]}`;
}

/** Instance counts: 12k, 1.2M. */
export const formatCount = format('.3~s');
