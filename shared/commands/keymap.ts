import { z } from 'zod';
import { caseActions, type CaseAction } from '../domain/lifecycle';

/**
 * Hotkeys of the shift. Every binding names an action; a key is written the
 * way people read it: "F2", "Ctrl+Z", "Alt+9", "1", "U", "ArrowDown".
 * Global actions work in every window, the others in their own window (the
 * queue's, the map's), so one key may mean one thing in each of them.
 * A keymap file (keymap.json next to the room's reference data) overrides
 * the defaults; a file with a conflict or an unknown key is refused as a
 * whole, so the room never runs on half a keymap.
 */
export const globalHotkeyActions = [
  'commandBar',
  'screenCommand',
  'help',
  'undo',
  'presentation',
  'module.timeSlot',
  'module.keyFocus',
  'module.emergency',
  'layout.1',
  'layout.4',
  'layout.6',
  'layout.9',
  'layout.16',
  'layout.25',
] as const;
export const queueHotkeyActions = [
  'nextCase',
  'previousCase',
  'openCase',
  'clearSelection',
  'search',
  'newCase',
  'dispatch.1',
  'dispatch.2',
  'dispatch.3',
  'dispatch.4',
  'dispatch.5',
  'dispatch.6',
  'dispatch.7',
  'dispatch.8',
  ...caseActions.map((action) => `act.${action}` as const),
] as const;
/** The density layer's time slots, one key each, and the whole day. */
export const mapHotkeyActions = ['density.slot.1', 'density.slot.2', 'density.slot.3', 'density.slot.4', 'density.slot.5', 'density.slot.6', 'density.slot.7', 'density.slot.8', 'density.allDay'] as const;
export type HotkeyAction = (typeof globalHotkeyActions)[number] | (typeof queueHotkeyActions)[number] | (typeof mapHotkeyActions)[number];
export const hotkeyActions: readonly HotkeyAction[] = [...globalHotkeyActions, ...queueHotkeyActions, ...mapHotkeyActions];

/** Where an action works: everywhere, or in one window. */
export function actionScope(action: HotkeyAction): 'global' | 'queue' | 'map' {
  if ((globalHotkeyActions as readonly string[]).includes(action)) return 'global';
  return (mapHotkeyActions as readonly string[]).includes(action) ? 'map' : 'queue';
}

const modifierNames = ['Ctrl', 'Alt', 'Shift'] as const;
const namedKeys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'Space', 'PageUp', 'PageDown', 'Home', 'End', 'Tab', '/', '?', '`'];

/** "ctrl + z" → "Ctrl+Z"; null when it is not a key this keymap can bind. */
export function normalizeKey(text: string): string | null {
  const parts = text.split('+').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const key = parts.at(-1)!;
  const modifiers = parts.slice(0, -1).map((part) => modifierNames.find((name) => name.toLowerCase() === part.toLowerCase()));
  if (modifiers.some((modifier) => !modifier) || new Set(modifiers).size !== modifiers.length) return null;
  let main: string | null = null;
  if (/^[a-z0-9]$/i.test(key)) main = key.toUpperCase();
  else if (/^f([1-9]|1[0-2])$/i.test(key)) main = key.toUpperCase();
  else main = namedKeys.find((name) => name.toLowerCase() === key.toLowerCase()) ?? null;
  if (!main) return null;
  const ordered = modifierNames.filter((name) => modifiers.includes(name));
  return [...ordered, main].join('+');
}

/** The key of a keyboard event, in the keymap's spelling ("Ctrl+Z", "1", "F2"). */
export function keyOfEvent(event: { key: string; code: string; ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }): string | null {
  // Letters and digits by their physical key, so a Chinese IME or Shift does not change them.
  const physical = /^Key([A-Z])$/.exec(event.code)?.[1] ?? /^Digit(\d)$/.exec(event.code)?.[1] ?? null;
  const printable = event.key === ' ' ? 'Space' : event.key === '?' || event.key === '/' || event.key === '`' ? event.key : null;
  const main = physical ?? printable ?? event.key;
  // "?" is Shift+/ on most keyboards: the character already says it.
  const shift = event.shiftKey && !printable;
  const ctrl = event.ctrlKey || event.metaKey;
  return normalizeKey([ctrl ? 'Ctrl' : '', event.altKey ? 'Alt' : '', shift ? 'Shift' : '', main].filter(Boolean).join('+'));
}

export interface Binding {
  key: string;
  action: HotkeyAction;
}

const defaultActionLetters: Record<CaseAction, string> = {
  verify: 'V',
  register: 'R',
  dispatch: 'D',
  startHandling: 'S',
  reportBack: 'B',
  close: 'C',
  rework: 'W',
  returnCase: 'T',
  requestExtension: 'E',
  approveExtension: 'A',
  refuseExtension: 'F',
  hang: 'H',
  resume: 'Y',
  reopen: 'O',
  void: 'X',
  merge: 'M',
  addHelpers: 'J',
  recordHelperProgress: 'P',
  supervise: 'U',
};

