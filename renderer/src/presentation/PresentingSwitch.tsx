import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import type { WallState } from '../state/wallStore';
import { useWallState } from '../shell/WallContext';

const selectPresenting = (state: WallState) => state.session?.presenting === true && state.tour !== null;
// The presentation (and its charts) loads only when a wall window first presents.
const loadStage = () => import('./PresentationStage');
const PresentationStage = lazy(() => loadStage().then((module) => ({ default: module.PresentationStage })));

/**
 * A wall window (video, map) while the wall presents: the presentation
 * takes the whole window and the operator view is unmounted (its players
 * and map released), to come back fresh when presentation ends.
 */
export function PresentingSwitch({ children }: { children: ReactNode }) {
  const presenting = useWallState(selectPresenting);
  // Fetched and parsed while the window is idle, so entering presentation does not wait for it.
  useEffect(() => {
    const timer = window.setTimeout(() => void loadStage(), 3_000);
    return () => window.clearTimeout(timer);
  }, []);
  if (!presenting) return children;
  return (
    <Suspense fallback={<div className="presentation-viewport" />}>
      <PresentationStage />
    </Suspense>
  );
}
