import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { maxAttachmentBase64 } from '../../../shared/contract/contract';
import type { Camera } from '../../../shared/video/camera';
import { sizeWords } from '../shell/attachmentSize';
import { messageOf } from '../shell/ReadFailed';
import type { WallState } from '../state/wallStore';
import { SignInDialog } from '../shell/SignInDialog';
import { useWall, useWallState } from '../shell/WallContext';

const selectOperator = (state: WallState) => state.operator;
const selectCategories = (state: WallState) => state.reference?.categories ?? null;

/**
 * Tile → case: the frame grabbed when the button was pressed, the camera's
 * place, grid and the slot go into a new case (source: video patrol); the
 * operator picks the category and may add a line. Dispatch follows in the
 * queue (command bar or hotkeys).
 */
export function SnapshotDialog({ screen, camera, frame, slotName, onClose, onCreated }: { screen: number; camera: Camera; frame: string | null; slotName: string; onClose(): void; onCreated(number: string): void }) {
  const { t, i18n } = useTranslation();
  const { bridge } = useWall();
  const operator = useWallState(selectOperator);
  const categories = useWallState(selectCategories);
  const events = useMemo(() => (categories ?? []).filter((category) => category.type === 'event'), [categories]);
  const [categoryCode, setCategoryCode] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const english = i18n.language === 'en';

  if (signingIn) return <SignInDialog onClose={() => setSigningIn(false)} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!frame) return;
    // Refused here, before the frame crosses the link, in words the operator can act on.
    if (frame.length > maxAttachmentBase64) {
      setError(t('video.snapshotTooLarge', sizeWords(Math.ceil((frame.length * 3) / 4))));
      return;
    }
    try {
      const created = await bridge.request(
        'video.snapshotCase',
        { screen, cameraId: camera.id, categoryCode, description, mime: 'image/jpeg', dataBase64: frame },
        'mouse',
      );
      onCreated(created.number);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <form className="modal snapshot-dialog" role="dialog" aria-modal="true" aria-label={t('video.toCaseTitle', { screen })} onSubmit={(event) => void submit(event)}>
        <h2>{t('video.toCaseTitle', { screen })}</h2>
        {frame && <img className="snapshot-frame" src={`data:image/jpeg;base64,${frame}`} alt="" />}
        <p className="muted">
          {english ? camera.name.en : camera.name.zh} · {camera.gridId ?? '—'} · {slotName}
        </p>
        {!operator ? (
          <button type="button" className="button button-primary" onClick={() => setSigningIn(true)}>
            {t('video.signIn')}
          </button>
        ) : (
          <>
            <label>
              {t('video.category')}
              <select required value={categoryCode} onChange={(event) => setCategoryCode(event.target.value)}>
                <option value="" />
                {events.map((category) => (
                  <option key={category.code} value={category.code}>
                    {category.code} {english ? category.name.en : category.name.zh}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('video.description')}
              <textarea rows={2} maxLength={400} value={description} onChange={(event) => setDescription(event.target.value)} />
            </label>
          </>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          {operator && (
            <button type="submit" className="button button-primary" disabled={!frame || !categoryCode}>
              {t('video.create')}
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            {t('video.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
