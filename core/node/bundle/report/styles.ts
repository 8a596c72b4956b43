// report.html's one style block: readable on a laptop, a phone and on paper; no external fonts.
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff;
  --head: #f6f8fa; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --link: #0550ae; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bg: #0d1117; --head: #161b22;
    --ok: #3fb950; --warn: #d29922; --bad: #f85149; --link: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 1rem; max-width: 80rem; background: var(--bg); color: var(--fg);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic",
  "Noto Sans CJK JP", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; } h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
nav ol { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: 0 0 1rem; list-style: none; }
a { color: var(--link); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .5rem 0; min-width: 50%; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: start; vertical-align: top;
  overflow-wrap: anywhere; unicode-bidi: plaintext; }
thead th, table.kv th { background: var(--head); overflow-wrap: normal; }
thead th { white-space: nowrap; }
table.kv th { width: 12rem; font-weight: 600; }
td .text, .case-text { white-space: pre-wrap; }
.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
small { color: var(--muted); }
.status { font-weight: 600; white-space: nowrap; }
.status-collected, .status-pass, .check-pass { color: var(--ok); }
.status-truncated, .status-skipped, .check-skipped { color: var(--warn); }
.status-failed, .status-fail, .status-error, .check-fail, .check-error { color: var(--bad); }
details { margin: .25rem 0; } summary { cursor: pointer; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 40rem) {
  body { padding: .5rem; font-size: 14px; }
  table.kv th { width: auto; }
  th, td { padding: .2rem .3rem; }
}
@media print {
  :root { --fg: #000; --bg: #fff; --head: #eee; --line: #999; --link: #000; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { text-decoration: none; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  .scroll { overflow: visible; }
  details > * { display: block; }
  details::details-content { content-visibility: visible; display: block; }
}
@page { margin: 1.5cm; }
`;
