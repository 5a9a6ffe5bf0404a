import type { Name } from './names';

/**
 * "1 + 8" joint duty: the sub-district leads, eight linked units act.
 * `kind` separates the lead from the linked units so the queue can show
 * the eight one-key dispatch targets in a fixed order.
 */
export interface Department {
  id: string;
  kind: 'lead' | 'linked';
  name: Name;
  shortName: Name;
  aliases: string[];
  /** Order on the dispatch keys (1..8 for linked units, 0 for the lead). */
  order: number;
}

export type TimeLimitUnit = 'workingHours' | 'workingDays';

export interface Category {
  /** type (1 component / 2 event) + 2-digit major + 2-digit minor, e.g. "20103". */
  code: string;
  type: 'component' | 'event';
  majorCode: string;
  majorName: Name;
  name: Name;
  leadDepartmentId: string;
  timeLimit: { value: number; unit: TimeLimitUnit };
  urgentByDefault: boolean;
}

export interface Source {
  id: string;
  name: Name;
  /** Assessment weight: leader-assigned and media-exposed cases count double. */
  weight: number;
  /** A channel where citizens complain (hotline, WeChat, visits): the presentation's year-on-year complaints count these. */
  complaint?: boolean;
}
