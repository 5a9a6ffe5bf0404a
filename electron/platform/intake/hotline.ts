import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { PlatformReference as ReferenceData } from '../reference';
import { LngLatSchema } from '../../../shared/domain/case';
import type { LngLat } from '../../../shared/domain/district';
import { seededRandom } from '../../../shared/domain/random';
import { plainText } from '../../../shared/sync/protocol';
import { issuesOf, readJson, Refusal, sendJson } from '../http/io';
import type { Intake } from './intake';

/** A batch of 12345 hotline tickets as the city's hotline system hands them on (already classified by its dispatchers). */
export const HotlineBatchSchema = z
  .object({
    tickets: z
      .array(
        z
          .object({
            ticketId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
            receivedAt: z.number().int().positive(),
            categoryCode: z.string().regex(/^[12]\d{4}$/),
            content: plainText(1_000).pipe(z.string().trim().min(2)),
            address: plainText(200).default(''),
            lngLat: LngLatSchema.nullable().default(null),
            urgent: z.boolean().default(false),
            caller: z.object({ name: plainText(40), phone: z.string().regex(/^[0-9+\- ]{0,20}$/) }).strict().nullable().default(null),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type HotlineTicket = z.input<typeof HotlineBatchSchema>['tickets'][number];

/** `POST /intake/v1/hotline`: each ticket becomes a case once, however often it is sent. */
export async function receiveHotline(intake: Intake, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const parsed = HotlineBatchSchema.safeParse(await readJson(request, 1024 * 1024));
  if (!parsed.success) throw new Refusal(400, 'invalidRequest', issuesOf(parsed.error));
  const results = [];
  for (const ticket of parsed.data.tickets) {
    if (!intake.categories.has(ticket.categoryCode)) {
      results.push({ ticketId: ticket.ticketId, error: 'unknownCategory' });
      continue;
    }
    const result = await intake.receive({
      source: 'hotline12345',
      sourceId: ticket.ticketId,
      wallSourceId: 'hotline',
      description: ticket.content,
      categoryCode: ticket.categoryCode,
      lngLat: ticket.lngLat && intake.locate(ticket.lngLat) ? ticket.lngLat : null,
      address: ticket.address,
      urgent: ticket.urgent,
      reporter: ticket.caller,
      reportedAt: ticket.receivedAt,
    });
    results.push({ ticketId: ticket.ticketId, ref: result.ref, created: result.created, subCentreId: result.subCentreId });
  }
  sendJson(response, 200, { results });
}

/** What callers ring 12345 about, most often, in their words. */
const hotlineTopics: readonly (readonly [string, string])[] = [
  ['20101', '垃圾堆放多日无人清运'],
  ['20104', '绿地里垃圾很多没人打扫'],
  ['20401', '门口有人占道摆摊'],
  ['20402', '店家把货摆到人行道上'],
  ['20301', '工地施工噪音扰民'],
  ['20303', '工地扬尘很大'],
  ['20201', '小广告贴满楼道'],
  ['10101', '窨井盖松动有安全隐患'],
];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '周', '吴'];

/** The demo's hotline: tickets in the district at about `perMinute`, each sent through the same intake as a real feed. */
export function startDemoHotline(intake: Intake, reference: ReferenceData, perMinute: number, seed: number, onError: (error: unknown) => void): { stop(): void } {
  if (perMinute <= 0) return { stop() {} };
  const random = seededRandom(seed);
  const known = hotlineTopics.filter(([code]) => intake.categories.has(code));
  const topics = known.length ? known : reference.categories.slice(0, 8).map((category) => [category.code, category.name.zh] as const);
  let serial = 0;
  const ticket = (): HotlineTicket => {
    const grid = random.pick(reference.geography.grids);
    const point: LngLat = grid.polygon.reduce<LngLat>((sum, [lng, lat]) => [sum[0] + lng / grid.polygon.length, sum[1] + lat / grid.polygon.length], [0, 0]);
    const [categoryCode, complaint] = random.pick(topics);
    return {
      ticketId: `D${seed.toString(36)}-${++serial}`,
      receivedAt: Date.now(),
      categoryCode,
      content: `${grid.name.zh}附近${complaint}`,
      address: grid.name.zh,
      lngLat: intake.locate(point) ? point : null,
      urgent: random.chance(0.05),
      caller: { name: `${random.pick(surnames)}${random.pick(['先生', '女士'])}`, phone: `13${String(random.int(0, 1e9)).padStart(9, '0')}` },
    };
  };
  const timer = setInterval(() => {
    const next = HotlineBatchSchema.parse({ tickets: [ticket()] }).tickets[0]!;
    intake
      .receive({ source: 'hotline12345', sourceId: next.ticketId, wallSourceId: 'hotline', description: next.content, categoryCode: next.categoryCode, lngLat: next.lngLat, address: next.address, urgent: next.urgent, reporter: next.caller, reportedAt: next.receivedAt })
      .catch(onError);
  }, 60_000 / perMinute);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
