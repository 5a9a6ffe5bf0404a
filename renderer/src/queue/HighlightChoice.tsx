import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo, PresentationSetup } from '../../../shared/contract/contract';
import type { Case } from '../../../shared/domain/case';
import { messageOf } from '../shell/ReadFailed';
import { useWall } from '../shell/WallContext';

type Side = 'none' | 'before' | 'after';

/**
 * The duty director shows a closed case to visitors as a highlight, and says
 * which of its pictures may be shown as "before" and "after". A picture left
 * at "not shown" never reaches a presentation window.
 */
export function HighlightChoice({ item }: { item: Case }) {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const [pictures, setPictures] = useState<AttachmentInfo[]>([]);
  const [sides, setSides] = useState<Record<number, Side>>({});
  const [chosen, setChosen] = useState(false);
  const [message, setMessage] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([bridge.request('case.attachments', { caseId: item.id }), bridge.request('presentation.setup', {})]).then(
      ([list, setup]) => {
        if (!current) return;
        const choice = setup.highlights.find((entry) => entry.caseId === item.id);
        setPictures(list);
        setChosen(Boolean(choice));
        setSides(Object.fromEntries(list.map((picture) => [picture.id, choice?.before.includes(picture.id) ? 'before' : choice?.after.includes(picture.id) ? 'after' : 'none'])));
      },
      (failure: unknown) => current && setMessage({ kind: 'error', text: messageOf(failure) }),
    );
    return () => {
      current = false;
    };
  }, [bridge, item.id, item.updatedAt]);

  const save = (show: boolean) => {
    const of = (side: Side) => pictures.filter((picture) => sides[picture.id] === side).map((picture) => picture.id);
    bridge.request('presentation.highlight', { caseId: item.id, chosen: show, before: of('before'), after: of('after') }, 'mouse').then(
      (setup: PresentationSetup) => {
        setChosen(setup.highlights.some((entry) => entry.caseId === item.id));
        setMessage({ kind: 'done', text: t(show ? 'highlightChoice.saved' : 'highlightChoice.dropped') });
      },
      (failure: unknown) => setMessage({ kind: 'error', text: messageOf(failure) }),
    );
  };

  return (
    <section className="highlight-choice" aria-label={t('highlightChoice.title')} data-testid="highlight-choice">
      <h3>{t('highlightChoice.title')}</h3>
      <p className="muted">{t('highlightChoice.hint')}</p>
      {pictures.map((picture) => (
        <label key={picture.id}>
          {t('highlightChoice.picture', { id: picture.id, kind: t(`highlightChoice.kinds.${picture.kind}`) })}
          <select value={sides[picture.id] ?? 'none'} onChange={(event) => setSides((current) => ({ ...current, [picture.id]: event.target.value as Side }))}>
            {(['none', 'before', 'after'] as const).map((side) => (
              <option key={side} value={side}>
                {t(`highlightChoice.sides.${side}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => save(true)}>
          {t(chosen ? 'highlightChoice.update' : 'highlightChoice.show')}
        </button>
        {chosen && (
          <button type="button" className="button" onClick={() => save(false)}>
            {t('highlightChoice.drop')}
          </button>
        )}
      </div>
      {message && (
        <p className={message.kind === 'error' ? 'form-error' : 'form-done'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
