import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallState } from '../../state/wallStore';
import { useWallState } from '../../shell/WallContext';
import { presentationNames } from '../format';
import { useMemo } from 'react';

const selectReference = (state: WallState) => state.reference;

export function useNames() {
  const reference = useWallState(selectReference);
  return useMemo(() => presentationNames(reference), [reference]);
}

export function Panel({ title, children, className }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`stage-panel${className ? ` ${className}` : ''}`}>
      {title && <h3>{title}</h3>}
      {children}
    </section>
  );
}

/** Shown in place of a view whose figures have not come yet, or could not be read. */
export function Waiting({ error }: { error: string | null }) {
  const { t } = useTranslation();
  return <p className={error ? 'stage-waiting is-failed' : 'stage-waiting'}>{error ?? t('presentation.loading')}</p>;
}
