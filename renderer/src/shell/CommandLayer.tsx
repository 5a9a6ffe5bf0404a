import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotkeyAction } from '../../../shared/commands/keymap';
import type { ArgsOf } from '../../../shared/contract/contract';
import { ContractRequestError } from '../../../shared/contract/messages';
import type { WallState } from '../state/wallStore';
import { CommandBar, type CommandResult } from './CommandBar';
import { actionFor, HotkeyRegistry, typingIn, type HotkeyHandlers } from './hotkeys';
import { HotkeyOverlay } from './HotkeyOverlay';
import { SignInDialog } from './SignInDialog';
import { useWall, useWallState } from './WallContext';

const selectCanWrite = (state: WallState) => state.session?.audience === 'operator';
const selectSignInPrompt = (state: WallState) => state.signInPrompt;

/** Opens this window's command bar with a line already typed (e.g. from a video tile). */
const RunCommandContext = createContext<(text: string) => void>(() => undefined);
export const useOpenCommandBar = () => useContext(RunCommandContext);

/** The line each wall hotkey runs: the same path as typing it, so it is read back, audited and undoable. */
const wallHotkeyLines: Partial<Record<HotkeyAction, string>> = {
  presentation: '演示模式',
  'module.timeSlot': '切换 时段视频',
  'module.keyFocus': '切换 重点视频',
  'module.emergency': '切换 应急视频',
  'layout.1': '布局 1',
  'layout.4': '布局 4',
  'layout.6': '布局 6',
  'layout.9': '布局 9',
  'layout.16': '布局 16',
  'layout.25': '布局 25',
};

/** What covers the window: the bar, the hotkey list, or sign-in (then back to the bar with the line kept). */
type Panel = { kind: 'none' } | { kind: 'bar'; text: string } | { kind: 'help' } | { kind: 'signIn'; thenText: string | null };

/**
 * Around every window: the one keyboard listener of the shift (global hotkeys
 * here, the window's own through the registry), the command bar, the hotkey
 * overlay and the line that says what was done and how long it can be undone.
 */
export function CommandLayer({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { bridge, store } = useWall();
  const canWrite = useWallState(selectCanWrite);
  // A sign-in that ended by itself (expired, revoked) asks again here, on every window, saying why.
  const signInPrompt = useWallState(selectSignInPrompt);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [result, setResult] = useState<(CommandResult & { undoSeconds: number | null }) | null>(null);
  const windowHandlers = useRef<HotkeyHandlers[]>([]);

  const registry = useMemo(
    () => ({
      register(handlers: HotkeyHandlers) {
        windowHandlers.current.push(handlers);
        return () => {
          windowHandlers.current = windowHandlers.current.filter((item) => item !== handlers);
        };
      },
    }),
    [],
  );

  const report = useCallback(
    (outcome: CommandResult) =>
      setResult({ ...outcome, undoSeconds: outcome.undoableUntil === null ? null : Math.max(0, Math.round((outcome.undoableUntil - Date.now()) / 1000)) }),
    [],
  );
  const request = useCallback(
    async (name: 'command.run' | 'command.undo', args: ArgsOf<'command.run'> | ArgsOf<'command.undo'>) => {
      try {
        const outcome = await bridge.request(name, args as ArgsOf<'command.run'>, 'hotkey');
        report({ line: outcome.undoableUntil === null ? outcome.readBack : t('commands.done', { readBack: outcome.readBack }), undoableUntil: outcome.undoableUntil, failed: false });
      } catch (error) {
        if (error instanceof ContractRequestError && error.error.code === 'notSignedIn') setPanel({ kind: 'signIn', thenText: null });
        else report({ line: error instanceof Error ? error.message : String(error), undoableUntil: null, failed: true });
      }
    },
    [bridge, report, t],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const keymap = store.getState().keymap;
      if (keymap && panel.kind === 'help' && (event.key === 'Escape' || actionFor(event, keymap.bindings) === 'help')) {
        setPanel({ kind: 'none' });
        event.preventDefault();
        return;
      }
      if (!keymap || !canWrite || panel.kind !== 'none' || typingIn(event.target) || event.isComposing) return;
      // A dialog of the window (a form, sign-in) has the keyboard to itself.
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const action = actionFor(event, keymap.bindings, (candidate) => windowHandlers.current.some((handlers) => handlers[candidate]));
      if (!action) return;
      const line = wallHotkeyLines[action];
      if (action === 'commandBar' || action === 'screenCommand') setPanel({ kind: 'bar', text: action === 'screenCommand' ? t('commands.screenPrefix') : '' });
      else if (action === 'help') setPanel({ kind: 'help' });
      else if (action === 'undo') void request('command.undo', {});
      else if (line) void request('command.run', { text: line, selectedCaseId: store.getState().selectedCaseId });
      else {
        const handler = windowHandlers.current.findLast((handlers) => handlers[action])?.[action];
        if (!handler) return;
        handler();
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, canWrite, panel, request, t]);

  // The outcome line stays while its undo window is open (at least a few seconds).
  useEffect(() => {
    if (!result) return;
    const visibleMs = Math.max(6_000, (result.undoSeconds ?? 0) * 1000);
    const timer = window.setTimeout(() => setResult(null), visibleMs);
    return () => window.clearTimeout(timer);
  }, [result]);

  return (
    <HotkeyRegistry.Provider value={registry}>
      <RunCommandContext.Provider value={(text) => setPanel({ kind: 'bar', text })}>{children}</RunCommandContext.Provider>
      {panel.kind === 'bar' && (
        <CommandBar
          initialText={panel.text}
          onNeedSignIn={(text) => setPanel({ kind: 'signIn', thenText: text })}
          onClose={(outcome) => {
            setPanel({ kind: 'none' });
            if (outcome) report(outcome);
          }}
        />
      )}
      {panel.kind === 'help' && <HotkeyOverlay onClose={() => setPanel({ kind: 'none' })} />}
      {(panel.kind === 'signIn' || signInPrompt) && (
        <SignInDialog
          notice={signInPrompt?.message ?? null}
          // Over an open command bar, which stays as it is (with the line typed) for after the sign-in.
          raised={panel.kind === 'bar'}
          onClose={() => {
            store.getState().signInPromptClosed();
            if (panel.kind !== 'signIn') return;
            setPanel(panel.thenText !== null && store.getState().operator ? { kind: 'bar', text: panel.thenText } : { kind: 'none' });
          }}
        />
      )}
      {result && (
        <p className={`command-outcome${result.failed ? ' is-failed' : ''}`} role="status" data-testid="command-outcome">
          {result.line}
          {result.undoSeconds !== null && <span className="muted"> · {t('commands.undoHint', { seconds: result.undoSeconds })}</span>}
        </p>
      )}
    </HotkeyRegistry.Provider>
  );
}
