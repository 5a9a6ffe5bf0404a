import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallState } from '../state/wallStore';
import { useWallState } from '../shell/WallContext';
import { WindowHeader } from '../shell/WindowHeader';
import { CaseDetail } from './CaseDetail';
import { CaseList } from './CaseList';
import { NewCaseForm } from './NewCaseForm';
import { sortForQueue } from './sortCases';

const selectOpenCases = (state: WallState) => state.openCases;
const selectCanWrite = (state: WallState) => state.session?.audience === 'operator';

export function QueueWindow() {
  const { t } = useTranslation();
  const openCases = useWallState(selectOpenCases);
  const canWrite = useWallState(selectCanWrite);
  const [formOpen, setFormOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const sorted = useMemo(() => sortForQueue(openCases.values()), [openCases]);
  const urgent = useMemo(() => sorted.filter((item) => item.urgent).length, [sorted]);

  return (
    <div className="window">
      <WindowHeader role="queue">
        <span className="muted">{t('queue.openCases')}</span>
        <span className="count-figure" data-testid="open-count">
          {t('queue.count', { count: sorted.length })}
        </span>
        <span className="count-figure count-urgent">{t('queue.urgentCount', { count: urgent })}</span>
        <span style={{ flex: 1 }} />
        {canWrite && (
          <button
            className="button button-primary"
            onClick={() => {
              setNotice(null);
              setFormOpen(true);
            }}
          >
            {t('queue.newCase')}
          </button>
        )}
      </WindowHeader>
      <main className="queue-body">
        <CaseList cases={sorted} />
        <aside className="queue-side">
          {notice && (
            <p className="form-done" role="status">
              {notice}
            </p>
          )}
          {formOpen ? (
            <NewCaseForm
              onClose={() => setFormOpen(false)}
              onCreated={(created) => {
                setFormOpen(false);
                setNotice(t('form.created', { number: created.number }));
              }}
            />
          ) : (
            <CaseDetail />
          )}
        </aside>
      </main>
    </div>
  );
}
