import type { ReferenceData } from '../../../shared/contract/contract';
import { localName } from '../../../shared/domain/names';
import type { VisibleCount, VisiblePercent } from '../../../shared/presentation/figures';
import { locale } from '../shell/i18n';

const numberFormat = new Intl.NumberFormat(locale);

/** A count as the wall prints it: grouped digits, or "<3" as the core sent it. */
export const countText = (count: VisibleCount): string => (count === '<3' ? '<3' : numberFormat.format(count));

/** A percentage with one decimal, or "—" when the core withheld it (too few cases). */
export const percentText = (value: VisiblePercent): string => (value === null ? '—' : `${value.toFixed(1)}%`);

/** "+12.3%" / "−4.0%" for a change; "—" when there is nothing to compare with. */
export const changeText = (value: number | null): string => (value === null ? '—' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)}%`);

const dateFormat = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
const dayTimeFormat = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
export const dateText = (at: number) => dateFormat.format(at);
export const dayTimeText = (at: number) => dayTimeFormat.format(at);

/** A span as hours and minutes ("3 小时 20 分" / "3 h 20 min"). */
export function spanParts(ms: number): { hours: number; minutes: number } {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** Names of what the figures carry as codes and ids, in the window's language. */
export function presentationNames(reference: ReferenceData | null) {
  const majors = new Map<string, string>();
  for (const category of reference?.categories ?? []) if (!majors.has(category.majorCode)) majors.set(category.majorCode, localName(category.majorName, locale));
  const byId = <T extends { id: string; name: { zh: string; en: string } }>(items: readonly T[] | undefined) => new Map((items ?? []).map((item) => [item.id, localName(item.name, locale)]));
  const categories = new Map((reference?.categories ?? []).map((category) => [category.code, localName(category.name, locale)]));
  const sources = byId(reference?.sources);
  const grids = byId(reference?.geography.grids);
  const departments = new Map((reference?.departments ?? []).map((department) => [department.id, localName(department.shortName, locale)]));
  return {
    major: (code: string) => majors.get(code) ?? code,
    category: (code: string) => categories.get(code) ?? code,
    source: (id: string) => sources.get(id) ?? id,
    grid: (id: string | null) => (id ? (grids.get(id) ?? id) : '—'),
    department: (id: string) => departments.get(id) ?? id,
  };
}
export type PresentationNames = ReturnType<typeof presentationNames>;
