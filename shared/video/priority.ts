/**
 * What each screen of the wall shows, from the three video modules and the
 * operators' pins. A pure function of its inputs: call it again whenever
 * the slot, the key-focus list, the emergencies, the pins or the clock
 * change, and an expired or closed emergency simply drops out, leaving what
 * lies beneath.
 *
 * Precedence: pin > emergency > key focus > time slot > empty.
 *
 * - A pinned screen keeps its camera whatever happens.
 * - Active emergencies (startedAtMs ≤ now < expiresAtMs; remove a closed
 *   case from the input) are served newest first, each camera in its given
 *   order (nearest first, as nearestCameras ranks them).
 * - No camera twice, where avoidable: a camera already on the wall stays on
 *   its screen. For an emergency camera that means its current screen (a
 *   key-focus or slot screen) becomes that emergency's tile instead of the
 *   camera taking a second screen; if it is already shown by a pin or a newer
 *   emergency, it stays there untouched. A key-focus or slot tile whose
 *   camera is already shown by a pin (or by a key-focus tile, or a slot tile
 *   with a lower number) is left empty, except a tour's screen, which steps
 *   on to its next camera not on the wall (`slotFallbacks`). Only pins may
 *   repeat a camera: the operator asked for it.
 * - An emergency camera not yet on the wall takes a screen: its explicit
 *   `screens` in their order when given (a non-empty list; key-focus screens
 *   included, since someone chose them), otherwise the first free screen in
 *   this order: empty screens, then slot screens, then key-focus screens,
 *   each by screen order. Never a pinned screen, never one a newer emergency
 *   holds. Cameras that find no screen are returned in `unplaced`.
 *
 * Because the answer is recomputed, automatically placed emergency tiles
 * can move when the slot beneath changes. To keep them where they first
 * landed, store the screens of the first answer and pass them as `screens`.
 */

export type TileSource = 'pin' | 'emergency' | 'keyFocus' | 'slot' | 'empty';

export interface WallTile {
  screen: number;
  cameraId: string | null;
  source: TileSource;
  /** The case of an emergency tile. */
  caseId?: string;
}

export interface KeyFocusEntry {
  screen: number;
  cameraId: string;
}

export interface EmergencyVideo {
  caseId: string;
  /** Best first (see nearestCameras). */
  cameraIds: readonly string[];
  startedAtMs: number;
  /** The emergency reverts at this instant unless renewed. */
  expiresAtMs: number;
  /** Screens to use, in order; omitted or empty: chosen automatically. */
  screens?: readonly number[];
}

/** Screen number → camera id, as a Map or a plain object. */
export type ScreenCameraMap = ReadonlyMap<number, string> | Readonly<Record<number, string>>;

export interface WallInput {
  /** The wall's global screen numbers, in display order. */
  screens: readonly number[];
  slotAssignments: ScreenCameraMap;
  /** A tour's screen → the tour's other cameras, next first (see tourFallbacks): tried when its camera is already shown. */
  slotFallbacks?: ReadonlyMap<number, readonly string[]>;
  keyFocus: readonly KeyFocusEntry[];
  emergencies: readonly EmergencyVideo[];
  pins: ScreenCameraMap;
  nowMs: number;
}

export interface WallResolution {
  /** One per screen of `input.screens` (duplicates removed), in that order. */
  tiles: WallTile[];
  /** Emergency cameras that are not on the wall: no screen was left for them. */
  unplaced: Array<{ caseId: string; cameraId: string }>;
}

export function isEmergencyActive(emergency: Pick<EmergencyVideo, 'startedAtMs' | 'expiresAtMs'>, nowMs: number): boolean {
  return emergency.startedAtMs <= nowMs && nowMs < emergency.expiresAtMs;
}

function cameraOn(map: ScreenCameraMap, screen: number): string | undefined {
  if (map instanceof Map) return map.get(screen);
  return Object.prototype.hasOwnProperty.call(map, screen) ? (map as Readonly<Record<number, string>>)[screen] : undefined;
}

interface Beneath {
  cameraId: string;
  source: 'keyFocus' | 'slot';
}

