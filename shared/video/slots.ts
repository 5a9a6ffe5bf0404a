import { z } from 'zod';
import { CameraIdSchema, hasTag, type Camera } from './camera';
import { LayoutRefSchema, resolveLayout, tileCount, type LayoutRef } from './layout';
import { addVideoIssue, videoIssue, videoIssuesFromZod, type VideoIssue } from './messages';

/**
 * Time-slot video: the day is cut into slots (8 in the rooms this is built
 * for), each with its own plan for the wall. The wall switches itself at
 * each slot's start and warms the next slot's streams up shortly before.
 *
 * A slot runs from its `start` to the next slot's start (the last one to the
 * first one's start the next day), so the slots always cover the day; an
 * optional `end` is there for people who write plans as "04:00–07:00", and
 * must then agree with the next start, or the plan is refused with the gap or
 * overlap named.
 *
 * Times of day are local clock times. Functions that work on instants take
 * the zone as `tzOffsetMinutes`: local time = UTC + offset, so Shanghai is
 * +480 (the opposite sign of JavaScript's Date#getTimezoneOffset).
 */

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const DAY_MS = DAY_MINUTES * MINUTE_MS;

/** A slot shorter than this would flick the wall back and forth. */
export const minSlotMinutes = 15;
/** Genetec enforces 3 s; under that a tile never shows a full picture before it moves on. */
export const minDwellSeconds = 3;
export const maxDwellSeconds = 3600;
/** Seconds before a boundary to start the next slot's streams (cameras need a keyframe, gateways 1–5 s). */
export const defaultPrewarmSeconds = 10;

const NameSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const ClockSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be HH:MM' });
const EndClockSchema = z.union([ClockSchema, z.literal('24:00')]);
const ScreenNumberSchema = z.number().int().min(1).max(999);

export const TourSchema = z.object({
  screen: ScreenNumberSchema,
  cameras: z.array(CameraIdSchema).min(1).max(100),
  dwellSeconds: z.number().int().min(minDwellSeconds).max(maxDwellSeconds),
});

export const SlotSchema = z.object({
  id: z.string().min(1).max(40),
  name: NameSchema,
  start: ClockSchema,
  end: EndClockSchema.optional(),
  /** One layout for every video window, or one per window in window order (the last repeats). */
  layout: z.union([LayoutRefSchema, z.array(LayoutRefSchema).min(1).max(8)]),
  /** Global screen number ("11") → camera id. */
  screens: z.record(z.string().regex(/^[1-9]\d{0,2}$/), CameraIdSchema).default({}),
  tours: z.array(TourSchema).default([]),
});

export type Tour = z.infer<typeof TourSchema>;
export type Slot = z.infer<typeof SlotSchema>;

const SlotPlanShape = z.object({
  slots: z.array(SlotSchema).min(1).max(24),
  prewarmSeconds: z.number().int().min(0).max(120).default(defaultPrewarmSeconds),
});

export const SlotPlanSchema = SlotPlanShape.superRefine(
  (plan, context) => {
    for (const issue of slotPlanProblems(plan)) addVideoIssue(context, issue);
  },
  // Only on a well-formed plan (our own issues, e.g. a layout's spans, do not stop it): the checks read every field.
  { when: (payload) => payload.issues.every((issue) => issue.code === 'custom') },
);

export type SlotPlan = z.infer<typeof SlotPlanSchema>;
export type SlotPlanInput = z.input<typeof SlotPlanSchema>;

/** Parses a plan; on failure every problem comes back in both languages. */
export function validateSlotPlan(input: unknown): { ok: true; plan: SlotPlan } | { ok: false; issues: VideoIssue[] } {
  const result = SlotPlanSchema.safeParse(input);
  return result.success ? { ok: true, plan: result.data } : { ok: false, issues: videoIssuesFromZod(result.error, planFieldIssue) };
}

