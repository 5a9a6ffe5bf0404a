import { useEffect, useState } from 'react';
import type { DensityChoice, DensityResult } from '../../../shared/map/density';
import type { MapSetup } from '../../../shared/map/mapSetup';
import { useWindowHotkeys } from '../shell/hotkeys';
import { messageOf, selectSnapshotsLoaded } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';
import type { DensityView } from './layers/densityLayer';
import type { MapController } from './mapController';

/** The history changes slowly; the counts are read again this often (and after every reconnect). */
const refreshMs = 10 * 60_000;

/**
 * The density layer's state: the period's counts from the core, the slot and
 * category chosen (the current slot to begin with: what the shift faces
 * now), keys 1–8 and 0 for the slots, and the layer drawn from them.
 */
export function useDensity(controller: MapController | null, setup: MapSetup | null, enabled: boolean) {
  const { bridge, store } = useWall();
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  const [days, setDays] = useState(30);
  const [result, setResult] = useState<DensityResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<DensityChoice | null>(null);
  const [view, setView] = useState<DensityView | null>('grids');

  // The heat cells are most of the answer: asked for only while the heat view is on.
  const heat = view === 'heat';
  useEffect(() => {
    let current = true;
    const read = () =>
      bridge.request('map.density', { days, heat }).then(
        (answer) => {
          if (!current) return;
          setResult(answer);
          setError(null);
        },
        (failure: unknown) => current && setError(messageOf(failure)),
      );
    void read();
    const timer = window.setInterval(() => void read(), refreshMs);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [bridge, days, heat, snapshotsLoaded]);

  // The slot the wall is in now, once the slots are known.
  const slots = setup?.slots;
  const nowSlot = slots ? Math.max(0, slots.findIndex((slot) => slot.id === store.getState().video?.slot.id)) : 0;
  const chosen: DensityChoice = choice ?? { slot: nowSlot, categoryPrefix: '' };
  const pick = (slot: number | null) => setChoice({ ...chosen, slot });
  useWindowHotkeys({
    ...Object.fromEntries(([1, 2, 3, 4, 5, 6, 7, 8] as const).map((key) => [`density.slot.${key}`, () => key <= (slots?.length ?? 8) && pick(key - 1)])),
    'density.allDay': () => pick(null),
  });

  useEffect(() => {
    if (!controller) return;
    const drawn = controller.density.show(result, chosen, enabled ? view : null);
    // For the benchmark and the tests: when the last switch was applied, and what it shows.
    (window as unknown as { gridwallDensity?: unknown }).gridwallDensity = { appliedAt: performance.now(), choice: chosen, ...drawn };
  }, [controller, result, chosen.slot, chosen.categoryPrefix, view, enabled]); // eslint-disable-line react-hooks/exhaustive-deps

  return { panel: { result, error, days, choice: chosen, view, onDays: setDays, onChoice: setChoice, onView: setView } };
}
