import type { ReferenceData } from '../../../../shared/contract/contract';
import { monthPeriod, type Kpis } from '../../../../shared/domain/kpi';
import type {
  ChannelFigures,
  DepartmentFigures,
  GridFigures,
  LiveFigures,
  OverviewFigures,
  RateSet,
  YearOnYear,
} from '../../../../shared/presentation/figures';
import { minutesOfClock, type SlotPlan } from '../../../../shared/video/slots';
import { publicCount, publicPercent } from '../../projection';
import type { CaseStore } from '../../store/caseStore';
import type { KeyedCount, PresentationReads } from '../../store/presentationReads';
import { assessPeriod } from '../assessment';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const beijingOffsetMs = 8 * hourMs;
/** Breakdowns cover the last 30 days: the same span whatever the date, and recent enough to be the sub-centre today. */
const breakdownDays = 30;

/** Beijing calendar parts of an instant. */
function beijing(at: number) {
  const shifted = new Date(at + beijingOffsetMs);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, dayStart: at - ((at + beijingOffsetMs) % dayMs) };
}
const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
/** `months` calendar months before (year, month), wrapping years. */
function monthsBefore(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) - months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}
const toMap = (rows: readonly KeyedCount[]) => new Map(rows.map((row) => [row.key, row.n]));

function rateSet(kpis: Kpis): RateSet {
  return {
    due: publicCount(kpis.due),
    disposal: publicPercent(kpis.disposalRate),
    closure: publicPercent(kpis.closureRate),
    onTimeDisposal: publicPercent(kpis.onTimeDisposalRate),
    onTimeClosure: publicPercent(kpis.onTimeClosureRate),
  };
}

/** Change in percent against a year earlier; null when there is nothing (or too little) to compare with. */
function yearOnYear(current: number, previous: number): YearOnYear {
  const changePercent = previous < 3 ? null : Math.round(((current - previous) / previous) * 10_000) / 100;
  return { current: publicCount(current), previous: publicCount(previous), changePercent };
}

/**
 * The presentation's figures, computed from the store's aggregates and the
 * assessment code that reproduces the published monthly figures
 * (docs/KPI.md). Every count and rate goes out through the public projection.
 */
