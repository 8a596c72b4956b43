// Is a host name a loopback address? Plain http:// and an unencrypted SMTP login are allowed only there.

/** `localhost`, 127.0.0.0/8 and ::1 (URL.hostname keeps IPv6 brackets, so both forms are accepted). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}
