import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandUnderstanding } from '../../../shared/contract/contract';
import { ContractRequestError } from '../../../shared/contract/messages';
import { useWall } from './WallContext';

/** Recent lines, newest last: ↑ in the bar brings them back. */
const history: string[] = [];
const readBackDelayMs = 60;

export interface CommandResult {
  /** What was done, undone, or why it failed. */
  line: string;
  undoableUntil: number | null;
  failed: boolean;
}

/**
 * The command bar: type a command or describe an incident; the line that
 * will run is read back as you type; Enter runs exactly what was read back,
 * Esc closes without acting.
 */
export function CommandBar({ initialText, onClose, onNeedSignIn }: { initialText: string; onClose(result: CommandResult | null): void; onNeedSignIn(text: string): void }) {
  const { t } = useTranslation();
  const { bridge, store } = useWall();
  const [text, setText] = useState(initialText);
  const [understood, setUnderstood] = useState<(CommandUnderstanding & { text: string }) | null>(null);
  const [running, setRunning] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const historyIndex = useRef(history.length);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  // Read back while typing, a moment after the last key.
  useEffect(() => {
    if (!text.trim()) return;
    let current = true;
    const timer = window.setTimeout(() => {
      void bridge.request('command.understand', { text }).then(
        (answer) => current && setUnderstood({ ...answer, text }),
        () => undefined,
      );
    }, readBackDelayMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [bridge, text]);

  const shown = text.trim() && understood?.text === text ? understood : null;

  const run = async () => {
    if (!shown?.ready || running) return;
    setRunning(true);
    try {
      const outcome = await bridge.request(
        'command.run',
        { text, expectedReadBack: shown.readBack, selectedCaseId: store.getState().selectedCaseId },
        'command',
      );
      history.push(text);
      if (outcome.caseId !== null && store.getState().session?.role === 'queue') store.getState().caseSelected(outcome.caseId);
      const done = outcome.undoableUntil === null ? outcome.readBack : t('commands.done', { readBack: outcome.readBack });
      onClose({ line: outcome.caseNumber ? `${done} · ${outcome.caseNumber}` : done, undoableUntil: outcome.undoableUntil, failed: false });
    } catch (error) {
      if (error instanceof ContractRequestError && error.error.code === 'notSignedIn') return onNeedSignIn(text);
      setRefusal(error instanceof ContractRequestError ? error.message : String(error));
      setRunning(false);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void run();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose(null);
    } else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && history.length) {
      event.preventDefault();
      historyIndex.current = Math.max(0, Math.min(history.length, historyIndex.current + (event.key === 'ArrowUp' ? -1 : 1)));
      setText(history[historyIndex.current] ?? '');
      setRefusal(null);
    }
  };

  const state = refusal ? 'refused' : !shown ? 'waiting' : shown.ready ? 'ready' : 'problem';
  return (
    <div className="command-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose(null)}>
      <section className={`command-bar command-${state}`} role="dialog" aria-label={t('commands.barTitle')} data-testid="command-bar">
        <input
          ref={input}
          className="command-input"
          value={text}
          placeholder={t('commands.barPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          aria-label={t('commands.barTitle')}
          onChange={(event) => {
            setText(event.target.value);
            setRefusal(null);
          }}
          onKeyDown={onKeyDown}
        />
        <p className="command-readback" role="status" aria-live="polite" data-testid="command-readback">
          {refusal ?? shown?.readBack ?? '\u00a0'}
        </p>
        <p className="command-hint">{shown?.ready && !refusal ? t('commands.enterToRun') : '\u00a0'}</p>
      </section>
    </div>
  );
}
