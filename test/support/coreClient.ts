import WebSocket from 'ws';

/**
 * A client of the core over the browser wall's WebSocket, as another window
 * would be: for tests and benchmarks that set the scene without a browser.
 * `queueUrl` carries the host and the operator token.
 */
export async function coreClient(queueUrl: string, role = 'queue') {
  const page = new URL(queueUrl);
  const socket = new WebSocket(`ws://${page.host}/ws?role=${role}&token=${page.searchParams.get('token')}`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const request = <T = unknown>(name: string, args: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const listener = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { type: string; response?: { id: number; ok: boolean; value?: T; error?: { message: string } } };
        if (message.type !== 'response' || message.response?.id !== id) return;
        socket.off('message', listener);
        if (message.response.ok) resolve(message.response.value as T);
        else reject(new Error(`${name}: ${message.response.error?.message}`));
      };
      socket.on('message', listener);
      socket.send(JSON.stringify({ id, name, args, input: 'keyboard' }));
    });
  return { request, close: () => socket.close() };
}
