// A small TCP proxy of our own in front of a real server, for faults the server cannot produce on
// demand: a connection reset mid-transfer, a reply that never arrives, a slow line. It counts the
// bytes each way so tests can measure what a client really sent.
import net from 'node:net';

export interface ProxyRules {
  /** Reset the client's connection after this many bytes went upstream (once per rule use). */
  resetAfterUpBytes?: number;
  /** Forward the request but drop the connection before any byte of the reply reaches the client. */
  dropReply?: boolean;
  /**
   * Once the client sent this text (e.g. `POST /REST/2.0/ticket `), let the request through but
   * drop the connection before the reply; then forward normally again (the rule fires once).
   */
  dropReplyAfterUp?: string;
  /** Limit upstream bytes per second. */
  upBytesPerSecond?: number;
  /**
   * A line that goes silent: after this many bytes went upstream, nothing more is passed either way
   * and the connection stays open (a stalled transfer, not a broken one). Fires once per proxy.
   */
  stallAfterUpBytes?: number;
}

export interface TcpProxy {
  port: number;
  /** Bytes client -> server, over all connections so far. */
  up: number;
  down: number;
  connections: number;
  /** How often `dropReplyAfterUp` fired. */
  dropped: number;
  /** How often `stallAfterUpBytes` fired (at most once). */
  stalls: number;
  /** Rules for the next connections (the current ones keep theirs). */
  rules: ProxyRules;
  resetCounters(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(
  target: { host: string; port: number },
  rules: ProxyRules = {},
): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: TcpProxy = {
    port: 0,
    up: 0,
    down: 0,
    connections: 0,
    dropped: 0,
    stalls: 0,
    rules,
    resetCounters() {
      proxy.up = 0;
      proxy.down = 0;
      proxy.connections = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const r = { ...proxy.rules };
    proxy.connections++;
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    let sentUp = 0;
    const kill = () => {
      client.resetAndDestroy();
      upstream.destroy();
    };
    let stalled = false;
    client.on('data', (chunk: Buffer) => {
      if (stalled) return;
      if (
        r.stallAfterUpBytes !== undefined &&
        proxy.stalls === 0 &&
        sentUp + chunk.length > r.stallAfterUpBytes
      ) {
        proxy.stalls++;
        const part = chunk.subarray(0, Math.max(0, r.stallAfterUpBytes - sentUp));
        sentUp += part.length;
        proxy.up += part.length;
        stalled = true;
        upstream.write(part);
        // Stop reading both ways, so the client's own buffers fill as on a dead line.
        client.pause();
        upstream.pause();
        return;
      }
      if (
        r.dropReplyAfterUp &&
        proxy.dropped === 0 &&
        chunk.toString('latin1').includes(r.dropReplyAfterUp)
      ) {
        proxy.dropped++;
        r.dropReply = true;
      }
      if (r.resetAfterUpBytes !== undefined && sentUp + chunk.length > r.resetAfterUpBytes) {
        const part = chunk.subarray(0, Math.max(0, r.resetAfterUpBytes - sentUp));
        sentUp += part.length;
        proxy.up += part.length;
        upstream.write(part, kill);
        return;
      }
      sentUp += chunk.length;
      proxy.up += chunk.length;
      if (!upstream.write(chunk)) client.pause();
      if (r.upBytesPerSecond) {
        client.pause();
        setTimeout(() => client.resume(), (chunk.length / r.upBytesPerSecond) * 1000);
      }
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk: Buffer) => {
      if (stalled) return;
      if (r.dropReply) return kill();
      proxy.down += chunk.length;
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => upstream.resume());
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as net.AddressInfo).port;
  return proxy;
}
