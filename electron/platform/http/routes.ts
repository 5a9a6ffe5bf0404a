import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ChangesQuerySchema, maxSyncBodyBytes, plainText, UploadRequestSchema } from '../../../shared/sync/protocol';
import type { Caller } from '../auth';
import type { DistrictCases } from '../districtCases';
import { receiveHotline } from '../intake/hotline';
import type { Intake } from '../intake/intake';
import type { open311Routes } from '../intake/open311';
import type { PlatformLogger } from '../logger';
import type { Sql } from '../storage/openStorage';
import { readChanges } from '../sync/changes';
import type { ChangeNotifier } from '../sync/notifier';
import { applyUpload } from '../sync/upload';
import { issuesOf, readJson, Refusal, sendJson } from './io';

export interface RouteDeps {
  sql: Sql;
  notifier: ChangeNotifier;
  logger: PlatformLogger;
  intake: Intake;
  district: DistrictCases;
  open311: ReturnType<typeof open311Routes>;
  callerOf(header: string | undefined): Caller | null;
  clock: () => number;
  /** Aborted when the platform stops: waiting pulls return at once. */
  stopping: AbortSignal;
}

const TransferSchema = z.object({ subCentreId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), note: plainText(500).default('') }).strict();
const CloseSchema = z.object({ note: plainText(500).default('') }).strict();
const ListSchema = z
  .object({
    subCentre: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
    status: z.string().regex(/^[A-Za-z]{1,20}$/).optional(),
    beforeReportedAt: z.coerce.number().int().min(0).optional(),
    beforeId: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

function require<K extends Caller['kind']>(deps: RouteDeps, request: IncomingMessage, kind: K): Extract<Caller, { kind: K }> {
  const caller = deps.callerOf(request.headers.authorization);
  if (!caller) throw new Refusal(401, 'badCredentials');
  if (caller.kind !== kind) throw new Refusal(403, 'wrongRole');
  return caller as Extract<Caller, { kind: K }>;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Refusal(400, 'invalidRequest', issuesOf(parsed.error));
  return parsed.data;
}

/** Routes one request; a `Refusal` thrown here becomes its status and reason (logged by the server). */
export async function route(deps: RouteDeps, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const key = `${request.method} ${url.pathname}`;
  const caseAction = /^\/district\/v1\/cases\/([A-Za-z0-9._-]{1,90})\/(transfer|close)$/.exec(url.pathname);
  const open311One = /^\/open311\/v2\/requests\/([A-Za-z0-9._-]{1,90})\.json$/.exec(url.pathname);
  if (key === 'POST /sync/v1/upload') return upload(deps, request, response);
  if (key === 'GET /sync/v1/changes') {
    const caller = require(deps, request, 'subCentre');
    const query = parse(ChangesQuerySchema, Object.fromEntries(url.searchParams));
    const abort = AbortSignal.any([deps.stopping, closedSignal(response)]);
    return sendJson(response, 200, await readChanges(deps, caller.subCentreId, query, abort));
  }
  if (key === 'GET /open311/v2/services.json') return deps.open311.services(url, response);
  if (key === 'POST /open311/v2/requests.json') return deps.open311.post(request, response);
  if (key === 'GET /open311/v2/requests.json') return deps.open311.list(url, response, null);
  if (request.method === 'GET' && open311One) return deps.open311.list(url, response, open311One[1]!);
  if (key === 'POST /intake/v1/hotline') {
    require(deps, request, 'intake');
    return receiveHotline(deps.intake, request, response);
  }
  if (key === 'GET /district/v1/cases') return districtList(deps, request, response, url);
  if (request.method === 'POST' && caseAction) return districtAction(deps, request, response, caseAction[1]!, caseAction[2] as 'transfer' | 'close');
  throw new Refusal(404, 'notFound');
}

async function upload(deps: RouteDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const caller = require(deps, request, 'subCentre');
  const body = parse(UploadRequestSchema, await readJson(request, maxSyncBodyBytes));
  const outcome = await applyUpload(deps.sql, deps.notifier, caller.subCentreId, body, deps.clock());
  if (outcome.status !== 200) deps.logger.warn('sync.uploadRefused', { subCentreId: caller.subCentreId, clientId: body.clientId, ...outcome.body });
  sendJson(response, outcome.status, outcome.body);
}

async function districtList(deps: RouteDeps, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  require(deps, request, 'district');
  const query = parse(ListSchema, Object.fromEntries(url.searchParams));
  const before = query.beforeReportedAt !== undefined && query.beforeId !== undefined ? { reportedAt: query.beforeReportedAt, id: query.beforeId } : null;
  sendJson(response, 200, await deps.district.list({ subCentreId: query.subCentre ?? null, status: query.status ?? null, before, limit: query.limit }));
}

async function districtAction(deps: RouteDeps, request: IncomingMessage, response: ServerResponse, ref: string, action: 'transfer' | 'close'): Promise<void> {
  require(deps, request, 'district');
  const body = await readJson(request, 64 * 1024);
  const outcome =
    action === 'transfer'
      ? await (({ subCentreId, note }) => deps.district.transfer(ref, subCentreId, note))(parse(TransferSchema, body))
      : await deps.district.close(ref, parse(CloseSchema, body).note);
  if (typeof outcome === 'string') throw new Refusal(outcome === 'notFound' ? 404 : 409, outcome);
  sendJson(response, 200, outcome);
}

/** Aborts when this response ends (or its connection drops): a waiting pull stops waiting for a wall that went away. */
function closedSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => controller.abort());
  return controller.signal;
}
