import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createWorkCalendar,
  supervisionLevelFor,
  supervisionThresholds,
  WorkCalendarDataSchema,
  type WorkCalendarData,
} from '../../shared/domain/workCalendar';

const HOUR = 3_600_000;
const DAY = 8 * HOUR; // one working day with the default periods

const shippedJson: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../../resources/demo/calendar.json', import.meta.url)), 'utf8'));
const shipped = WorkCalendarDataSchema.parse(shippedJson);
const calendar = createWorkCalendar(shipped);

/** An instant given as Beijing wall-clock time: "2026-10-09 16:30". */
function bj(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) throw new Error(`bad test time ${text}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second) - 8 * HOUR;
}

/** The same, back to text, so a failing assertion reads as a wall-clock time. */
function wall(at: number): string {
  return new Date(at + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

/** The shipped data, edited. */
function edited(edit: (data: WorkCalendarData) => void): unknown {
  const copy = structuredClone(shipped);
  edit(copy);
  return copy;
}

describe('calendar data', () => {
  it('accepts the shipped file, including its notes', () => {
    expect(WorkCalendarDataSchema.safeParse(shippedJson).success).toBe(true);
    expect(shipped.notes?.en).toMatch(/2027.*provisional/i);
  });

  it('accepts a file without notes', () => {
    expect(WorkCalendarDataSchema.safeParse(edited((data) => delete data.notes)).success).toBe(true);
  });

  it.each([
    ['a date that does not exist', (data: WorkCalendarData) => (data.holidays[0]!.date = '2026-02-30'), /does not exist/],
    ['month 13', (data: WorkCalendarData) => (data.holidays[0]!.date = '2026-13-01'), /does not exist/],
    ['a date without padding', (data: WorkCalendarData) => (data.holidays[0]!.date = '2026-1-5'), /YYYY-MM-DD/],
    ['a malformed time', (data: WorkCalendarData) => (data.workingPeriods[0]!.start = '9:00'), /HH:MM/],
    ['a period that ends before it starts', (data: WorkCalendarData) => (data.workingPeriods[0]!.end = '08:00'), /must end after/],
    ['overlapping periods', (data: WorkCalendarData) => (data.workingPeriods[0]!.end = '13:30'), /overlaps/],
    [
      'periods out of order',
      (data: WorkCalendarData) => (data.workingPeriods = [data.workingPeriods[1]!, data.workingPeriods[0]!]),
      /overlaps or comes before/,
    ],
    ['no periods at all', (data: WorkCalendarData) => (data.workingPeriods = []), /workingPeriods/],
    [
      'a date that is both holiday and extra workday',
      (data: WorkCalendarData) => data.holidays.push({ date: '2026-10-10', name: { zh: '测试', en: 'Test' } }),
      /both a holiday and an extra working day/,
    ],
    [
      'an extra workday on a weekday',
      (data: WorkCalendarData) => data.extraWorkdays.push({ date: '2026-10-12', name: { zh: '测试', en: 'Test' } }),
      /not a Saturday or Sunday/,
    ],
    ['a date listed twice', (data: WorkCalendarData) => data.holidays.push({ ...data.holidays[0]! }), /listed twice/],
    ['another time zone', (data: WorkCalendarData) => ((data as { timeZone: string }).timeZone = 'Asia/Tokyo'), /timeZone/],
  ])('rejects %s', (_label, edit, message) => {
    const result = WorkCalendarDataSchema.safeParse(edited(edit));
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});

describe('working days in 2026', () => {
  const working = (date: string) => calendar.isWorkingDay(bj(`${date} 10:00`));

  it('ordinary weekdays work, ordinary weekends do not', () => {
    expect(working('2026-03-11')).toBe(true); // Wednesday
    expect(working('2026-03-14')).toBe(false); // Saturday
    expect(working('2026-03-15')).toBe(false); // Sunday
  });

  it('the National Day week is off and its two make-up days are worked', () => {
    for (const day of ['01', '02', '03', '04', '05', '06', '07']) expect(working(`2026-10-${day}`)).toBe(false);
    expect(working('2026-09-20')).toBe(true); // Sunday, 调休
    expect(working('2026-10-10')).toBe(true); // Saturday, 调休
    expect(working('2026-10-08')).toBe(true);
    expect(working('2026-10-11')).toBe(false); // the Sunday after is an ordinary Sunday
  });

  it('follows the rest of the State Council schedule', () => {
    expect(working('2026-01-02')).toBe(false);
    expect(working('2026-01-04')).toBe(true); // Sunday, 调休
    expect(working('2026-02-14')).toBe(true); // Saturday before Spring Festival, 调休
    for (let day = 15; day <= 23; day += 1) expect(working(`2026-02-${day}`)).toBe(false);
    expect(working('2026-02-24')).toBe(true);
    expect(working('2026-02-28')).toBe(true); // Saturday, 调休
    expect(working('2026-04-06')).toBe(false); // Qingming Monday
    expect(working('2026-05-05')).toBe(false);
    expect(working('2026-05-09')).toBe(true); // Saturday, 调休
    expect(working('2026-06-19')).toBe(false); // Dragon Boat Friday
    expect(working('2026-09-25')).toBe(false); // Mid-Autumn Friday
  });

  it('counts 248 working days in 2026 and in (provisional) 2027, as 13 statutory days imply', () => {
    const count = (year: number) => {
      let days = 0;
      for (let at = bj(`${year}-01-01 10:00`); at < bj(`${year + 1}-01-01 00:00`); at += 24 * HOUR) if (calendar.isWorkingDay(at)) days += 1;
      return days;
    };
    // 365 days − 104 weekend days − 13 statutory holidays (all moved onto weekdays) = 248.
    expect(count(2026)).toBe(248);
    expect(count(2027)).toBe(248);
  });

  it('decides the day in Beijing time, whatever the UTC date', () => {
    // 2026-10-07 16:30 UTC is 00:30 on Thursday 8 October in Beijing: the first working day after the holiday.
    expect(calendar.isWorkingDay(Date.UTC(2026, 9, 7, 16, 30))).toBe(true);
    expect(calendar.isWorkingDay(Date.UTC(2026, 9, 7, 15, 30))).toBe(false);
  });
});

describe('limits and deadlines', () => {
  it('one working day is eight working hours, so 15 days = 120 hours', () => {
    expect(calendar.workingDayMs).toBe(DAY);
    expect(calendar.limitMs({ value: 4, unit: 'workingHours' })).toBe(4 * HOUR);
    expect(calendar.limitMs({ value: 15, unit: 'workingDays' })).toBe(calendar.limitMs({ value: 120, unit: 'workingHours' }));
  });

  it('takes the length of a day from the data', () => {
    const shortDays = createWorkCalendar({ ...shipped, workingPeriods: [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }] });
    expect(shortDays.limitMs({ value: 1, unit: 'workingDays' })).toBe(7 * HOUR);
    expect(wall(shortDays.deadline(bj('2026-03-11 11:00'), { value: 2, unit: 'workingHours' }))).toBe('2026-03-11 15:00');
  });

  it('4 working hours from Friday 16:30 end Monday 11:30', () => {
    expect(wall(calendar.deadline(bj('2026-03-13 16:30'), { value: 4, unit: 'workingHours' }))).toBe('2026-03-16 11:30');
  });

  it('skips a holiday and counts a 调休 Saturday', () => {
    // Thursday before Labour Day: 1.5 h that day, then nothing until Wednesday 6 May.
    expect(wall(calendar.deadline(bj('2026-04-30 16:30'), { value: 4, unit: 'workingHours' }))).toBe('2026-05-06 11:30');
    // Friday 8 May: Saturday 9 May is a make-up working day.
    expect(wall(calendar.deadline(bj('2026-05-08 16:30'), { value: 4, unit: 'workingHours' }))).toBe('2026-05-09 11:30');
  });

  it('skips the lunch break', () => {
    expect(wall(calendar.addWorkingTime(bj('2026-03-11 11:00'), 2 * HOUR))).toBe('2026-03-11 14:00');
    // Started during lunch: the clock starts at 13:00.
    expect(wall(calendar.addWorkingTime(bj('2026-03-11 12:30'), 1 * HOUR))).toBe('2026-03-11 14:00');
  });

  it('ends at the end of a period rather than at the start of the next', () => {
    expect(wall(calendar.addWorkingTime(bj('2026-03-11 09:00'), 3 * HOUR))).toBe('2026-03-11 12:00');
    expect(wall(calendar.deadline(bj('2026-03-11 09:00'), { value: 1, unit: 'workingDays' }))).toBe('2026-03-11 18:00');
  });

  it('a case registered at 20:00 starts its clock next morning', () => {
    expect(wall(calendar.addWorkingTime(bj('2026-03-10 20:00'), 1 * HOUR))).toBe('2026-03-11 10:00');
    expect(calendar.workingMsBetween(bj('2026-03-10 18:00'), bj('2026-03-11 09:00'))).toBe(0);
  });

  it('15 working days across the National Day holiday', () => {
    const fifteenDays = { value: 15, unit: 'workingDays' } as const;
    // Sep 28–30 (3), Oct 8, 9, Sat 10 (6), Oct 12–16 (11), Oct 19–22 (15).
    expect(wall(calendar.deadline(bj('2026-09-28 09:00'), fifteenDays))).toBe('2026-10-22 18:00');
    // Started mid-afternoon: the same time of day, 15 working days later.
    expect(wall(calendar.deadline(bj('2026-09-29 14:00'), fifteenDays))).toBe('2026-10-26 14:00');
    expect(calendar.workingMsBetween(bj('2026-09-30 18:00'), bj('2026-10-08 09:00'))).toBe(0);
  });

  it('runs over the end of the data into ordinary weeks', () => {
    // 2028 has no holidays in the file: weekdays work, weekends do not.
    expect(wall(calendar.deadline(bj('2028-03-10 16:30'), { value: 4, unit: 'workingHours' }))).toBe('2028-03-13 11:30');
  });

  it('handles zero and rejects nonsense', () => {
    expect(calendar.addWorkingTime(bj('2026-03-14 03:00'), 0)).toBe(bj('2026-03-14 03:00'));
    expect(calendar.workingMsBetween(bj('2026-03-12 10:00'), bj('2026-03-11 10:00'))).toBe(0);
    expect(() => calendar.addWorkingTime(bj('2026-03-11 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingTime(Number.NaN, HOUR)).toThrow(RangeError);
    expect(() => calendar.limitMs({ value: Number.POSITIVE_INFINITY, unit: 'workingDays' })).toThrow(RangeError);
  });

  it('spans years quickly', () => {
    const began = performance.now();
    const start = bj('2026-01-05 09:00');
    const end = calendar.addWorkingTime(start, 496 * DAY); // two years of working days
    expect(calendar.workingMsBetween(start, end)).toBe(496 * DAY);
    expect(performance.now() - began).toBeLessThan(100);
  });
});

describe('properties', () => {
  /** fc.integer is 32-bit; epoch milliseconds are built from a whole-day part and a millisecond part. */
  const millisecondsUpTo = (max: number) =>
    fc
      .tuple(fc.integer({ min: 0, max: Math.floor(max / 86_400_000) }), fc.integer({ min: 0, max: 86_399_999 }))
      .map(([days, ms]) => Math.min(max, days * 86_400_000 + ms));
  const start = millisecondsUpTo(bj('2027-10-31 00:00') - bj('2025-12-20 00:00')).map((offset) => bj('2025-12-20 00:00') + offset);
  const span = fc.integer({ min: 0, max: 60 * DAY });

  it('workingMsBetween inverts addWorkingTime', () => {
    fc.assert(
      fc.property(start, span, (s, w) => calendar.workingMsBetween(s, calendar.addWorkingTime(s, w)) === w),
      { numRuns: 300 },
    );
  });

  it('the deadline is the earliest instant: one millisecond before, the time has not run out', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 60 * DAY }), (s, w) => {
        const end = calendar.addWorkingTime(s, w);
        return end > s && calendar.workingMsBetween(s, end - 1) === w - 1;
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in the start and in the amount of working time', () => {
    fc.assert(
      fc.property(start, start, span, span, (s1, s2, w1, w2) => {
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [less, more] = w1 <= w2 ? [w1, w2] : [w2, w1];
        return (
          calendar.addWorkingTime(early, less) <= calendar.addWorkingTime(early, more) &&
          calendar.addWorkingTime(early, less) <= calendar.addWorkingTime(late, less) &&
          calendar.workingMsBetween(early, late) <= late - early
        );
      }),
      { numRuns: 300 },
    );
  });

  it('adding in two steps equals adding at once (a paused clock resumes exactly)', () => {
    fc.assert(
      fc.property(start, span, span, (s, a, b) => calendar.addWorkingTime(calendar.addWorkingTime(s, a), b) === calendar.addWorkingTime(s, a + b)),
      { numRuns: 300 },
    );
  });

  it('agrees with a plain interval-by-interval count', () => {
    const holidays = new Set(shipped.holidays.map((day) => day.date));
    const extra = new Set(shipped.extraWorkdays.map((day) => day.date));
    /** Slow reference: list every working period as [start, end) instants and intersect them with [from, to). */
    const reference = (from: number, to: number) => {
      let total = 0;
      for (let midnight = bj(`${wall(from).slice(0, 10)} 00:00`); midnight < to; midnight += 24 * HOUR) {
        const date = wall(midnight).slice(0, 10);
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        const isWorking = extra.has(date) || (weekday !== 0 && weekday !== 6 && !holidays.has(date));
        if (!isWorking) continue;
        for (const [begin, end] of [
          ['09:00', '12:00'],
          ['13:00', '18:00'],
        ]) {
          total += Math.max(0, Math.min(to, bj(`${date} ${end}`)) - Math.max(from, bj(`${date} ${begin}`)));
        }
      }
      return total;
    };
    fc.assert(
      fc.property(start, millisecondsUpTo(40 * 24 * HOUR), (from, length) => calendar.workingMsBetween(from, from + length) === reference(from, from + length)),
      { numRuns: 200 },
    );
  });
});

describe('supervision', () => {
  it('climbs the ladder at 50 %, 80 % and 100 %', () => {
    expect(supervisionThresholds).toEqual({ 1: 0.5, 2: 0.8, 3: 1 });
    expect(supervisionLevelFor(0)).toBe(0);
    expect(supervisionLevelFor(0.4999)).toBe(0);
    expect(supervisionLevelFor(0.5)).toBe(1);
    expect(supervisionLevelFor(0.7999)).toBe(1);
    expect(supervisionLevelFor(0.8)).toBe(2);
    expect(supervisionLevelFor(0.9999)).toBe(2);
    expect(supervisionLevelFor(1)).toBe(3);
    expect(supervisionLevelFor(2.5)).toBe(3);
  });

  it('elapsedFraction counts working time only and subtracts a pause', () => {
    const start = bj('2026-03-09 09:00'); // Monday
    const eightHours = { value: 8, unit: 'workingHours' } as const;
    expect(calendar.elapsedFraction(start, eightHours, bj('2026-03-09 13:00'))).toBe(3 / 8);
    expect(calendar.elapsedFraction(start, eightHours, bj('2026-03-09 17:00'))).toBe(7 / 8);
    // Hung for two working hours: the clock is two hours behind.
    expect(calendar.elapsedFraction(start, eightHours, bj('2026-03-09 17:00'), 2 * HOUR)).toBe(5 / 8);
    expect(supervisionLevelFor(calendar.elapsedFraction(start, eightHours, bj('2026-03-09 17:00'), 2 * HOUR))).toBe(1);
    // Overdue the next morning, and the fraction keeps growing past 1.
    expect(calendar.elapsedFraction(start, eightHours, bj('2026-03-10 11:00'))).toBe(10 / 8);
    // A pause longer than the time elapsed cannot make it negative.
    expect(calendar.elapsedFraction(start, eightHours, bj('2026-03-09 10:00'), 5 * HOUR)).toBe(0);
  });

  it('reaches 100 % exactly at the deadline', () => {
    const start = bj('2026-09-29 14:00');
    const limit = { value: 15, unit: 'workingDays' } as const;
    const due = calendar.deadline(start, limit);
    expect(calendar.elapsedFraction(start, limit, due)).toBe(1);
    expect(supervisionLevelFor(calendar.elapsedFraction(start, limit, due - 1))).toBe(2);
    expect(supervisionLevelFor(calendar.elapsedFraction(start, limit, due))).toBe(3);
  });
});
