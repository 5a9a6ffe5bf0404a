import { useEffect, useRef, useState } from 'react';
import type { FiguresOf, PresentationView } from '../../../shared/presentation/figures';
import type { WindowRole } from '../../../shared/wall/roles';
import type { WallState } from '../state/wallStore';
import { messageOf } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';

const selectPulses = (state: WallState) => state.pulses;
/** Live but calm: a burst of changes reads the figures again at most this often. */
const calmMs = 5_000;
/**
 * After a change the wall's windows read and redraw in turn, not at once:
 * three windows redrawing their charts together share the wall PC's cores,
 * and each redraw then waits on the others (a chart update took 17-22 ms at
 * p95 at once, 2-14 ms alone). A view coming on screen is read at once.
 */
const turnMs = 400;
const turnOf: Partial<Record<WindowRole, number>> = { presentation: 0, video: 1, map: 2 };

/**
 * A view's figures from the core, read when the view comes on screen and
 * again (at most every few seconds) while changes come in. The last figures
 * stay up while new ones load, so the page never flashes empty.
 */
export function useFigures<V extends PresentationView>(view: V | null): { figures: FiguresOf<V> | null; error: string | null } {
  const { bridge, role } = useWall();
  const pulses = useWallState(selectPulses);
  const [state, setState] = useState<{ view: PresentationView | null; figures: FiguresOf<V> | null; error: string | null }>({ view: null, figures: null, error: null });
  const lastRead = useRef(0);

  useEffect(() => {
    if (!view) return;
    let current = true;
    const wait = state.view === view ? Math.max(0, lastRead.current + calmMs - Date.now()) + (turnOf[role] ?? 0) * turnMs : 0;
    const timer = window.setTimeout(() => {
      lastRead.current = Date.now();
      bridge.request('presentation.view', { view }).then(
        (figures) => current && setState({ view, figures: figures as FiguresOf<V>, error: null }),
        (failure: unknown) => current && setState((previous) => ({ ...previous, error: messageOf(failure) })),
      );
    }, wait);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // `state.view` is read only to tell a new view from a pulse on the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, role, view, pulses]);

  return state.view === view ? { figures: state.figures, error: state.error } : { figures: null, error: null };
}
