import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import type { WallState } from '../state/wallStore';
import { useWallState } from '../shell/WallContext';
import type * as StageModule from './PresentationStage';

const selectPresenting = (state: WallState) => state.session?.presenting === true && state.tour !== null;
/** The presentation's code once loaded: it (and its charts) loads only when a wall window is idle or first presents. */
let loadedStage: typeof StageModule | null = null;
const loadStage = () => import('./PresentationStage').then((module) => (loadedStage = module));
const LazyStage = lazy(() => loadStage().then((module) => ({ default: module.PresentationStage })));

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
  // Loaded while the window was idle (the usual case): shown at once. Through Suspense the first view would wait
  // 300 ms more, the least time React keeps a fallback up before it reveals what suspended.
  const Stage = loadedStage?.PresentationStage;
  if (Stage) return <Stage />;
  return (
    <Suspense fallback={<div className="presentation-viewport" />}>
      <LazyStage />
    </Suspense>
  );
}
