import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A fault-injecting TCP proxy on loopback, between a wall and its platform.
 *  - pass: bytes flow both ways.
 *  - blackhole: connections are accepted and nothing is ever forwarded or answered.
 *  - reset: every connection is reset at once.
 *  - latency: each chunk, both ways, waits `latencyMs`.
 *  - cut: the request is forwarded; the response is cut after `cutAfterBytes`.
 *  - dropResponse: the request is forwarded and applied; its response is thrown
 *    away and the connection reset (the duplicate maker: the wall must send again).
 *  - dropUploadResponses: the same for uploads only; pulls pass (the platform's
 *    changes arrive while the wall still waits for the answer to its actions).
 * Changing the mode ends every open connection, as a real link change would.
 */
export type FaultMode = 'pass' | 'blackhole' | 'reset' | 'latency' | 'cut' | 'dropResponse' | 'dropUploadResponses';

export async function startFaultProxy(target: { host: string; port: number }, options: { latencyMs?: number; cutAfterBytes?: number } = {}) {
  let mode: FaultMode = 'pass';
  const open = new Set<Socket>();
  const counts = { connections: 0, dropped: 0, cut: 0 };

  const server = createServer((client) => {
    counts.connections++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    const current = mode;
    if (current === 'reset') return void client.resetAndDestroy();
    if (current === 'blackhole') return void client.on('data', () => {});
    const upstream = connect(target.port, target.host);
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const delay = (work: () => void) => (current === 'latency' ? setTimeout(work, options.latencyMs ?? 200) : work());
    let uploading = false;
    client.on('data', (chunk) => {
      if (current === 'dropUploadResponses' && chunk.subarray(0, 64).toString('latin1').startsWith('POST /sync/v1/upload')) uploading = true;
      delay(() => upstream.write(chunk));
    });
    let sent = 0;
    upstream.on('data', (chunk) => {
      if (current === 'dropResponse' || (current === 'dropUploadResponses' && uploading)) {
        counts.dropped++;
        client.resetAndDestroy();
        return;
      }
      if (current === 'cut') {
        const room = (options.cutAfterBytes ?? 40) - sent;
        if (room <= 0 || chunk.length > room) {
          counts.cut++;
          client.write(chunk.subarray(0, Math.max(room, 0)), () => client.resetAndDestroy());
          return;
        }
      }
      sent += chunk.length;
      delay(() => client.write(chunk));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    get mode() {
      return mode;
    },
    set(next: FaultMode): void {
      mode = next;
      for (const socket of open) socket.destroy();
    },
    async close(): Promise<void> {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
