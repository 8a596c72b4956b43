// How durations read in reasons and messages: "500 ms", "1.5 s".
export function formatTimeout(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** The message for profile variables that did not resolve. */
export function missingVarsReason(missing: string[]): string {
  const names = missing.map((m) => '${' + m + '}').join(', ');
  return `${missing.length > 1 ? 'variables' : 'variable'} ${names} not resolved`;
}
