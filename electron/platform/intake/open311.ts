import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { PlatformReference as ReferenceData } from '../reference';
import { isOpen } from '../../../shared/domain/case';
import { plainText, type SyncCase } from '../../../shared/sync/protocol';
import { issuesOf, readBody, Refusal, sendJson } from '../http/io';
import type { Sql } from '../storage/openStorage';
import type { Intake } from './intake';

/**
 * Open311 GeoReport v2 (services, requests POST and GET) over the district's
 * taxonomy: a service is a minor category. Open311 has only open/closed and
 * no source id of its own: `source_request_id` (an extension) or an
 * `Idempotency-Key` header makes a repeated submission one case. Reads
 * without the intake key carry no description, address or reporter.
 */
const PostSchema = z
  .object({
    api_key: z.string().min(20).max(100),
    service_code: z.string().regex(/^[12]\d{4}$/),
    lat: z.coerce.number().min(-90).max(90).optional(),
    long: z.coerce.number().min(-180).max(180).optional(),
    address_string: plainText(200).optional(),
    description: plainText(1_000).pipe(z.string().trim().min(2)),
    first_name: plainText(20).optional(),
    last_name: plainText(20).optional(),
    phone: z.string().regex(/^[0-9+\- ]{0,20}$/).optional(),
    email: z.string().max(100).optional(),
    device_id: z.string().max(100).optional(),
    account_id: z.string().max(100).optional(),
    media_url: z.string().max(500).optional(),
    source_request_id: z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/).optional(),
  })
  .strict()
  .refine((post) => (post.lat !== undefined && post.long !== undefined) || post.address_string, { message: 'locationRequired' });

const GetSchema = z
  .object({
    service_request_id: z.string().max(2_000).optional(),
    service_code: z.string().regex(/^[12]\d{4}$/).optional(),
    status: z.enum(['open', 'closed']).optional(),
    start_date: z.string().datetime({ offset: true }).optional(),
    end_date: z.string().datetime({ offset: true }).optional(),
    api_key: z.string().max(100).optional(),
    jurisdiction_id: z.string().max(100).optional(),
    lang: z.enum(['zh-CN', 'en']).optional(),
  })
  .strict();

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function open311Routes(deps: { sql: Sql; intake: Intake; reference: ReferenceData; isIntakeKey: (key: string) => boolean; clock: () => number }) {
  const serviceName = (code: string, lang: 'zh-CN' | 'en') => {
    const category = deps.intake.categories.get(code);
    return category ? (lang === 'en' ? category.name.en : category.name.zh) : code;
  };

  function services(url: URL, response: ServerResponse): void {
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
    sendJson(
      response,
      200,
      deps.reference.categories.map((category) => ({
        service_code: category.code,
        service_name: lang === 'en' ? category.name.en : category.name.zh,
        description: lang === 'en' ? category.majorName.en : category.majorName.zh,
        metadata: false,
        type: 'realtime',
        keywords: category.type,
        group: lang === 'en' ? category.majorName.en : category.majorName.zh,
      })),
    );
  }

  async function post(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, 64 * 1024);
    const fields = (request.headers['content-type'] ?? '').includes('json') ? parseJson(body) : Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const parsed = PostSchema.safeParse(fields);
    if (!parsed.success) throw new Refusal(400, 'invalidRequest', issuesOf(parsed.error));
    const input = parsed.data;
    if (!deps.isIntakeKey(input.api_key)) throw new Refusal(403, 'badApiKey');
    if (!deps.intake.categories.has(input.service_code)) throw new Refusal(400, 'unknownService');
    const lngLat = input.lat !== undefined && input.long !== undefined ? ([input.long, input.lat] as [number, number]) : null;
    if (lngLat && !deps.intake.locate(lngLat)) throw new Refusal(400, 'outsideDistrict');
    const idempotencyKey = input.source_request_id ?? headerKey(request);
    const name = [input.last_name, input.first_name].filter(Boolean).join('');
    const result = await deps.intake.receive({
      source: 'open311',
      sourceId: idempotencyKey,
      wallSourceId: 'wechat',
      description: input.description,
      categoryCode: input.service_code,
      lngLat,
      address: input.address_string ?? '',
      urgent: false,
      reporter: name || input.phone ? { name: name.slice(0, 40), phone: input.phone ?? '' } : null,
      reportedAt: deps.clock(),
    });
    sendJson(response, result.created ? 201 : 200, [{ service_request_id: result.ref, service_notice: '', account_id: null }]);
  }

  async function list(url: URL, response: ServerResponse, oneRef: string | null): Promise<void> {
    const parsed = GetSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) throw new Refusal(400, 'invalidRequest', issuesOf(parsed.error));
    const query = parsed.data;
    const full = query.api_key !== undefined && deps.isIntakeKey(query.api_key);
    const refs = oneRef ? [oneRef] : query.service_request_id?.split(',').slice(0, 100) ?? null;
    const start = query.start_date ? Date.parse(query.start_date) : deps.clock() - 90 * 86_400_000;
    const end = query.end_date ? Date.parse(query.end_date) : deps.clock() + 86_400_000;
    const rows = await deps.sql<{ data: SyncCase; updated_at: number }[]>`
      SELECT data, updated_at FROM cases
      WHERE ${refs ? deps.sql`ref = ANY(${deps.sql.array(refs)}::text[])` : deps.sql`reported_at BETWEEN ${start} AND ${end}`}
        AND ${query.service_code ? deps.sql`data->>'categoryCode' = ${query.service_code}` : deps.sql`TRUE`}
      ORDER BY reported_at DESC, id DESC LIMIT 1000`;
    const lang = query.lang ?? 'zh-CN';
    const requests = rows
      .map(({ data, updated_at }) => ({
        service_request_id: data.ref,
        status: isOpen(data.status) || data.status === 'hung' ? 'open' : 'closed',
        status_notes: data.status,
        service_name: serviceName(data.categoryCode, lang),
        service_code: data.categoryCode,
        description: full ? data.description : '',
        agency_responsible: data.leadDepartmentId ?? '',
        requested_datetime: iso(data.reportedAt),
        updated_datetime: iso(updated_at),
        expected_datetime: null,
        address: full ? data.address : '',
        lat: data.lngLat?.[1] ?? null,
        long: data.lngLat?.[0] ?? null,
      }))
      .filter((item) => !query.status || item.status === query.status);
    if (oneRef && requests.length === 0) throw new Refusal(404, 'notFound');
    sendJson(response, 200, requests);
  }

  return { services, post, list };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new Refusal(400, 'badJson');
  }
}

function headerKey(request: IncomingMessage): string | null {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && /^[A-Za-z0-9_.:-]{1,80}$/.test(key) ? key : null;
}
