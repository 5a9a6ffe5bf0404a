import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentMimes, type AttachmentInfo } from '../../../shared/contract/contract';
import { attachmentFits, sizeWords } from '../shell/attachmentSize';
import { formatTime } from '../shell/lookups';
import { messageOf, ReadFailed, selectSnapshotsLoaded } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';

type Mime = (typeof attachmentMimes)[number];

/** Reads a picked file as base64 for the contract (the core checks that it really is an image). */
export async function fileAsAttachment(file: File): Promise<{ mime: Mime; dataBase64: string }> {
  const mime = (attachmentMimes as readonly string[]).includes(file.type) ? (file.type as Mime) : 'image/jpeg';
  const buffer = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let start = 0; start < buffer.length; start += 0x8000) binary += String.fromCharCode(...buffer.subarray(start, start + 0x8000));
  return { mime, dataBase64: btoa(binary) };
}

/** Photos and video snapshots of a case, and a way to add one. */
export function Photos({ caseId, version, canAdd }: { caseId: number; version: number; canAdd: boolean }) {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  const [items, setItems] = useState<AttachmentInfo[]>([]);
  const [images, setImages] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const read = async () => {
      const list = await bridge.request('case.attachments', { caseId });
      if (!current) return;
      setItems(list);
      setReadError(null);
      for (const item of list) {
        const image = await bridge.request('attachment.get', { attachmentId: item.id });
        if (current) setImages((loaded) => ({ ...loaded, [item.id]: `data:${image.mime};base64,${image.dataBase64}` }));
      }
    };
    read().catch((failure: unknown) => current && setReadError(messageOf(failure)));
    return () => {
      current = false;
    };
  }, [bridge, caseId, version, snapshotsLoaded]);

  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    // Said at once and nothing sent: the core would refuse it only after the whole picture had crossed the link.
    if (!attachmentFits(file.size)) {
      setError(t('detail.photoTooLarge', sizeWords(file.size)));
      return;
    }
    try {
      await bridge.request('case.attach', { caseId, kind: 'photo', caption: file.name.slice(0, 100), ...(await fileAsAttachment(file)) }, 'mouse');
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  if (items.length === 0 && !canAdd && !readError) return null;
  return (
    <div className="photos">
      <h3>{t('detail.photos')}</h3>
      {readError && <ReadFailed message={readError} />}
      <div className="photo-strip" data-testid="photos">
        {items.map((item) => (
          <figure key={item.id}>
            {images[item.id] ? <img src={images[item.id]} alt={item.caption || t('detail.photo')} /> : <div className="photo-placeholder" />}
            <figcaption>
              {item.kind === 'snapshot' ? t('detail.snapshot') : t('detail.photo')} · {formatTime(item.at)} · {item.actorName}
            </figcaption>
          </figure>
        ))}
      </div>
      {canAdd && (
        <label className="button photo-add">
          {t('detail.addPhoto')}
          <input type="file" accept={attachmentMimes.join(',')} onChange={(event) => void add(event)} hidden />
        </label>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
