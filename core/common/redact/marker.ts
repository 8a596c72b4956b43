// The one marker format for a removed value: `[REDACTED:<rule>]`. Markers are themselves "masked
// values", so redacting a redacted text changes nothing (scrub is idempotent).

export const MARKER_PREFIX = '[REDACTED:';

export function marker(rule: string): string {
  return `${MARKER_PREFIX}${rule}]`;
}

const MARKER_RE = /^\[REDACTED(?::[a-z0-9._-]+)?\]$/;

export function isMarker(value: string): boolean {
  return MARKER_RE.test(value);
}