export function resolveWall(input: WallInput): WallResolution {
  const screens = [...new Set(input.screens)];
  const onWall = new Set(screens);
  const position = new Map(screens.map((screen, index) => [screen, index]));

  // Pins, and the tiles emergencies claim, are final.
  const final = new Map<number, WallTile>();
  for (const screen of screens) {
    const pinned = cameraOn(input.pins, screen);
    if (pinned !== undefined) final.set(screen, { screen, cameraId: pinned, source: 'pin' });
  }

  // What lies beneath: key focus over slot.
  const beneath = new Map<number, Beneath>();
  for (const entry of input.keyFocus) {
    if (onWall.has(entry.screen) && !final.has(entry.screen) && !beneath.has(entry.screen)) {
      beneath.set(entry.screen, { cameraId: entry.cameraId, source: 'keyFocus' });
    }
  }
  for (const screen of screens) {
    if (final.has(screen) || beneath.has(screen)) continue;
    const camera = cameraOn(input.slotAssignments, screen);
    if (camera !== undefined) beneath.set(screen, { cameraId: camera, source: 'slot' });
  }

  // Camera → the screen that shows it. Pins first, then key focus, then the slot's fixed screens, then its tours,
  // which step on to their next camera not on the wall (so a tour never takes a camera a fixed screen shows).
  const shownOn = new Map<string, number>();
  for (const tile of final.values()) if (!shownOn.has(tile.cameraId!)) shownOn.set(tile.cameraId!, tile.screen);
  const layers = [
    { source: 'keyFocus', touring: false },
    { source: 'slot', touring: false },
    { source: 'slot', touring: true },
  ] as const;
  for (const { source, touring } of layers) {
    for (const screen of screens) {
      const below = beneath.get(screen);
      const tour = source === 'slot' ? input.slotFallbacks?.get(screen) : undefined;
      if (below?.source !== source || (tour !== undefined) !== touring) continue;
      const cameraId = [below.cameraId, ...(tour ?? [])].find((candidate) => !shownOn.has(candidate));
      if (cameraId === undefined) beneath.delete(screen);
      else {
        beneath.set(screen, { cameraId, source });
        shownOn.set(cameraId, screen);
      }
    }
  }

  const unplaced: WallResolution['unplaced'] = [];
  const active = input.emergencies
    .filter((emergency) => isEmergencyActive(emergency, input.nowMs))
    .sort((a, b) => b.startedAtMs - a.startedAtMs || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));

  const free = (screen: number) => onWall.has(screen) && !final.has(screen);
  const automaticOrder = (): number[] => {
    const rank = (screen: number) => {
      const below = beneath.get(screen);
      return below === undefined ? 0 : below.source === 'slot' ? 1 : 2;
    };
    return screens.filter(free).sort((a, b) => rank(a) - rank(b) || position.get(a)! - position.get(b)!);
  };

  for (const emergency of active) {
    const claim = (screen: number, cameraId: string) => {
      const displaced = beneath.get(screen);
      if (displaced) {
        if (shownOn.get(displaced.cameraId) === screen) shownOn.delete(displaced.cameraId);
        beneath.delete(screen);
      }
      final.set(screen, { screen, cameraId, source: 'emergency', caseId: emergency.caseId });
      shownOn.set(cameraId, screen);
    };

    // Cameras already on the wall stay where they are.
    const toPlace: string[] = [];
    for (const cameraId of new Set(emergency.cameraIds)) {
      const screen = shownOn.get(cameraId);
      if (screen === undefined) toPlace.push(cameraId);
      else if (!final.has(screen)) claim(screen, cameraId);
    }

    // The rest take screens.
    const explicit = emergency.screens && emergency.screens.length > 0 ? emergency.screens : null;
    for (const cameraId of toPlace) {
      const screen = explicit ? explicit.find(free) : automaticOrder()[0];
      if (screen === undefined) unplaced.push({ caseId: emergency.caseId, cameraId });
      else claim(screen, cameraId);
    }
  }

  // A camera one emergency could not place may have been placed for an older one sharing it.
  const missing = unplaced.filter((miss) => !shownOn.has(miss.cameraId));

  const tiles = screens.map((screen): WallTile => {
    const tile = final.get(screen);
    if (tile) return tile;
    const below = beneath.get(screen);
    return below ? { screen, cameraId: below.cameraId, source: below.source } : { screen, cameraId: null, source: 'empty' };
  });
  return { tiles, unplaced: missing };
}
