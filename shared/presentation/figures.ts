import type { Name } from '../domain/names';

/**
 * What a presentation window receives: aggregates, categories, grids,
 * statuses and times — never a case, a person or free text. The core builds
 * these (electron/core/services/presentation/) and projects every count and
 * rate through `projection.ts` before it leaves.
 */

/** The views of the presentation tour, in their default order. */
export const presentationViews = ['overview', 'channels', 'grids', 'departments', 'highlights', 'live'] as const;
export type PresentationView = (typeof presentationViews)[number];

/** A count as visitors see it: 1 or 2 cases in a grid or on a day can point at a person, so they read "<3". */
export type VisibleCount = number | '<3';

/** A rate as visitors see it, in percent (two decimals), or null when it rests on fewer than 3 cases. */
export type VisiblePercent = number | null;

export interface PeriodCounts {
  today: VisibleCount;
  month: VisibleCount;
  year: VisibleCount;
  sinceLaunch: VisibleCount;
}

/** The published rates of one period (docs/KPI.md), each withheld when fewer than 3 cases were due. */
export interface RateSet {
  due: VisibleCount;
  disposal: VisiblePercent;
  closure: VisiblePercent;
  onTimeDisposal: VisiblePercent;
  onTimeClosure: VisiblePercent;
}

/** Change against the same period a year earlier; null when that period has no cases to compare with. */
export interface YearOnYear {
  current: VisibleCount;
  previous: VisibleCount;
  changePercent: number | null;
}

export interface OverviewFigures {
  view: 'overview';
  asOf: number;
  /** The first case the room holds: "since launch" starts here. */
  launchedAt: number | null;
  received: PeriodCounts;
  handled: PeriodCounts;
  rates: { month: RateSet; previousMonth: RateSet };
  yearOnYear: { cases: YearOnYear; complaints: YearOnYear };
  /** The last 12 calendar months, oldest first (`YYYY-MM`). */
  months: Array<{ month: string; received: VisibleCount; handled: VisibleCount }>;
  /** The last 30 days, oldest first (`YYYY-MM-DD`, Beijing time). */
  days: Array<{ day: string; received: VisibleCount }>;
}

/** Where cases come from and what they are, this month: the 12 channels, the major categories, the day's time slots. */
export interface ChannelFigures {
  view: 'channels';
  from: number;
  to: number;
  sources: Array<{ sourceId: string; count: VisibleCount }>;
  categories: Array<{ majorCode: string; count: VisibleCount }>;
  timeSlots: Array<{ slotId: string; name: Name; start: string; count: VisibleCount }>;
}

/** Cases per grid this month, for the choropleth; grids without a case are listed with 0. */
export interface GridFigures {
  view: 'grids';
  from: number;
  to: number;
  grids: Array<{ gridId: string; count: VisibleCount }>;
}

export interface DepartmentFigures {
  view: 'departments';
  month: string;
  departments: Array<{ departmentId: string; rates: RateSet; score: number | null }>;
}

/** One step of a highlighted case, told by what happened and which unit acted: never who or why. */
export interface HighlightStep {
  kind: 'reported' | 'registered' | 'dispatched' | 'handling' | 'reportedBack' | 'closed';
  at: number;
  departmentIds: string[];
}

/** A closed case the director chose to show: its category, grid and times, and the pictures released for it. */
export interface Highlight {
  /** Position in the director's list, from 1. */
  position: number;
  categoryCode: string;
  sourceId: string;
  gridId: string | null;
  reportedAt: number;
  closedAt: number | null;
  steps: HighlightStep[];
  /** Attachment ids released for presentation (fetch each with `presentation.picture`). */
  before: number[];
  after: number[];
}

export interface HighlightFigures {
  view: 'highlights';
  highlights: Highlight[];
}

/** Today so far, as counts and categories: a new case shows as one more, never as a case. */
export interface LiveFigures {
  view: 'live';
  asOf: number;
  received: VisibleCount;
  handled: VisibleCount;
  open: VisibleCount;
  lastHour: VisibleCount;
  categories: Array<{ majorCode: string; count: VisibleCount }>;
  /** Received per hour of today (Beijing time), 0–23. */
  hours: VisibleCount[];
}

export type PresentationFigures = OverviewFigures | ChannelFigures | GridFigures | DepartmentFigures | HighlightFigures | LiveFigures;
export type FiguresOf<V extends PresentationView> = Extract<PresentationFigures, { view: V }>;

/** A count's value for drawing: "<3" is drawn as 1.5 so a bar is there without saying how long. */
export function countForChart(count: VisibleCount): number {
  return count === '<3' ? 1.5 : count;
}
