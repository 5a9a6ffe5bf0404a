import { z } from 'zod';
import type { Category } from './organisation';

/**
 * The working-time calendar that case deadlines are counted on.
 *
 * Time limits are set in working hours or working days, on a calendar that
 * knows China's public holidays and the weekend days that become working days
 * in exchange (调休). The holidays come from data (resources/demo/calendar.json)
 * because the State Council publishes them a year at a time: a new year is an
 * edit to the file, not to the code.
 *
 * Times are epoch milliseconds. The calendar's zone is Asia/Shanghai, which
 * has been UTC+8 all year round since 1991 (no daylight saving), so local
 * dates and times are computed with a fixed +8 h offset instead of Intl —
 * simpler, faster, and exact for every date a case can have.
 */

export type TimeLimit = Category['timeLimit'];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Asia/Shanghai = UTC+8, no DST (see above). */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

// ---------------------------------------------------------------------------
// Data

const NameSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** "2026-10-01", and a date that exists (no 30 February). */
const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD', abort: true })
  .refine((date) => dayNumberOfDate(date) !== null, { message: 'date does not exist' });

/** "09:00"; "24:00" is allowed as the end of a period that runs to midnight. */
const ClockTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'time must be HH:MM' });

const CalendarDaySchema = z.object({ date: DateSchema, name: NameSchema });

export const WorkCalendarDataSchema = z
  .object({
    timeZone: z.literal('Asia/Shanghai'),
    /** Free text for whoever maintains the file (e.g. which years are provisional). */
    notes: NameSchema.optional(),
    workingPeriods: z.array(z.object({ start: ClockTimeSchema, end: ClockTimeSchema })).min(1),
    holidays: z.array(CalendarDaySchema),
    /** Weekend days that are working days because of 调休. */
    extraWorkdays: z.array(CalendarDaySchema),
  })
  .superRefine((data, context) => {
    // Each period must have a positive length and start no earlier than the previous one ends.
    data.workingPeriods.forEach((period, index) => {
      const start = msOfDayFromClock(period.start);
      const end = msOfDayFromClock(period.end);
      if (end <= start) {
        context.addIssue({ code: 'custom', path: ['workingPeriods', index], message: `period ${period.start}–${period.end} must end after it starts` });
      }
      const previous = data.workingPeriods[index - 1];
      if (previous && start < msOfDayFromClock(previous.end)) {
        context.addIssue({
          code: 'custom',
          path: ['workingPeriods', index],
          message: `period ${period.start}–${period.end} overlaps or comes before ${previous.start}–${previous.end}`,
        });
      }
    });

    reportDuplicates(data.holidays, 'holidays', context);
    reportDuplicates(data.extraWorkdays, 'extraWorkdays', context);

    const holidayDates = new Set(data.holidays.map((day) => day.date));
    data.extraWorkdays.forEach((day, index) => {
      if (holidayDates.has(day.date)) {
        context.addIssue({ code: 'custom', path: ['extraWorkdays', index, 'date'], message: `${day.date} is both a holiday and an extra working day` });
      }
      // A make-up day on a weekday would change nothing: it is almost certainly a typo.
      const dayNumber = dayNumberOfDate(day.date);
      if (dayNumber !== null && !isWeekend(dayNumber)) {
        context.addIssue({ code: 'custom', path: ['extraWorkdays', index, 'date'], message: `${day.date} is not a Saturday or Sunday` });
      }
    });
  });

export type WorkCalendarData = z.infer<typeof WorkCalendarDataSchema>;

function reportDuplicates(days: { date: string }[], list: 'holidays' | 'extraWorkdays', context: z.RefinementCtx): void {
  const seen = new Set<string>();
  days.forEach((day, index) => {
    if (seen.has(day.date)) context.addIssue({ code: 'custom', path: [list, index, 'date'], message: `${day.date} is listed twice` });
    seen.add(day.date);
  });
}

// ---------------------------------------------------------------------------
// Local days and clock times (fixed UTC+8)

/**
 * Days are numbered from 1970-01-01 (day 0) in Shanghai local time; the
 * date strings in the data are turned into the same numbers once, so the
 * hot loops compare integers.
 */
function dayNumberOfDate(date: string): number | null {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, day);
  const roundTrip = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to 2 March; a real date survives the round trip.
  if (roundTrip.getUTCFullYear() !== year || roundTrip.getUTCMonth() !== month - 1 || roundTrip.getUTCDate() !== day) return null;
  return utc / DAY_MS;
}

function msOfDayFromClock(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * HOUR_MS + minutes * MINUTE_MS;
}

