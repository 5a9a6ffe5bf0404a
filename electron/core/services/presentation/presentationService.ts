import type { PresentationSetup, PresentationState, ReferenceData } from '../../../../shared/contract/contract';
import type { PresentationFigures, PresentationView } from '../../../../shared/presentation/figures';
import type { TourAction } from '../../../../shared/presentation/tour';
import type { SlotPlan } from '../../../../shared/video/slots';
import { CoreError } from '../../errors';
import type { EventHub } from '../../runtime/eventHub';
import { contained, type UnexpectedErrorHandler } from '../../runtime/unexpected';
import type { CaseStore } from '../../store/caseStore';
import type { Db } from '../../store/database';
import { createPresentationReads } from '../../store/presentationReads';
import type { Actor, RoomAudit } from '../actors';
import type { AttachmentService } from '../attachments';
import type { WallService } from '../wallService';
import { createPresentationFigures } from './figures';
import { createHighlights } from './highlights';
import { createTourService } from './tourService';

/**
 * How long a view's figures are served from memory. Every presentation
 * window asks for the view on screen when the tour turns the page: one
 * computation serves them all, and the live counts stay a few seconds fresh.
 */
const freshForMs: Record<PresentationView, number> = { overview: 15_000, channels: 15_000, grids: 15_000, departments: 60_000, highlights: 5_000, live: 2_000 };

/**
 * The presentation for visiting officials: its figures, the director's
 * highlights and released pictures, and the tour every presentation window
 * follows. Starting presentation mode restarts the tour.
 */
export function createPresentationService(deps: {
  db: Db;
  store: CaseStore;
  reference: ReferenceData;
  slotPlan: SlotPlan;
  attachments: AttachmentService;
  wall: WallService;
  hub: EventHub;
  audit: RoomAudit;
  clock: () => number;
  onUnexpected: UnexpectedErrorHandler;
}) {
  const reads = createPresentationReads(deps.store.statements);
  const cache = new Map<PresentationView, { at: number; figures: PresentationFigures }>();
  const highlights = createHighlights({
    db: deps.db,
    reads,
    audit: deps.store.audit,
    roomAudit: deps.audit,
    onChange: () => {
      cache.delete('highlights');
      tour.viewsChanged();
    },
  });
  const tour = createTourService({ db: deps.db, clock: deps.clock, audit: deps.audit, announce: (state) => deps.hub.emit('presentation.changed', { tour: state }), hasHighlights: () => highlights.count > 0 });
  const figures = createPresentationFigures({ reads, store: deps.store, reference: deps.reference, slotPlan: deps.slotPlan, clock: deps.clock });
  const compute = (view: PresentationView): PresentationFigures => (view === 'highlights' ? { view, highlights: highlights.forVisitors() } : figures[view]());

  // Entering presentation starts the tour from its first view, after the wall's own event has gone out.
  let presenting = deps.wall.state.presentation;
  const stopWatching = deps.hub.subscribe((message) => {
    if (message.event !== 'wall.changed') return;
    const starts = message.payload.state.presentation && !presenting;
    presenting = message.payload.state.presentation;
    if (starts) queueMicrotask(() => contained(deps.onUnexpected, 'presentation tour restart', () => tour.restart()));
  });

  return {
    state: (): PresentationState => ({ seq: deps.hub.seq, presenting: deps.wall.state.presentation, tour: tour.tour, serverTime: deps.clock() }),
    setup: (): PresentationSetup => ({ highlights: highlights.choices(), tour: tour.tour }),
    view(view: PresentationView): PresentationFigures {
      const now = deps.clock();
      const cached = cache.get(view);
      if (cached && now - cached.at < freshForMs[view] && now >= cached.at) return cached.figures;
      const fresh = compute(view);
      cache.set(view, { at: now, figures: fresh });
      return fresh;
    },
    /** A picture's bytes, only while it is released for a highlight: any other id reads as not found. */
    picture(attachmentId: number) {
      if (!highlights.released(attachmentId)) throw new CoreError('notFound', { id: attachmentId });
      return deps.attachments.get(attachmentId);
    },
    choose(input: Parameters<typeof highlights.choose>[0], actor: Actor): PresentationSetup {
      highlights.choose(input, actor);
      return { highlights: highlights.choices(), tour: tour.tour };
    },
    tourAction: (action: TourAction, actor: Actor) => tour.act(action, actor),
    close: () => stopWatching(),
  };
}
export type PresentationService = ReturnType<typeof createPresentationService>;
