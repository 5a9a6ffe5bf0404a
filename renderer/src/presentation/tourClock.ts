import { useEffect, useState } from 'react';
import { tourPosition } from '../../../shared/presentation/tour';
import type { WallState } from '../state/wallStore';
import { useWall, useWallState } from '../shell/WallContext';

const selectTour = (state: WallState) => state.tour;
const selectOffset = (state: WallState) => state.clockOffsetMs;

/**
 * Where the tour is on this window, by the core's clock: every presentation
 * window computes the same page from the same state and turns it at the same
 * moment, without a message per page. Re-renders only when the page turns.
 */
export function useTourPosition() {
  const tour = useWallState(selectTour);
  const offset = useWallState(selectOffset);
  const { store } = useWall();
  const [now, setNow] = useState(() => Date.now() + store.getState().clockOffsetMs);
  const position = tour ? tourPosition(tour, now) : null;
  const nextAt = position?.nextAt ?? null;

  // A new tour state (a step, a stop) is placed by the clock of the moment it arrives.
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.tour !== previous.tour || state.clockOffsetMs !== previous.clockOffsetMs) setNow(Date.now() + state.clockOffsetMs);
      }),
    [store],
  );
  useEffect(() => {
    if (nextAt === null) return;
    const timer = window.setTimeout(() => setNow(Date.now() + offset), Math.max(50, nextAt - (Date.now() + offset) + 20));
    return () => window.clearTimeout(timer);
  }, [nextAt, offset, now]);

  return tour && position ? { ...position, tour, clockOffsetMs: offset } : null;
}