export const defaultBindings: readonly Binding[] = [
  { key: 'F2', action: 'commandBar' },
  { key: 'F3', action: 'screenCommand' },
  { key: 'F1', action: 'help' },
  { key: '?', action: 'help' },
  { key: 'Ctrl+Z', action: 'undo' },
  { key: 'F9', action: 'presentation' },
  { key: 'F6', action: 'module.timeSlot' },
  { key: 'F7', action: 'module.keyFocus' },
  { key: 'F8', action: 'module.emergency' },
  { key: 'Alt+1', action: 'layout.1' },
  { key: 'Alt+4', action: 'layout.4' },
  { key: 'Alt+6', action: 'layout.6' },
  { key: 'Alt+9', action: 'layout.9' },
  { key: 'Alt+0', action: 'layout.16' },
  { key: 'Alt+5', action: 'layout.25' },
  { key: 'ArrowDown', action: 'nextCase' },
  { key: 'ArrowUp', action: 'previousCase' },
  { key: 'Enter', action: 'openCase' },
  { key: 'Escape', action: 'clearSelection' },
  { key: '/', action: 'search' },
  { key: 'N', action: 'newCase' },
  ...([1, 2, 3, 4, 5, 6, 7, 8] as const).map((order) => ({ key: String(order), action: `dispatch.${order}` as const })),
  ...caseActions.map((action) => ({ key: defaultActionLetters[action], action: `act.${action}` as const })),
  ...([1, 2, 3, 4, 5, 6, 7, 8] as const).map((slot) => ({ key: String(slot), action: `density.slot.${slot}` as const })),
  { key: '0', action: 'density.allDay' },
];

export const KeymapFileSchema = z.object({
  /** Replaces the default key(s) of each action named; actions not named keep their defaults. */
  bindings: z.record(z.string(), z.union([z.string(), z.array(z.string()).max(4)])),
});

export type KeymapProblem =
  | { kind: 'unknownAction'; action: string }
  | { kind: 'badKey'; action: string; key: string }
  | { kind: 'conflict'; key: string; actions: HotkeyAction[] };

/** Two bindings conflict when one key would do two things in the same window: a global action clashes with any other, a window's with its own. */
export function findConflicts(bindings: readonly Binding[]): KeymapProblem[] {
  const byKey = new Map<string, HotkeyAction[]>();
  for (const binding of bindings) byKey.set(binding.key, [...(byKey.get(binding.key) ?? []), binding.action]);
  return [...byKey.entries()].flatMap(([key, bound]) => {
    const actions = [...new Set(bound)];
    const clashing = actions.filter((action, index) =>
      actions.some((other, otherIndex) => otherIndex !== index && (actionScope(action) === 'global' || actionScope(other) === 'global' || actionScope(action) === actionScope(other))),
    );
    return clashing.length > 1 ? [{ kind: 'conflict' as const, key, actions: clashing }] : [];
  });
}

/** The defaults with a file's changes, or the defaults and the reasons the file was refused. */
export function loadKeymap(file: unknown): { bindings: Binding[]; problems: KeymapProblem[] } {
  if (file === null || file === undefined) return { bindings: [...defaultBindings], problems: [] };
  const parsed = KeymapFileSchema.safeParse(file);
  if (!parsed.success) return { bindings: [...defaultBindings], problems: [{ kind: 'badKey', action: '(file)', key: parsed.error.issues[0]?.message ?? '' }] };
  const problems: KeymapProblem[] = [];
  const changed = new Map<HotkeyAction, string[]>();
  for (const [action, keys] of Object.entries(parsed.data.bindings)) {
    if (!(hotkeyActions as readonly string[]).includes(action)) {
      problems.push({ kind: 'unknownAction', action });
      continue;
    }
    const normalized: string[] = [];
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      const spelled = normalizeKey(key);
      if (spelled) normalized.push(spelled);
      else problems.push({ kind: 'badKey', action, key });
    }
    changed.set(action as HotkeyAction, normalized);
  }
  const bindings = [
    ...defaultBindings.filter((binding) => !changed.has(binding.action)),
    ...[...changed.entries()].flatMap(([action, keys]) => keys.map((key) => ({ key, action }))),
  ];
  problems.push(...findConflicts(bindings));
  return problems.length ? { bindings: [...defaultBindings], problems } : { bindings, problems };
}

/** How a key is shown on screen: arrows as arrows, Escape as Esc. */
export function keyLabel(key: string): string {
  return key.replace('ArrowDown', '↓').replace('ArrowUp', '↑').replace('ArrowLeft', '←').replace('ArrowRight', '→').replace('Escape', 'Esc');
}

export function isGlobalAction(action: HotkeyAction): boolean {
  return (globalHotkeyActions as readonly string[]).includes(action);
}
