// The Content-Security-Policy of the UI, the same in the desktop app (custom protocol) and in the
// browser (`casepack serve` sends it as a header). Scripts only from the app itself; no eval, no
// inline script, no plugins, no framing, no form posts, no foreign connections. Inline style
// attributes are allowed because the component library sets CSS variables through them.
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
