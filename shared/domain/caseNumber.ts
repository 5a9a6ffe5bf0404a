/** The room's clock: case numbers and day boundaries follow Beijing time wherever the machine is set. */
export const roomTimeZone = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: roomTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** "20261126" for any instant on 26 November 2026, Beijing time. */
export function roomDayKey(at: number): string {
  return dayFormat.format(at).replaceAll('-', '');
}

/** Case numbers are read aloud: day, then a 4-digit serial ("20261126-0042"). */
export function formatCaseNumber(dayKey: string, serial: number): string {
  return `${dayKey}-${String(serial).padStart(4, '0')}`;
}