export function createPresentationFigures(deps: { reads: PresentationReads; store: CaseStore; reference: ReferenceData; slotPlan: SlotPlan; clock: () => number }) {
  const { reads, reference } = deps;
  /**
   * A complete month's assessment, kept for a few minutes: the overview's
   * "last month" and the department board read the same settled month, and
   * it changes only when a case of that month is reopened or closed late.
   */
  let settled: { key: string; at: number; value: ReturnType<typeof assessPeriod> } | null = null;
  function settledMonth(year: number, month: number, now: number) {
    const key = monthKey(year, month);
    if (settled?.key !== key || now - settled.at > 5 * 60_000 || now < settled.at) settled = { key, at: now, value: assessPeriod(deps.store, reference, monthPeriod(year, month), now) };
    return settled.value;
  }

  function overview(): OverviewFigures {
    const now = deps.clock();
    const { year, month, dayStart } = beijing(now);
    const monthStart = monthPeriod(year, month).from;
    const yearStart = monthPeriod(year, 1).from;
    const launchedAt = reads.firstReportedAt();
    const since = [dayStart, monthStart, yearStart, launchedAt ?? now];
    const [receivedToday, receivedMonth, receivedYear, receivedAll] = since.map((from) => publicCount(reads.receivedBetween(from, now + 1)));
    const [handledToday, handledMonth, handledYear, handledAll] = since.map((from) => publicCount(reads.closedBetween(from, now + 1)));
    const previous = monthsBefore(year, month, 1);
    const lastYearStart = monthPeriod(year - 1, 1).from;
    // The same stretch of last year: 1 January to this instant's date and time a year earlier.
    const lastYearNow = lastYearStart + (now - yearStart);
    const complaintSources = reference.sources.filter((source) => source.complaint).map((source) => source.id);
    // Month by month as ranges of the time indexes: cheaper than reading a year of rows to group them.
    const monthly = (reader: (from: number, to: number) => number) => (y: number, m: number) => reader(monthPeriod(y, m).from, Math.min(monthPeriod(y, m).to, now + 1));
    const receivedIn = monthly(reads.receivedBetween);
    const handledIn = monthly(reads.closedBetween);
    const perDay = toMap(reads.receivedPerDay(dayStart - (breakdownDays - 1) * dayMs));
    return {
      view: 'overview',
      asOf: now,
      launchedAt,
      received: { today: receivedToday!, month: receivedMonth!, year: receivedYear!, sinceLaunch: receivedAll! },
      handled: { today: handledToday!, month: handledMonth!, year: handledYear!, sinceLaunch: handledAll! },
      rates: {
        month: rateSet(assessPeriod(deps.store, reference, { from: monthStart, to: now + 1 }, now).overall),
        previousMonth: rateSet(settledMonth(previous.year, previous.month, now).overall),
      },
      yearOnYear: {
        cases: yearOnYear(reads.receivedBetween(yearStart, now), reads.receivedBetween(lastYearStart, lastYearNow)),
        complaints: yearOnYear(reads.receivedBetween(yearStart, now, complaintSources), reads.receivedBetween(lastYearStart, lastYearNow, complaintSources)),
      },
      months: Array.from({ length: 12 }, (_, index) => {
        const { year: y, month: m } = monthsBefore(year, month, 11 - index);
        return { month: monthKey(y, m), received: publicCount(receivedIn(y, m)), handled: publicCount(handledIn(y, m)) };
      }),
      days: Array.from({ length: breakdownDays }, (_, index) => {
        const key = new Date(dayStart - (breakdownDays - 1 - index) * dayMs + beijingOffsetMs).toISOString().slice(0, 10);
        return { day: key, received: publicCount(perDay.get(key) ?? 0) };
      }),
    };
  }

  function channels(): ChannelFigures {
    const to = deps.clock();
    const from = beijing(to).dayStart - (breakdownDays - 1) * dayMs;
    const sources = toMap(reads.receivedPerSource(from, to));
    const majors = toMap(reads.receivedPerMajor(from, to));
    const majorCodes = [...new Set(reference.categories.map((category) => category.majorCode))];
    const perMinute = reads.receivedPerMinuteOfDay(from, to);
    const slots = [...deps.slotPlan.slots].sort((a, b) => minutesOfClock(a.start) - minutesOfClock(b.start));
    const slotOfMinute = (minute: number) => slots.findLast((slot) => minutesOfClock(slot.start) <= minute) ?? slots.at(-1)!;
    const perSlot = new Map<string, number>();
    for (const row of perMinute) {
      const slot = slotOfMinute(Number(row.key));
      perSlot.set(slot.id, (perSlot.get(slot.id) ?? 0) + row.n);
    }
    return {
      view: 'channels',
      from,
      to,
      sources: reference.sources.map((source) => ({ sourceId: source.id, count: publicCount(sources.get(source.id) ?? 0) })),
      categories: majorCodes.map((majorCode) => ({ majorCode, count: publicCount(majors.get(majorCode) ?? 0) })),
      timeSlots: slots.map((slot) => ({ slotId: slot.id, name: slot.name, start: slot.start, count: publicCount(perSlot.get(slot.id) ?? 0) })),
    };
  }

  function grids(): GridFigures {
    const to = deps.clock();
    const from = beijing(to).dayStart - (breakdownDays - 1) * dayMs;
    const perGrid = toMap(reads.receivedPerGrid(from, to));
    return { view: 'grids', from, to, grids: reference.geography.grids.map((grid) => ({ gridId: grid.id, count: publicCount(perGrid.get(grid.id) ?? 0) })) };
  }

  /** The last complete month: the published, settled figures of every unit. */
  function departments(): DepartmentFigures {
    const now = deps.clock();
    const { year, month } = beijing(now);
    const last = monthsBefore(year, month, 1);
    const assessed = settledMonth(last.year, last.month, now);
    const known = new Set(reference.departments.map((department) => department.id));
    return {
      view: 'departments',
      month: monthKey(last.year, last.month),
      departments: assessed.departments
        .filter((entry): entry is typeof entry & { departmentId: string } => entry.departmentId !== null && known.has(entry.departmentId))
        .map((entry) => ({ departmentId: entry.departmentId, rates: rateSet(entry.kpis), score: entry.kpis.due < 3 || entry.kpis.score === null ? null : Math.round(entry.kpis.score * 10) / 10 })),
    };
  }

  function live(): LiveFigures {
    const now = deps.clock();
    const { dayStart } = beijing(now);
    const received = reads.receivedBetween(dayStart, now + 1);
    const lastHour = reads.receivedBetween(now - hourMs, now + 1);
    const hours = toMap(reads.receivedPerHour(dayStart));
    const majors = toMap(reads.receivedPerMajor(dayStart, now + 1));
    return {
      view: 'live',
      asOf: now,
      received: publicCount(received),
      handled: publicCount(reads.closedBetween(dayStart, now + 1)),
      open: publicCount(reads.openNow()),
      lastHour: publicCount(lastHour),
      categories: [...majors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([majorCode, n]) => ({ majorCode, count: publicCount(n) })),
      hours: Array.from({ length: 24 }, (_, hour) => publicCount(hours.get(String(hour)) ?? 0)),
    };
  }

  return { overview, channels, grids, departments, live };
}
export type PresentationFigureBuilder = ReturnType<typeof createPresentationFigures>;
