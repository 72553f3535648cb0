import { escapeXml, px, textWidth } from './svg-util.js';

/** Input of {@link cdDiagramSvg}. */
export interface CdDiagramInput {
  /** Algorithm names, column order of `meanRanks`. */
  names: string[];
  /** Mean rank per algorithm, 1 = best. */
  meanRanks: number[];
  /** Nemenyi critical difference. */
  criticalDifference: number;
  /** Groups not significantly different (indices into names). */
  cliques: number[][];
  /** Accessible title, e.g. 'Accuracy: critical difference diagram'. */
  title: string;
  /** Significance level, printed next to the CD. */
  alpha: number;
  /** Unique id prefix, so several diagrams can be inlined in one page. */
  id: string;
}

const FONT = 13;
const ROW = 21;
const CLIQUE_GAP = 7;

/**
 * Critical-difference diagram in the style of Demšar (2006, Figure 1): an axis of mean ranks with
 * the best ranks on the right, the CD drawn above it, each algorithm joined to its rank by an
 * elbow line (worse half labelled on the left, better half on the right), and thick bars under the
 * axis joining groups that are not significantly different. Returns a standalone SVG document.
 */
export function cdDiagramSvg(input: CdDiagramInput): string {
  const k = input.names.length;
  const order = input.meanRanks.map((_, i) => i).sort((a, b) => input.meanRanks[b] - input.meanRanks[a] || a - b); // worst first
  const leftCount = Math.ceil(k / 2);
  const left = order.slice(0, leftCount); // worse half, listed top-down from the worst
  const right = order.slice(leftCount).reverse(); // better half, listed top-down from the best

  const label = (i: number) => `${input.names[i]} (${input.meanRanks[i].toFixed(2)})`;
  const leftWidth = Math.max(80, ...left.map((i) => textWidth(label(i), FONT))) + 24;
  const rightWidth = Math.max(80, ...right.map((i) => textWidth(label(i), FONT))) + 24;
  const width = leftWidth + rightWidth + Math.min(760, Math.max(440, 48 * k));
  const axisLeft = leftWidth;
  const axisRight = width - rightWidth;
  const axisY = 64;
  const lowRank = 1;
  const highRank = Math.max(2, k);
  const x = (rank: number) => axisLeft + ((highRank - rank) / (highRank - lowRank)) * (axisRight - axisLeft);

  const cliqueTop = axisY + 14;
  const namesTop = cliqueTop + input.cliques.length * CLIQUE_GAP + 22;
  const rows = Math.max(left.length, right.length);
  const height = namesTop + rows * ROW + 10;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-labelledby="${escapeXml(input.id)}-title" class="cd-diagram" id="${escapeXml(input.id)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${FONT}">`,
  );
  parts.push(`<title id="${escapeXml(input.id)}-title">${escapeXml(input.title)}</title>`);
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);

  // critical difference, above the axis, starting at the worst end
  const cdStart = x(highRank);
  const cdEnd = x(highRank - input.criticalDifference);
  parts.push(`<g class="cd-marker" stroke="#1f2933" stroke-width="1.5">`);
  parts.push(`<line x1="${px(cdStart)}" y1="24" x2="${px(cdEnd)}" y2="24"/>`);
  parts.push(`<line x1="${px(cdStart)}" y1="19" x2="${px(cdStart)}" y2="29"/><line x1="${px(cdEnd)}" y1="19" x2="${px(cdEnd)}" y2="29"/>`);
  parts.push(`</g>`);
  parts.push(
    `<text x="${px((cdStart + cdEnd) / 2)}" y="13" text-anchor="middle" fill="#1f2933" class="cd-label">CD = ${input.criticalDifference.toFixed(2)} (Nemenyi, α = ${input.alpha})</text>`,
  );

  // rank axis with ticks at every integer and half rank
  parts.push(`<g class="axis" stroke="#52606d">`);
  parts.push(`<line x1="${px(axisLeft)}" y1="${axisY}" x2="${px(axisRight)}" y2="${axisY}" stroke-width="1.2"/>`);
  const minorStep = k <= 12 ? 0.5 : 1;
  for (let r = lowRank; r <= highRank; r += minorStep) {
    const major = Number.isInteger(r) && (k <= 12 || (r - 1) % (k > 20 ? 5 : 2) === 0 || r === highRank);
    parts.push(`<line x1="${px(x(r))}" y1="${axisY}" x2="${px(x(r))}" y2="${axisY - (major ? 8 : 4)}"/>`);
  }
  parts.push(`</g>`);
  const tickStep = k > 20 ? 5 : k > 10 ? 2 : 1;
  for (let r = lowRank; r <= highRank; r++) {
    const lastLabelled = highRank - ((highRank - 1) % tickStep);
    if ((r - 1) % tickStep !== 0 && !(r === highRank && r - lastLabelled >= tickStep / 2)) continue;
    parts.push(`<text x="${px(x(r))}" y="${axisY - 12}" text-anchor="middle" fill="#52606d" font-size="11">${r}</text>`);
  }

  // cliques: bars slightly wider than their extreme ranks
  parts.push(`<g class="cliques" stroke="#1f2933" stroke-width="4" stroke-linecap="round">`);
  input.cliques.forEach((clique, c) => {
    const ranks = clique.map((i) => input.meanRanks[i]);
    const y = cliqueTop + c * CLIQUE_GAP;
    const members = escapeXml(clique.map((i) => input.names[i]).join(', '));
    parts.push(`<line x1="${px(x(Math.max(...ranks)) - 3)}" y1="${y}" x2="${px(x(Math.min(...ranks)) + 3)}" y2="${y}"><title>Not significantly different: ${members}</title></line>`);
  });
  parts.push(`</g>`);

  // algorithm names joined to their ranks
  parts.push(`<g class="algorithms" fill="none" stroke="#52606d" stroke-width="1">`);
  const labels: string[] = [];
  const place = (indices: number[], side: 'left' | 'right') => {
    indices.forEach((i, row) => {
      const rx = x(input.meanRanks[i]);
      const y = namesTop + row * ROW;
      const ex = side === 'left' ? axisLeft - 10 : axisRight + 10;
      parts.push(`<path d="M${px(rx)} ${axisY} V${px(y)} H${px(ex)}"/>`);
      parts.push(`<circle cx="${px(rx)}" cy="${axisY}" r="2.5" fill="#1f2933" stroke="none"/>`);
      const anchor = side === 'left' ? 'end' : 'start';
      const tx = side === 'left' ? ex - 4 : ex + 4;
      labels.push(
        `<text x="${px(tx)}" y="${px(y + 4)}" text-anchor="${anchor}" class="cd-name" data-algorithm="${escapeXml(input.names[i])}" fill="#1f2933">${escapeXml(input.names[i])} <tspan fill="#7b8794">(${input.meanRanks[i].toFixed(2)})</tspan></text>`,
      );
    });
  };
  place(left, 'left');
  place(right, 'right');
  parts.push(`</g>`);
  parts.push(...labels);
  parts.push(`</svg>`);
  return parts.join('\n');
}
