import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractRequestError } from '../../../shared/contract/messages';
import type { WallState } from '../state/wallStore';
import { formatTime, useLookups } from '../shell/lookups';
import { useWall, useWallState } from '../shell/WallContext';

const selectSelectedCase = (state: WallState) =>
  state.selectedCaseId === null ? null : (state.openCases.get(state.selectedCaseId) ?? null);
const selectCanWrite = (state: WallState) => state.session?.audience === 'operator';

export function CaseDetail() {
  const { t } = useTranslation();
  const item = useWallState(selectSelectedCase);
  const canWrite = useWallState(selectCanWrite);
  const lookups = useLookups();
  const { bridge } = useWall();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!item) return <div className="empty">{t('queue.noSelection')}</div>;

  const toggleUrgent = async () => {
    setBusy(true);
    setError(null);
    try {
      await bridge.request('case.setUrgent', { caseId: item.id, urgent: !item.urgent });
    } catch (failure) {
      setError(failure instanceof ContractRequestError ? failure.message || t('errors.unavailable') : t('errors.internal'));
    } finally {
      setBusy(false);
    }
  };

  const placeLine = [lookups.subDistrictName(item.subDistrictId), lookups.workstationName(item.workstationId), lookups.gridName(item.gridId)]
    .filter(Boolean)
    .join(' · ');
  return (
    <section className="case-detail" aria-label={t('queue.detail')} data-testid="case-detail">
      <header>
        <h2>
          {item.number} {item.urgent && <span className="urgent-tag">{t('queue.urgent')}</span>}
        </h2>
        <span className="status-tag">{t(`status.${item.status}`)}</span>
      </header>
      <p className="case-description">{item.description}</p>
      <dl>
        <dt>{t('queue.columns.category')}</dt>
        <dd>
          {lookups.majorName(item.categoryCode)} / {lookups.categoryName(item.categoryCode)}
        </dd>
        <dt>{t('queue.columns.place')}</dt>
        <dd>
          {item.address || t('queue.unlocated')}
          {placeLine && <div className="muted">{placeLine}</div>}
        </dd>
        <dt>{t('queue.columns.source')}</dt>
        <dd>{lookups.sourceName(item.sourceId)}</dd>
        <dt>{t('queue.department')}</dt>
        <dd>{lookups.departmentName(item.leadDepartmentId) ?? '—'}</dd>
        <dt>{t('queue.reportedAt')}</dt>
        <dd>{formatTime(item.reportedAt)}</dd>
        {item.reporter && (
          <>
            <dt>{t('queue.reporter')}</dt>
            <dd>
              {item.reporter.name} {item.reporter.phone}
            </dd>
          </>
        )}
      </dl>
      {canWrite && (
        <div className="actions">
          <button className={item.urgent ? 'button' : 'button button-danger'} disabled={busy} onClick={() => void toggleUrgent()}>
            {item.urgent ? t('queue.clearUrgent') : t('queue.markUrgent')}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
