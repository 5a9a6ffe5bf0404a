import { createContext, useContext, useEffect, useRef } from 'react';
import type { WallState } from '../state/wallStore';
import { useWallState } from './WallContext';
import { isGlobalAction, keyLabel, keyOfEvent, type Binding, type HotkeyAction } from '../../../shared/commands/keymap';

export type HotkeyHandlers = Partial<Record<HotkeyAction, () => void>>;

/** Typing in a field never triggers a hotkey. */
export function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The action a key press means under a keymap, if any: a global one, else the first that `handles` says this window has (one key may mean a thing in each window). */
export function actionFor(event: KeyboardEvent, bindings: readonly Binding[], handles: (action: HotkeyAction) => boolean = () => true): HotkeyAction | null {
  const key = keyOfEvent(event);
  if (!key) return null;
  const bound = bindings.filter((binding) => binding.key === key).map((binding) => binding.action);
  return bound.find(isGlobalAction) ?? bound.find(handles) ?? null;
}

/** Lets a window add its own handlers (the queue's) to the shell's one keyboard listener. */
export const HotkeyRegistry = createContext<{ register(handlers: HotkeyHandlers): () => void } | null>(null);

/** A window's hotkey handlers, kept current without re-registering on every render. */
export function useWindowHotkeys(handlers: HotkeyHandlers): void {
  const registry = useContext(HotkeyRegistry);
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!registry) return;
    const proxy = Object.fromEntries(Object.keys(latest.current).map((action) => [action, () => latest.current[action as HotkeyAction]?.()])) as HotkeyHandlers;
    return registry.register(proxy);
    // The set of actions a window handles does not change while it is open.
  }, [registry]);
}

const noBindings: readonly Binding[] = [];
const selectBindings = (state: WallState) => state.keymap?.bindings ?? noBindings;

/** The key shown on a button for an action ('' when the keymap leaves it unbound). */
export function useKeyFor(): (action: HotkeyAction) => string {
  const bindings = useWallState(selectBindings);
  return (action) => keyLabel(bindings.find((binding) => binding.action === action)?.key ?? '');
}
