// The contract for report.html sections. Other areas (system report, case, redaction, changes)
// plug their sections in by passing them to `renderReport`; they never edit the renderer.
import type { Manifest } from '../../../common/manifest/schema.js';

export interface ReportContext {
  manifest: Manifest;
  /** The case as the user wrote it (case.json), when known. */
  caseJson: unknown;
}

export interface ReportSection {
  /** Unique; also the anchor (`#id`). A section with a built-in's id replaces the built-in. */
  id: string;
  /** The heading (h2) and the table-of-contents entry. */
  title: string;
  /** The fragment brings its own headings: no h2 is added (the table of contents still lists it). */
  ownHeadings?: boolean;
  /** Position: see REPORT_ORDER for the built-ins' places. */
  order: number;
  /**
   * The section's body as an HTML fragment in which every value is already escaped (use
   * `escapeHtml`). No scripts, style attributes or external resources: the report's CSP blocks them.
   * Returning '' leaves the section out.
   */
  html(ctx: ReportContext): string;
  /** Extra CSS for the section's own classes, added to the report's one style block. */
  css?: string;
}

/** Where the built-in sections sit; plugged-in sections choose numbers between them. */
export const REPORT_ORDER = {
  overview: 0,
  case: 100,
  system: 200,
  checks: 250,
  changes: 300,
  attention: 400,
  redaction: 500,
  index: 600,
} as const;

/** A section from a ready fragment (the shape the case and changes modules return). */
export function fragmentSection(
  s: { id: string; title: string; html: string; css?: string | undefined },
  order: number,
  css = s.css,
): ReportSection {
  return { id: s.id, title: s.title, order, html: () => s.html, ...(css ? { css } : {}) };
}
