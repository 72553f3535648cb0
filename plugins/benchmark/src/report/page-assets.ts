/** Inline stylesheet of the report (no external resources: the page opens from disk). */
export const REPORT_CSS = `
:root {
  --ink: #1f2933; --muted: #616e7c; --faint: #9aa5b1; --line: #e4e7eb; --bg: #f5f7fa; --card: #ffffff;
  --accent: #2f5d8a; --good: #1f7a4d; --good-bg: #e3f4ea; --bad: #b42318; --bad-bg: #fdecea; --warn-bg: #fff4e0;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.page { background: linear-gradient(135deg, #22384f, #2f5d8a); color: #fff; padding: 36px 24px 28px; }
header.page .inner, main, nav.toc .inner { max-width: 1180px; margin: 0 auto; }
header.page h1 { margin: 0 0 6px; font-size: 30px; font-weight: 650; letter-spacing: -0.01em; }
header.page p { margin: 0; color: #d9e2ec; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 20px; }
.stat { background: rgba(255,255,255,0.12); border-radius: 10px; padding: 8px 14px; min-width: 110px; }
.stat b { display: block; font-size: 22px; font-weight: 650; }
.stat span { font-size: 12px; color: #d9e2ec; text-transform: uppercase; letter-spacing: 0.04em; }
nav.toc { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,0.94); backdrop-filter: blur(6px); border-bottom: 1px solid var(--line); }
nav.toc .inner { display: flex; gap: 4px 18px; flex-wrap: wrap; padding: 10px 24px; font-size: 14px; }
nav.toc a { color: var(--muted); text-decoration: none; }
nav.toc a:hover { color: var(--accent); }
main { padding: 8px 24px 48px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; margin: 20px 0; box-shadow: 0 1px 2px rgba(31,41,51,0.04); }
section > h2 { margin: 0 0 4px; font-size: 21px; font-weight: 640; }
section > p.lede { margin: 0 0 16px; color: var(--muted); }
h3 { font-size: 16px; margin: 18px 0 8px; font-weight: 620; }
.summary ul { margin: 8px 0 0; padding-left: 20px; }
.summary li { margin: 6px 0; }
.summary li.headline { font-size: 17px; }
.grid { display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 520px), 1fr)); }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
.cd-list { display: grid; gap: 16px; }
.cd-list svg { max-width: 980px; margin: 0 auto; }
#cost svg { max-width: 920px; margin: 0 auto; }
#agreement svg { max-width: 920px; margin: 0 auto; }
#environment td:first-child { width: 14em; color: var(--muted); }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
.chart-card { border: 1px solid var(--line); border-radius: 10px; padding: 12px; background: #fff; }
.chart-card h3 { margin-top: 0; }
.table-wrap { overflow-x: auto; margin: 8px 0 4px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; text-align: right; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { font-weight: 600; color: var(--muted); font-size: 13px; background: #fafbfc; }
th:first-child, td:first-child, td.name, th.name { text-align: left; }
tbody tr:hover { background: #f0f4f8; }
td.best { font-weight: 700; color: var(--good); }
td.best::after { content: " ★"; font-size: 11px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 3px; margin-right: 8px; vertical-align: baseline; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.std { color: var(--faint); font-size: 12px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.badge.yes { background: var(--good-bg); color: var(--good); }
.badge.no { background: #eef2f6; color: var(--muted); }
.badge.failed, .badge.timeout, .badge.budget { background: var(--bad-bg); color: var(--bad); }
.badge.timeout, .badge.budget { background: var(--warn-bg); color: #8a5300; }
table.matrix { width: auto; }
table.matrix td { text-align: center; font-size: 12px; padding: 4px 8px; min-width: 64px; }
table.matrix td.name { text-align: left; font-size: 13px; }
table.matrix td.win { background: var(--good-bg); color: var(--good); font-weight: 600; }
table.matrix td.loss { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
table.matrix td.ns { color: var(--faint); }
table.matrix td.self { background: #f0f2f5; }
table.matrix th.col { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; vertical-align: top; padding: 8px 4px; font-weight: 500; }
details { border-top: 1px solid var(--line); padding: 6px 0; }
details > summary { cursor: pointer; font-weight: 600; padding: 6px 0; list-style-position: outside; }
details > summary .muted { font-weight: 400; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 4px 0 12px; font-size: 13px; }
.legend-item { cursor: default; display: inline-flex; align-items: center; user-select: none; }
.legend-item .line { display: inline-block; width: 22px; height: 0; border-top: 3px solid; margin-right: 6px; }
svg .series-line { transition: opacity 120ms; }
body.focus svg .series-line { opacity: 0.12; }
body.focus svg .series-line.focused { opacity: 1; stroke-width: 2.8; }
body.focus .legend-item { opacity: 0.45; }
body.focus .legend-item.focused { opacity: 1; }
.error { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--bad); white-space: normal; max-width: 560px; text-align: left; }
.note { background: var(--warn-bg); border-radius: 8px; padding: 8px 12px; font-size: 14px; }
footer { text-align: center; color: var(--faint); font-size: 12px; padding: 12px 0 32px; }
@media (max-width: 640px) {
  header.page h1 { font-size: 23px; }
  nav.toc .inner { flex-wrap: nowrap; overflow-x: auto; white-space: nowrap; padding: 10px 12px; }
  section { padding: 16px; }
  main { padding: 4px 10px 32px; }
  th, td { padding: 5px 6px; }
}
@media print { nav.toc { display: none; } section { break-inside: avoid; box-shadow: none; } }
`;

/**
 * Inline script: hovering a legend entry highlights that algorithm's line in every curve chart.
 * Written defensively (no globals, no external calls) so the page stays quiet in the console.
 */
export const REPORT_JS = `
(function () {
  'use strict';
  var body = document.body;
  var current = null;
  function setFocus(name) {
    if (name === current) return;
    current = name;
    var lines = document.querySelectorAll('svg .series-line, .legend-item');
    for (var i = 0; i < lines.length; i++) {
      var el = lines[i];
      if (name !== null && el.getAttribute('data-algorithm') === name) el.classList.add('focused');
      else el.classList.remove('focused');
    }
    if (name === null) body.classList.remove('focus'); else body.classList.add('focus');
  }
  document.addEventListener('mouseover', function (event) {
    var target = event.target;
    var item = target && target.closest ? target.closest('.legend-item') : null;
    setFocus(item ? item.getAttribute('data-algorithm') : null);
  });
})();
`;