/** zod's own field errors in a plan, said in the plan's words. */
function planFieldIssue(path: (string | number)[]): VideoIssue | null {
  const last = path.at(-1);
  if (last === 'start' || last === 'end') return videoIssue('badClock', {}, path);
  if (last === 'dwellSeconds') return videoIssue('badDwell', { min: minDwellSeconds, max: maxDwellSeconds }, path);
  return null;
}

export function minutesOfClock(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

interface Ordered {
  slot: Slot;
  index: number;
  start: number;
}

/** The slots in order of their start time, with their index in the plan. */
function ordered(plan: Pick<SlotPlan, 'slots'>): Ordered[] {
  return plan.slots.map((slot, index) => ({ slot, index, start: minutesOfClock(slot.start) })).sort((a, b) => a.start - b.start || a.index - b.index);
}

/** Minutes from one start to the next, the last wrapping over midnight; a single slot lasts the day. */
function lengthAfter(list: readonly Ordered[], position: number): number {
  if (list.length === 1) return DAY_MINUTES;
  const here = list[position]!;
  const next = list[(position + 1) % list.length]!;
  return (next.start - here.start + DAY_MINUTES) % DAY_MINUTES;
}

/**
 * Everything wrong with a plan's shape beyond single fields: repeated ids or
 * starts, ends that leave a gap or overlap the next slot, too-short slots,
 * screens given twice in a slot, screens beyond a per-window layout list.
 */
export function slotPlanProblems(plan: Pick<SlotPlan, 'slots'>): VideoIssue[] {
  const problems: VideoIssue[] = [];
  const ids = new Set<string>();
  plan.slots.forEach((slot, index) => {
    if (ids.has(slot.id)) problems.push(videoIssue('duplicateSlotId', { slot: slot.id }, ['slots', index, 'id']));
    ids.add(slot.id);
  });

  const list = ordered(plan);
  list.forEach((entry, position) => {
    const next = list[(position + 1) % list.length]!;
    const slotPath = ['slots', entry.index];
    if (list.length > 1 && next.start === entry.start) {
      if (position + 1 < list.length) {
        problems.push(videoIssue('duplicateSlotStart', { slot: next.slot.id, other: entry.slot.id, start: entry.slot.start }, ['slots', next.index, 'start']));
      }
      return;
    }
    const length = lengthAfter(list, position);
    if (length < minSlotMinutes) problems.push(videoIssue('slotTooShort', { slot: entry.slot.id, minutes: length, min: minSlotMinutes }, slotPath));
    if (entry.slot.end !== undefined) {
      const endOffset = (minutesOfClock(entry.slot.end) - entry.start + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
      if (endOffset !== length) {
        const params = { slot: entry.slot.id, end: entry.slot.end, next: next.slot.id, nextStart: next.slot.start, minutes: Math.abs(length - endOffset) };
        problems.push(videoIssue(endOffset < length ? 'slotGap' : 'slotOverlap', params, [...slotPath, 'end']));
      }
    }
  });

  plan.slots.forEach((slot, index) => {
    const seen = new Set(Object.keys(slot.screens).map(Number));
    slot.tours.forEach((tour, tourIndex) => {
      if (seen.has(tour.screen)) problems.push(videoIssue('screenTwice', { slot: slot.id, screen: tour.screen }, ['slots', index, 'tours', tourIndex, 'screen']));
      seen.add(tour.screen);
    });
    if (Array.isArray(slot.layout)) {
      const count = slotScreenCount(slot, slot.layout.length);
      for (const screen of seen) {
        if (screen > count) problems.push(videoIssue('screenOutsideWall', { slot: slot.id, screen, count }, ['slots', index]));
      }
    }
  });
  return problems;
}

/** The layout of one video window in a slot. */
export function slotLayoutRef(slot: Pick<Slot, 'layout'>, windowIndex: number): LayoutRef {
  if (!Array.isArray(slot.layout)) return slot.layout;
  return slot.layout[Math.min(Math.max(0, windowIndex), slot.layout.length - 1)]!;
}

/** Screens on a wall of `windowCount` video windows during this slot. */
export function slotScreenCount(slot: Pick<Slot, 'layout'>, windowCount: number): number {
  let count = 0;
  for (let window = 0; window < windowCount; window += 1) count += tileCount(resolveLayout(slotLayoutRef(slot, window)));
  return count;
}

/**
 * Checks a valid plan against the room it runs in: screens the wall does not
 * have, cameras not in the camera list. Warnings to show whoever edits the
 * plan; the wall itself leaves such screens empty.
 */
export function checkPlanAgainstWall(plan: SlotPlan, wall: { windowCount: number; cameraIds: Iterable<string> }): VideoIssue[] {
  const known = new Set(wall.cameraIds);
  const problems: VideoIssue[] = [];
  plan.slots.forEach((slot, index) => {
    const count = slotScreenCount(slot, wall.windowCount);
    const uses: Array<{ screen: number; cameras: string[]; path: (string | number)[] }> = [
      ...Object.entries(slot.screens).map(([screen, camera]) => ({ screen: Number(screen), cameras: [camera], path: ['slots', index, 'screens', screen] })),
      ...slot.tours.map((tour, tourIndex) => ({ screen: tour.screen, cameras: tour.cameras, path: ['slots', index, 'tours', tourIndex] })),
    ];
    for (const use of uses) {
      if (use.screen > count) problems.push(videoIssue('screenOutsideWall', { slot: slot.id, screen: use.screen, count }, use.path));
      for (const camera of use.cameras) {
        if (!known.has(camera)) problems.push(videoIssue('unknownCamera', { slot: slot.id, screen: use.screen, camera }, use.path));
      }
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------
// Which slot, when

export interface SlotOfDay {
  slot: Slot;
  /** Index in plan.slots. */
  index: number;
  /** Minutes after local midnight; `endMinute` exceeds 1440 for a slot that runs over midnight. */
  startMinute: number;
  endMinute: number;
}

/** The slot in force at a local time of day (minutes after midnight, wrapped into 0–1440). */
export function slotAt(plan: Pick<SlotPlan, 'slots'>, localMinutesOfDay: number): SlotOfDay {
  if (!Number.isFinite(localMinutesOfDay)) throw new RangeError(`minutes of day must be finite, got ${localMinutesOfDay}`);
  const minute = ((localMinutesOfDay % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  const list = ordered(plan);
  if (list.length === 0) throw new RangeError('a slot plan needs at least one slot');
  // The last slot starting at or before `minute`; before the first start, the last slot of the day still runs.
  let position = list.length - 1;
  for (let index = 0; index < list.length; index += 1) if (list[index]!.start <= minute) position = index;
  const entry = list[position]!;
  let startMinute = entry.start;
  if (startMinute > minute) startMinute -= DAY_MINUTES;
  return { slot: entry.slot, index: entry.index, startMinute, endMinute: startMinute + lengthAfter(list, position) };
}

export interface SlotOccurrence {
  slot: Slot;
  index: number;
  startMs: number;
  endMs: number;
}

function assertInstant(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number of milliseconds, got ${value}`);
}

/** The slot in force at an instant, with the instants it started and ends. */
export function slotOccurrenceAt(plan: Pick<SlotPlan, 'slots'>, atMs: number, tzOffsetMinutes: number): SlotOccurrence {
  assertInstant(atMs, 'atMs');
  const offsetMs = tzOffsetMinutes * MINUTE_MS;
  const local = atMs + offsetMs;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  const found = slotAt(plan, (local - midnight) / MINUTE_MS);
  return {
    slot: found.slot,
    index: found.index,
    startMs: midnight + found.startMinute * MINUTE_MS - offsetMs,
    endMs: midnight + found.endMinute * MINUTE_MS - offsetMs,
  };
}

/** The next slot switch strictly after `atMs`, and the slot that begins there. */
export function nextBoundary(plan: Pick<SlotPlan, 'slots'>, atMs: number, tzOffsetMinutes: number): { atMs: number; slot: Slot; index: number } {
  const current = slotOccurrenceAt(plan, atMs, tzOffsetMinutes);
  const next = slotOccurrenceAt(plan, current.endMs, tzOffsetMinutes);
  return { atMs: current.endMs, slot: next.slot, index: next.index };
}

/** True in the last `prewarmSeconds` before a boundary (not at it: at the boundary the switch itself happens). */
export function shouldPrewarm(atMs: number, boundaryMs: number, prewarmSeconds: number): boolean {
  const left = boundaryMs - atMs;
  return left > 0 && left <= prewarmSeconds * 1000;
}

/** Every slot occurrence that overlaps [fromMs, toMs), in time order, unclipped. */
export function slotOccurrences(plan: Pick<SlotPlan, 'slots'>, fromMs: number, toMs: number, tzOffsetMinutes: number): SlotOccurrence[] {
  assertInstant(fromMs, 'fromMs');
  assertInstant(toMs, 'toMs');
  const found: SlotOccurrence[] = [];
  if (toMs <= fromMs) return found;
  let occurrence = slotOccurrenceAt(plan, fromMs, tzOffsetMinutes);
  while (occurrence.startMs < toMs) {
    found.push(occurrence);
    occurrence = slotOccurrenceAt(plan, occurrence.endMs, tzOffsetMinutes);
  }
  return found;
}

// ---------------------------------------------------------------------------
// Tours and what a slot puts on the wall

/** Index of the tour camera shown at `atMs`; a tour starts with its first camera when its slot starts. */
export function tourPosition(tour: Pick<Tour, 'cameras' | 'dwellSeconds'>, slotStartMs: number, atMs: number): { index: number; nextChangeAtMs: number } {
  assertInstant(slotStartMs, 'slotStartMs');
  assertInstant(atMs, 'atMs');
  const dwellMs = Math.max(minDwellSeconds, tour.dwellSeconds) * 1000;
  const step = Math.max(0, Math.floor((atMs - slotStartMs) / dwellMs));
  return { index: step % tour.cameras.length, nextChangeAtMs: slotStartMs + (step + 1) * dwellMs };
}

export function tourCameraAt(tour: Pick<Tour, 'cameras' | 'dwellSeconds'>, slotStartMs: number, atMs: number): string {
  if (tour.cameras.length === 0) throw new RangeError('a tour needs at least one camera');
  return tour.cameras[tourPosition(tour, slotStartMs, atMs).index]!;
}

/**
 * Screen → camera that a slot shows at `atMs` (fixed screens and tours), the
 * `slotAssignments` input of resolveWall. For pre-warming, ask for the next
 * slot at its boundary: `slotScreenAssignments(next.slot, next.atMs, next.atMs)`.
 */
export function slotScreenAssignments(slot: Pick<Slot, 'screens' | 'tours'>, slotStartMs: number, atMs: number): Map<number, string> {
  const assignments = new Map<number, string>();
  for (const [screen, camera] of Object.entries(slot.screens)) assignments.set(Number(screen), camera);
  for (const tour of slot.tours) if (!assignments.has(tour.screen)) assignments.set(tour.screen, tourCameraAt(tour, slotStartMs, atMs));
  return assignments;
}

/**
 * Screen → the tour's other cameras, in the order the tour would show them
 * next: where the tour's current camera is already on the wall (placed by
 * hand, pinned, held for key focus), the screen steps on to the first of
 * these that is not, rather than going dark. The `slotFallbacks`
 * input of resolveWall.
 */
export function tourFallbacks(slot: Pick<Slot, 'screens' | 'tours'>, slotStartMs: number, atMs: number): Map<number, string[]> {
  const fallbacks = new Map<number, string[]>();
  for (const tour of slot.tours) {
    if (Object.prototype.hasOwnProperty.call(slot.screens, tour.screen) || tour.cameras.length === 0) continue;
    const { index } = tourPosition(tour, slotStartMs, atMs);
    fallbacks.set(tour.screen, [...tour.cameras.slice(index + 1), ...tour.cameras.slice(0, index)]);
  }
  return fallbacks;
}

// ---------------------------------------------------------------------------
// The demo plan

interface DemoSlotSpec {
  id: string;
  start: string;
  end: string;
  name: { zh: string; en: string };
  /** Tags in order of importance for this slot. */
  focus: string[];
}

/** The demo room's day, after the sub-centres' own practice (the 04:00–07:00 dawn watch is theirs). */
const demoSlots: DemoSlotSpec[] = [
  { id: 'night', start: '00:00', end: '04:00', name: { zh: '深夜巡查', en: 'Late night' }, focus: ['quiet-street', 'residential', 'street'] },
  { id: 'dawn', start: '04:00', end: '07:00', name: { zh: '凌晨早市', en: 'Dawn markets' }, focus: ['ghost-market', 'market', 'park', 'quiet-street'] },
  { id: 'school-in', start: '07:00', end: '08:30', name: { zh: '上学高峰', en: 'School run' }, focus: ['school-gate', 'metro-exit'] },
  { id: 'morning', start: '08:30', end: '11:00', name: { zh: '上午街面', en: 'Morning streets' }, focus: ['metro-exit', 'station', 'market', 'street'] },
  { id: 'midday', start: '11:00', end: '14:00', name: { zh: '午间经营', en: 'Midday trade' }, focus: ['commercial', 'market', 'station', 'street'] },
  { id: 'afternoon', start: '14:00', end: '16:00', name: { zh: '下午工地', en: 'Afternoon works' }, focus: ['construction', 'street', 'park'] },
  { id: 'evening', start: '16:00', end: '19:00', name: { zh: '放学晚高峰', en: 'School out, evening rush' }, focus: ['school-gate', 'metro-exit', 'station'] },
  { id: 'night-market', start: '19:00', end: '24:00', name: { zh: '夜市广场', en: 'Night markets, squares' }, focus: ['night-market', 'square', 'park', 'commercial'] },
];

const demoScreens = 9;
const demoDwellSeconds = 15;

/**
 * The demo's 8-slot plan on one 9-screen window, built from the demo camera
 * list: each slot puts its focus cameras first (by the tag order above, then
 * the list's order), fills the other screens with the rest, and when there
 * are more focus cameras than screens, tours the overflow on screen 9. Bare
 * ids (no tags) are simply used in order.
 */
export function demoSlotPlan(cameras: ReadonlyArray<string | Pick<Camera, 'id' | 'tags'>>): SlotPlan {
  const list = cameras.map((camera) => (typeof camera === 'string' ? { id: camera, tags: [] as string[] } : camera));
  const slots: Slot[] = demoSlots.map((spec) => {
    const focused: string[] = [];
    for (const tag of spec.focus) for (const camera of list) if (hasTag(camera, tag) && !focused.includes(camera.id)) focused.push(camera.id);
    const rest = list.map((camera) => camera.id).filter((id) => !focused.includes(id));
    const screens: Record<string, string> = {};
    const tours: Tour[] = [];
    if (focused.length > demoScreens) {
      focused.slice(0, demoScreens - 1).forEach((id, index) => (screens[String(index + 1)] = id));
      tours.push({ screen: demoScreens, cameras: focused.slice(demoScreens - 1), dwellSeconds: demoDwellSeconds });
    } else {
      [...focused, ...rest].slice(0, demoScreens).forEach((id, index) => (screens[String(index + 1)] = id));
    }
    return { id: spec.id, name: spec.name, start: spec.start, end: spec.end, layout: '9', screens, tours };
  });
  return SlotPlanSchema.parse({ slots, prewarmSeconds: defaultPrewarmSeconds });
}
