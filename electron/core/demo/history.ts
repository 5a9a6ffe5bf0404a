import type { ReferenceData } from '../../../shared/contract/contract';
import type { CaseStatus } from '../../../shared/domain/case';
import { formatCaseNumber, roomDayKey } from '../../../shared/domain/caseNumber';
import { createGridLocator } from '../../../shared/domain/locate';
import { seededRandom, type SeededRandom } from '../../../shared/domain/random';
import type { CaseStore, NewCase } from '../store/caseStore';
import type { Db } from '../store/database';
import { createCaseFactory } from './caseFactory';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export interface HistoryOptions {
  /** The instant the history leads up to; the newest cases are still open. */
  now: number;
  days: number;
  /** Average cases a day (one real sub-centre: ~20,000 in seven months ≈ 95). */
  perDay: number;
  seed: number;
}

/** Incidents by hour of day: quiet before dawn, busiest late morning and early evening. */
const hourlyWeight = [2, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 8, 8, 9, 9, 9, 8, 8, 7, 6, 5, 4, 3];

interface Step {
  kind: string;
  at: number;
}

/**
 * Months of plausible past cases so that queues, KPIs and trends mean
 * something on first start. Deterministic: the same seed and `now` give the
 * same rows on every machine. Everything is written in one transaction; the
 * history is treated as already synchronised, so it writes no outbox rows.
 */
export function generateHistory(db: Db, store: CaseStore, reference: ReferenceData, options: HistoryOptions): number {
  const random = seededRandom(options.seed);
  const nextIncident = createCaseFactory(reference, random);
  const locate = createGridLocator(reference.geography);
  const start = options.now - options.days * day;
  const serials = new Map<string, number>();
  let written = 0;

  db.transaction(() => {
    for (let dayStart = start; dayStart < options.now; dayStart += day) {
      // A gentle upward trend over the months, busier on weekdays.
      const progress = (dayStart - start) / (options.now - start);
      const weekday = new Date(dayStart).getUTCDay();
      const weekFactor = weekday === 0 || weekday === 6 ? 0.8 : 1.08;
      const count = Math.round(options.perDay * (0.85 + 0.3 * progress) * weekFactor * (0.85 + 0.3 * random.next()));
      const times = Array.from({ length: count }, () => dayStart + random.weighted(hourlyWeight.map((w, h) => [h, w] as const)) * hour + random.int(0, hour)).filter(
        (at) => at < options.now,
      );
      times.sort((a, b) => a - b);
      for (const reportedAt of times) {
        const { draft, category } = nextIncident();
        const dayKey = roomDayKey(reportedAt);
        const serial = (serials.get(dayKey) ?? 0) + 1;
        serials.set(dayKey, serial);
        const { status, steps } = lifecycle(reportedAt, options.now, draft.urgent, random);
        const place = locate(draft.lngLat);
        const dispatchedAt = steps.find((step) => step.kind === 'dispatched')?.at ?? null;
        const closedAt = steps.find((step) => step.kind === 'closed')?.at ?? null;
        const row: NewCase = {
          number: formatCaseNumber(dayKey, serial),
          description: draft.description,
          categoryCode: draft.categoryCode,
          sourceId: draft.sourceId,
          status,
          urgent: draft.urgent,
          lngLat: draft.lngLat,
          // Grid, workstation and sub-district come from the same locator the live core uses.
          gridId: place?.gridId ?? null,
          workstationId: place?.workstationId ?? null,
          subDistrictId: place?.subDistrictId ?? null,
          address: draft.address,
          leadDepartmentId: category.leadDepartmentId,
          reportedAt,
          dispatchedAt,
          closedAt,
          updatedAt: steps[steps.length - 1]!.at,
          reporter: draft.reporter,
        };
        const id = store.insert(row);
        for (const step of steps) {
          store.appendEvent({ caseId: id, at: step.at, actor: 'history', input: 'system', kind: step.kind, data: {} });
        }
        written++;
      }
    }
    for (const [dayKey, last] of serials) store.setSerial(dayKey, last);
  })();
  return written;
}

/** Where a case reported at `reportedAt` stands by `now`, and the steps it took. */
function lifecycle(reportedAt: number, now: number, urgent: boolean, random: SeededRandom): { status: CaseStatus; steps: Step[] } {
  const steps: Step[] = [{ kind: 'created', at: reportedAt }];
  const settle = (status: CaseStatus) => ({ status, steps: steps.filter((step) => step.at <= now) });

  if (random.chance(0.015)) {
    steps.push({ kind: 'voided', at: reportedAt + random.int(10, 90) * minute });
    return steps[1]!.at <= now ? settle('voided') : settle('reported');
  }
  const registeredAt = reportedAt + random.int(3, 25) * minute;
  const dispatchedAt = registeredAt + random.int(2, 20) * minute;
  steps.push({ kind: 'registered', at: registeredAt }, { kind: 'dispatched', at: dispatchedAt });
  // Urgent cases are handled within hours; the rest spread from hours to weeks.
  const handling = urgent
    ? random.int(20, 6 * 60) * minute
    : random.weighted([
        [random.int(1, 8) * hour, 55],
        [random.int(8, 48) * hour, 30],
        [random.int(2, 7) * day, 12],
        [random.int(7, 40) * day, 3],
      ] as const);
  const startedAt = dispatchedAt + Math.min(handling / 4, random.int(10, 120) * minute);
  const reportedBackAt = dispatchedAt + handling;
  const closedAt = reportedBackAt + random.int(20, 240) * minute;
  steps.push(
    { kind: 'started', at: startedAt },
    { kind: 'reportedBack', at: reportedBackAt },
    { kind: 'closed', at: closedAt },
  );
  if (closedAt <= now && random.chance(0.004)) {
    steps.pop();
    steps.push({ kind: 'hung', at: closedAt });
    return settle('hung');
  }
  if (closedAt <= now) return settle('closed');
  if (reportedBackAt <= now) return settle('reportedBack');
  if (startedAt <= now) return settle('inProgress');
  if (dispatchedAt <= now) return settle('dispatched');
  if (registeredAt <= now) return settle('registered');
  return settle('reported');
}
