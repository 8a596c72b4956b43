// Building report.html safely: every value goes through `escapeHtml`; sections hand over fragments
// that are already escaped.

/** Escape text for HTML content and quoted attributes; control characters become U+FFFD. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An href for an entry of the bundle, relative, so it opens once the zip is extracted. */
export function entryHref(entry: string): string {
  return escapeHtml(entry.split('/').map(encodeURIComponent).join('/'));
}

/** `<table>` wrapped so that wide tables scroll on a phone instead of widening the page. */
export function table(head: string[], rows: string[][], cls = ''): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** A two-column key/value table; values are fragments (already escaped). */
export function keyValues(rows: Array<[string, string]>): string {
  const body = rows
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td dir="auto">${v}</td></tr>`)
    .join('\n');
  return `<div class="scroll"><table class="kv"><tbody>\n${body}\n</tbody></table></div>`;
}
