import { useMemo } from 'react';
import type { ReferenceData } from '../../../shared/contract/contract';
import { localName, type Name } from '../../../shared/domain/names';
import type { WallState } from '../state/wallStore';
import { locale } from './i18n';
import { useWallState } from './WallContext';

const selectReference = (state: WallState) => state.reference;

/** Names for the codes and ids on a case, in the window's language. */
export function createLookups(reference: ReferenceData | null) {
  const byId = <T extends { name: Name }>(items: readonly T[] | undefined, key: (item: T) => string) =>
    new Map((items ?? []).map((item) => [key(item), localName(item.name, locale)]));
  const categories = new Map((reference?.categories ?? []).map((category) => [category.code, category]));
  const grids = byId(reference?.geography.grids, (grid) => grid.id);
  const workstations = byId(reference?.geography.workstations, (station) => station.id);
  const subDistricts = byId(reference?.geography.subDistricts, (sub) => sub.id);
  const sources = byId(reference?.sources, (source) => source.id);
  const departments = byId(reference?.departments, (department) => department.id);
  return {
    categoryName: (code: string) => {
      const category = categories.get(code);
      return category ? localName(category.name, locale) : code;
    },
    majorName: (code: string) => {
      const category = categories.get(code);
      return category ? localName(category.majorName, locale) : '';
    },
    gridName: (id: string | null) => (id ? (grids.get(id) ?? id) : null),
    workstationName: (id: string | null) => (id ? (workstations.get(id) ?? id) : null),
    subDistrictName: (id: string | null) => (id ? (subDistricts.get(id) ?? id) : null),
    sourceName: (id: string) => sources.get(id) ?? id,
    departmentName: (id: string | null) => (id ? (departments.get(id) ?? id) : null),
  };
}
export type Lookups = ReturnType<typeof createLookups>;

export function useLookups(): Lookups {
  const reference = useWallState(selectReference);
  return useMemo(() => createLookups(reference), [reference]);
}

/** "12 分" / "3 小时" / "2 天": how long a case has been waiting. */
export function ageParts(since: number, now: number): { key: 'age.minutes' | 'age.hours' | 'age.days'; count: number } {
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  if (minutes < 60) return { key: 'age.minutes', count: minutes };
  if (minutes < 48 * 60) return { key: 'age.hours', count: Math.floor(minutes / 60) };
  return { key: 'age.days', count: Math.floor(minutes / 1440) };
}

const timeFormat = new Intl.DateTimeFormat(locale, {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
export const formatTime = (at: number) => timeFormat.format(at);

/** Ticks once a minute so ages stay honest without re-rendering every second. */
export { useMinuteClock } from './useMinuteClock';
