import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request the platform refuses: the status, a reason code for the log and the caller, and details. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly details: unknown = null,
  ) {
    super(reason);
    this.name = 'Refusal';
  }
}

/** The body, up to `limit` bytes; a larger one is refused before it is all read (413). */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new Refusal(413, 'tooLarge');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Refusal(413, 'tooLarge');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(request, limit);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new Refusal(400, 'badJson');
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  response.end(text);
}

/** A zod failure as a short list a developer can act on (paths and messages, never the values sent). */
export function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
}
