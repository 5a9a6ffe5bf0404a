import { z } from 'zod';
import { presentationViews, type PresentationView } from './figures';

/**
 * The presentation tour, shared by every presentation window: kept in the
 * core, changed by the presenter (clicker, hotkeys, commands), announced as
 * `presentation.changed`. Windows never tell each other where they are: each
 * works out the view on screen from this state and the core's clock, so they
 * turn the page together without a message per page.
 */
export const minDwellSeconds = 5;
export const maxDwellSeconds = 600;
export const defaultDwellSeconds = 20;

export const PresentationViewSchema = z.enum(presentationViews);

export const TourSchema = z.object({
  /** The views the tour goes through (highlights only when the director chose some). */
  views: z.array(PresentationViewSchema).min(1),
  /** Index into `views` of the view shown at `since`. */
  index: z.number().int().min(0),
  /** Core time when `index` was put on screen; the tour moves on every `dwellSeconds` from here while it runs. */
  since: z.number().int(),
  dwellSeconds: z.number().int().min(minDwellSeconds).max(maxDwellSeconds),
  /** false after Esc: the tour stays on its view until the presenter steps or resumes. */
  running: z.boolean(),
  /** A black screen (clicker B or "."): nothing shows until it is pressed again. */
  blank: z.boolean(),
});
export type Tour = z.infer<typeof TourSchema>;

export function initialTour(now: number, views: readonly PresentationView[] = presentationViews): Tour {
  return { views: [...views], index: 0, since: now, dwellSeconds: defaultDwellSeconds, running: true, blank: false };
}

/** Which view is on screen at `now`, and since when (for the progress line). */
export function tourPosition(tour: Tour, now: number): { view: PresentationView; index: number; shownSince: number; nextAt: number | null } {
  const count = tour.views.length;
  const dwellMs = tour.dwellSeconds * 1000;
  if (!tour.running) return { view: tour.views[tour.index % count]!, index: tour.index % count, shownSince: tour.since, nextAt: null };
  const steps = Math.max(0, Math.floor((now - tour.since) / dwellMs));
  const index = (tour.index + steps) % count;
  const shownSince = tour.since + steps * dwellMs;
  return { view: tour.views[index]!, index, shownSince, nextAt: shownSince + dwellMs };
}

export const tourActions = ['next', 'previous', 'toggleBlank', 'stop', 'resume', 'show', 'dwell'] as const;
export const TourActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('next') }),
  z.object({ action: z.literal('previous') }),
  z.object({ action: z.literal('toggleBlank') }),
  z.object({ action: z.literal('stop') }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('show'), view: PresentationViewSchema }),
  z.object({ action: z.literal('dwell'), seconds: z.number().int().min(minDwellSeconds).max(maxDwellSeconds) }),
]);
export type TourAction = z.infer<typeof TourActionSchema>;

/**
 * The tour after a presenter's action at `now`. Stepping starts the dwell
 * afresh from the new view; stepping while stopped stays stopped (the
 * presenter is talking to this page); a blank screen keeps its place.
 */
export function applyTourAction(tour: Tour, action: TourAction, now: number): Tour {
  const here = tourPosition(tour, now);
  const count = tour.views.length;
  switch (action.action) {
    case 'next':
      return { ...tour, index: (here.index + 1) % count, since: now, blank: false };
    case 'previous':
      return { ...tour, index: (here.index - 1 + count) % count, since: now, blank: false };
    case 'toggleBlank':
      return { ...tour, index: here.index, since: tour.running ? now : tour.since, blank: !tour.blank };
    case 'stop':
      return { ...tour, index: here.index, since: now, running: false };
    case 'resume':
      return { ...tour, index: here.index, since: now, running: true };
    case 'show': {
      const index = tour.views.indexOf(action.view);
      return index < 0 ? tour : { ...tour, index, since: now, blank: false };
    }
    case 'dwell':
      return { ...tour, index: here.index, since: now, dwellSeconds: action.seconds };
  }
}

/** The tour over another list of views (highlights chosen or dropped), keeping the view on screen where it can. */
export function withViews(tour: Tour, views: readonly PresentationView[], now: number): Tour {
  const here = tourPosition(tour, now);
  const index = Math.max(0, views.indexOf(here.view));
  return { ...tour, views: [...views], index, since: views.includes(here.view) ? here.shownSince : now };
}
