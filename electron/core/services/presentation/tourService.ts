import { presentationViews, type PresentationView } from '../../../../shared/presentation/figures';
import { applyTourAction, initialTour, TourSchema, withViews, type Tour, type TourAction } from '../../../../shared/presentation/tour';
import type { Db } from '../../store/database';
import { getSetting, setSetting } from '../../store/referenceStore';
import type { Actor, RoomAudit } from '../actors';

const settingKey = 'presentation.tour';

/**
 * Where the presentation tour stands, for every presentation window at once.
 * Kept in the database (a restarted core resumes the tour the presenter set
 * up: dwell time, stopped or running); every presenter action is audited.
 */
export function createTourService(deps: { db: Db; clock: () => number; audit: RoomAudit; announce: (tour: Tour) => void; hasHighlights: () => boolean }) {
  const viewsNow = (): PresentationView[] => presentationViews.filter((view) => view !== 'highlights' || deps.hasHighlights());
  const stored = getSetting(deps.db, settingKey);
  const parsed = stored ? TourSchema.safeParse(JSON.parse(stored)) : null;
  let tour: Tour = withViews(parsed?.success ? parsed.data : initialTour(deps.clock()), viewsNow(), deps.clock());

  const save = (next: Tour) => {
    tour = next;
    setSetting(deps.db, settingKey, JSON.stringify(tour));
    deps.announce(tour);
    return tour;
  };

  return {
    get tour(): Tour {
      return tour;
    },
    /** A presenter's action (clicker, hotkey, command). */
    act(action: TourAction, actor: Actor): Tour {
      const next = applyTourAction(tour, action, deps.clock());
      deps.audit(actor, 'presentation.tour', { ...action });
      return save(next);
    },
    /** Presentation begins: the tour starts from its first view, running, not blank; the dwell time is kept. */
    restart(): Tour {
      return save({ ...initialTour(deps.clock(), viewsNow()), dwellSeconds: tour.dwellSeconds });
    },
    /** Highlights were chosen or dropped: the tour shows them, or leaves them out. */
    viewsChanged(): void {
      const views = viewsNow();
      if (views.join() !== tour.views.join()) save(withViews(tour, views, deps.clock()));
    },
  };
}
export type TourService = ReturnType<typeof createTourService>;
