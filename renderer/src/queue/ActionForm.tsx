import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../../../shared/contract/contract';
import type { Case } from '../../../shared/domain/case';
import { actionRules, type CaseAction } from '../../../shared/domain/lifecycle';
import { localName } from '../../../shared/domain/names';
import type { WallState } from '../state/wallStore';
import { locale } from '../shell/i18n';
import { useWallState } from '../shell/WallContext';

const selectDepartments = (state: WallState) => state.reference?.departments ?? [];

/** Actions that need more than a click: who to dispatch to, how long to extend, why. */
export function needsForm(action: CaseAction): boolean {
  return Boolean(actionRules[action].reason) || ['dispatch', 'requestExtension', 'merge', 'addHelpers', 'recordHelperProgress', 'supervise', 'close'].includes(action);
}

type ActArgs = ArgsOf<'case.act'>;

export function ActionForm(props: {
  item: Case;
  action: CaseAction;
  mergeSuggestion: Case | null;
  busy: boolean;
  onSubmit: (args: ActArgs | { action: 'merge'; caseId: number; parentNumber: string; reason: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { item, action } = props;
  const departments = useWallState(selectDepartments);
  const helpers = item.assignments.filter((entry) => entry.role === 'helper');
  const [reason, setReason] = useState('');
  const [lead, setLead] = useState(item.leadDepartmentId ?? departments[1]?.id ?? '');
  const [helperIds, setHelperIds] = useState<string[]>([]);
  const [extension, setExtension] = useState({ value: 1, unit: 'workingDays' as 'workingDays' | 'workingHours' });
  const [level, setLevel] = useState(Math.min(3, item.supervisionManual + 1));
  const [parentNumber, setParentNumber] = useState(props.mergeSuggestion?.number ?? '');
  const [helperId, setHelperId] = useState(helpers[0]?.departmentId ?? '');
  const [satisfaction, setSatisfaction] = useState(1);
  const caseId = item.id;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    switch (action) {
      case 'dispatch':
        return props.onSubmit({ action, caseId, leadDepartmentId: lead, helperDepartmentIds: helperIds.filter((id) => id !== lead), reason });
      case 'addHelpers':
        return props.onSubmit({ action, caseId, helperDepartmentIds: helperIds, reason });
      case 'requestExtension':
        return props.onSubmit({ action, caseId, limit: extension, reason });
      case 'supervise':
        return props.onSubmit({ action, caseId, level, reason });
      case 'merge':
        return props.onSubmit({ action, caseId, parentNumber: parentNumber.trim(), reason });
      case 'recordHelperProgress':
        return props.onSubmit({ action, caseId, departmentId: helperId, progress: 'reportedBack', reason });
      case 'close':
        return props.onSubmit({ action, caseId, satisfaction, reason });
      default:
        return props.onSubmit({ action, caseId, reason } as ActArgs);
    }
  };

  const departmentName = (id: string) => {
    const department = departments.find((entry) => entry.id === id);
    return department ? localName(department.shortName, locale) : id;
  };
  const pickHelpers = (
    <fieldset className="helper-picks">
      <legend>{t('detail.helpers')}</legend>
      {departments
        .filter((department) => department.kind === 'linked' && department.id !== lead)
        .map((department) => (
          <label key={department.id} className="check">
            <input
              type="checkbox"
              checked={helperIds.includes(department.id)}
              onChange={(event) => setHelperIds((current) => (event.target.checked ? [...current, department.id] : current.filter((id) => id !== department.id)))}
            />
            {localName(department.shortName, locale)}
          </label>
        ))}
    </fieldset>
  );

  return (
    <form className="action-form" aria-label={t(`actions.${action}`)} onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}>
      <h3>{t(`actions.${action}`)}</h3>
      {action === 'dispatch' && (
        <>
          <label>
            {t('detail.leadDepartment')}
            <select name="lead" value={lead} onChange={(event) => setLead(event.target.value)} autoFocus>
              {departments.map((department) => (
                <option key={department.id} value={department.id}>
                  {localName(department.shortName, locale)}
                </option>
              ))}
            </select>
          </label>
          {pickHelpers}
        </>
      )}
      {action === 'addHelpers' && pickHelpers}
      {action === 'requestExtension' && (
        <label>
          {t('detail.extension')}
          <span className="inline-fields">
            <input type="number" min={1} max={30} value={extension.value} onChange={(event) => setExtension({ ...extension, value: Number(event.target.value) })} autoFocus />
            <select value={extension.unit} onChange={(event) => setExtension({ ...extension, unit: event.target.value as typeof extension.unit })}>
              <option value="workingDays">{t('detail.unitDays')}</option>
              <option value="workingHours">{t('detail.unitHours')}</option>
            </select>
          </span>
        </label>
      )}
      {action === 'supervise' && (
        <label>
          {t('detail.level')}
          <select value={level} onChange={(event) => setLevel(Number(event.target.value))} autoFocus>
            {[0, 1, 2, 3].map((value) => (
              <option key={value} value={value}>
                {value === 0 ? '—' : t(`deadline.level.${value}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {action === 'merge' && (
        <label>
          {t('detail.mergeTarget')}
          <input name="parent" value={parentNumber} onChange={(event) => setParentNumber(event.target.value)} autoFocus placeholder="20261127-0001" />
        </label>
      )}
      {action === 'recordHelperProgress' && (
        <label>
          {t('detail.helper')}
          <select value={helperId} onChange={(event) => setHelperId(event.target.value)} autoFocus>
            {helpers.map((entry) => (
              <option key={entry.departmentId} value={entry.departmentId}>
                {departmentName(entry.departmentId)}
              </option>
            ))}
          </select>
        </label>
      )}
      {action === 'close' && (
        <label>
          {t('detail.satisfaction')}
          <select value={satisfaction} onChange={(event) => setSatisfaction(Number(event.target.value))} autoFocus>
            <option value={1}>★★★</option>
            <option value={0.6}>★★</option>
            <option value={0.2}>★</option>
          </select>
        </label>
      )}
      <label>
        {t('detail.reason')}
        <textarea name="reason" rows={2} value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} autoFocus={!['dispatch', 'addHelpers', 'requestExtension', 'supervise', 'merge', 'recordHelperProgress', 'close'].includes(action)} />
      </label>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={props.busy}>
          {t('detail.confirm', { action: t(`actions.${action}`) })}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('detail.cancel')}
        </button>
      </div>
    </form>
  );
}