function localDayNumber(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant of local midnight that starts a day. */
function localMidnight(dayNumber: number): number {
  return dayNumber * DAY_MS - SHANGHAI_OFFSET_MS;
}

function isWeekend(dayNumber: number): boolean {
  // Day 0 (1970-01-01) was a Thursday; with this shift Sunday = 0, Saturday = 6.
  const weekday = (((dayNumber + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

function assertInstant(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number of milliseconds, got ${value}`);
}

// ---------------------------------------------------------------------------
// The calendar

export interface WorkCalendar {
  /** Working time in one working day (8 h with the default periods). */
  readonly workingDayMs: number;
  isWorkingDay(at: number): boolean;
  limitMs(limit: TimeLimit): number;
  addWorkingTime(start: number, workingMs: number): number;
  workingMsBetween(from: number, to: number): number;
  deadline(start: number, limit: TimeLimit): number;
  elapsedFraction(start: number, limit: TimeLimit, now: number, pausedWorkingMs?: number): number;
}

export function createWorkCalendar(data: WorkCalendarData): WorkCalendar {
  const periods = data.workingPeriods.map((period) => ({ start: msOfDayFromClock(period.start), end: msOfDayFromClock(period.end) }));
  const workingDayMs = periods.reduce((sum, period) => sum + (period.end - period.start), 0);
  const holidays = new Set(data.holidays.map((day) => dayNumberOfDate(day.date)));
  const extraWorkdays = new Set(data.extraWorkdays.map((day) => dayNumberOfDate(day.date)));

  function isWorkingDayNumber(dayNumber: number): boolean {
    if (extraWorkdays.has(dayNumber)) return true;
    return !isWeekend(dayNumber) && !holidays.has(dayNumber);
  }

  /** Working time on a working day from local midnight up to `msOfDay`. */
  function workedBy(msOfDay: number): number {
    let worked = 0;
    for (const period of periods) worked += Math.max(0, Math.min(period.end, msOfDay) - period.start);
    return worked;
  }

  /** The time of day at which `amount` of working time has passed after `fromMsOfDay` (amount fits in the day). */
  function msOfDayAfterWorking(fromMsOfDay: number, amount: number): number {
    let left = amount;
    for (const period of periods) {
      if (period.end <= fromMsOfDay) continue;
      const begin = Math.max(period.start, fromMsOfDay);
      if (left <= period.end - begin) return begin + left;
      left -= period.end - begin;
    }
    throw new Error('unreachable: the amount was checked against the working time left in the day');
  }

  /**
   * One working day is one full day's worth of working time (8 h with the
   * default periods), not "until the same hour N days later" by a separate
   * rule. So 15 working days and 120 working hours are the same length, and
   * a clock stopped for a hung case can be resumed with the working time it
   * has left, whatever the unit of its limit.
   */
  function limitMs(limit: TimeLimit): number {
    if (!Number.isFinite(limit.value) || limit.value < 0) throw new RangeError(`a time limit must be a non-negative number, got ${limit.value}`);
    return limit.unit === 'workingHours' ? limit.value * HOUR_MS : limit.value * workingDayMs;
  }

  /**
   * The earliest instant at which `workingMs` of working time has elapsed
   * after `start`. Nights, lunch, weekends and holidays do not count; 调休
   * Saturdays do. A start outside working hours effectively begins at the
   * next working period. "Earliest" means a limit that runs out at the end of
   * a period ends there (18:00), not at the start of the next one (09:00).
   * Whole days are skipped one comparison each, so months cost microseconds.
   */
  function addWorkingTime(start: number, workingMs: number): number {
    assertInstant(start, 'start');
    if (!Number.isFinite(workingMs) || workingMs < 0) throw new RangeError(`working time must be a non-negative number, got ${workingMs}`);
    if (workingMs === 0) return start;

    let day = localDayNumber(start);
    let fromMsOfDay = start - localMidnight(day);
    let remaining = workingMs;
    for (;;) {
      if (isWorkingDayNumber(day)) {
        const leftToday = workingDayMs - workedBy(fromMsOfDay);
        if (remaining <= leftToday) return localMidnight(day) + msOfDayAfterWorking(fromMsOfDay, remaining);
        remaining -= leftToday;
      }
      day += 1;
      fromMsOfDay = 0;
    }
  }

  /** Working time elapsed between two instants; 0 if `to` is not after `from`. The inverse of addWorkingTime. */
  function workingMsBetween(from: number, to: number): number {
    assertInstant(from, 'from');
    assertInstant(to, 'to');
    if (to <= from) return 0;

    const firstDay = localDayNumber(from);
    const lastDay = localDayNumber(to);
    const fromMsOfDay = from - localMidnight(firstDay);
    const toMsOfDay = to - localMidnight(lastDay);
    if (firstDay === lastDay) return isWorkingDayNumber(firstDay) ? workedBy(toMsOfDay) - workedBy(fromMsOfDay) : 0;

    let worked = isWorkingDayNumber(firstDay) ? workingDayMs - workedBy(fromMsOfDay) : 0;
    for (let day = firstDay + 1; day < lastDay; day += 1) {
      if (isWorkingDayNumber(day)) worked += workingDayMs;
    }
    if (isWorkingDayNumber(lastDay)) worked += workedBy(toMsOfDay);
    return worked;
  }

  return {
    workingDayMs,
    isWorkingDay: (at) => {
      assertInstant(at, 'at');
      return isWorkingDayNumber(localDayNumber(at));
    },
    limitMs,
    addWorkingTime,
    workingMsBetween,
    deadline: (start, limit) => addWorkingTime(start, limitMs(limit)),
    /**
     * Share of the limit used so far (above 1 once overdue). Working time
     * during which the clock was stopped (a hung case) is passed in and
     * subtracted. A zero limit counts as fully used.
     */
    elapsedFraction: (start, limit, now, pausedWorkingMs = 0) => {
      const total = limitMs(limit);
      const used = Math.max(0, workingMsBetween(start, now) - pausedWorkingMs);
      return total === 0 ? 1 : used / total;
    },
  };
}

// ---------------------------------------------------------------------------
// Supervision ladder (督办)

/** Share of the time limit at which automatic supervision reaches each level; level 3 = overdue. */
export const supervisionThresholds = { 1: 0.5, 2: 0.8, 3: 1 } as const;

export type SupervisionLevel = 0 | 1 | 2 | 3;

export function supervisionLevelFor(fraction: number): SupervisionLevel {
  if (fraction >= supervisionThresholds[3]) return 3;
  if (fraction >= supervisionThresholds[2]) return 2;
  if (fraction >= supervisionThresholds[1]) return 1;
  return 0;
}
