import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, CaseDraft } from '../../../shared/domain/case';
import type { LngLat } from '../../../shared/domain/district';
import { ContractRequestError } from '../../../shared/contract/messages';
import { localName } from '../../../shared/domain/names';
import type { WallState } from '../state/wallStore';
import { locale } from '../shell/i18n';
import { useWall, useWallState } from '../shell/WallContext';
import { selectCase } from '../state/selection';

const selectReference = (state: WallState) => state.reference;

interface FormValues {
  description: string;
  categoryCode: string;
  sourceId: string;
  placeId: string;
  address: string;
  urgent: boolean;
  reporterName: string;
  reporterPhone: string;
}

const emptyForm: FormValues = {
  description: '',
  categoryCode: '',
  sourceId: '',
  placeId: '',
  address: '',
  urgent: false,
  reporterName: '',
  reporterPhone: '',
};

/** A spot picked on the map: the case is filed exactly there, its nearest address filled in. */
export interface PickedSpot {
  lngLat: LngLat;
  address: string;
  /** What the form shows for the spot: its grid and address. */
  label: string;
}

/** Registers a case by hand. The core validates it; its errors are shown next to the fields they name. */
export function NewCaseForm({ onClose, onCreated, at }: { onClose: () => void; onCreated: (created: Case) => void; at?: PickedSpot }) {
  const { t } = useTranslation();
  const reference = useWallState(selectReference);
  const { bridge, store } = useWall();
  const [values, setValues] = useState<FormValues>(() => (at ? { ...emptyForm, address: at.address } : emptyForm));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const majors = useMemo(() => {
    const groups = new Map<string, { name: string; categories: { code: string; name: string }[] }>();
    for (const category of reference?.categories ?? []) {
      const group = groups.get(category.majorCode) ?? { name: localName(category.majorName, locale), categories: [] };
      group.categories.push({ code: category.code, name: localName(category.name, locale) });
      groups.set(category.majorCode, group);
    }
    return [...groups.entries()];
  }, [reference]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setFieldErrors({});
    const hasReporter = values.reporterName.trim() !== '' || values.reporterPhone.trim() !== '';
    const draft: CaseDraft = {
      description: values.description,
      categoryCode: values.categoryCode,
      sourceId: values.sourceId,
      placeId: at ? null : values.placeId || null,
      lngLat: at?.lngLat ?? null,
      address: values.address,
      urgent: values.urgent,
      reporter: hasReporter ? { name: values.reporterName, phone: values.reporterPhone } : null,
    };
    try {
      const created = await bridge.request('case.create', draft, 'keyboard');
      selectCase(bridge, store, created.id);
      onCreated(created);
    } catch (failure) {
      if (failure instanceof ContractRequestError) {
        setFieldErrors(Object.fromEntries((failure.error.fields ?? []).map((field) => [field.path.split('.')[0], field.message])));
        setMessage(failure.message || t('errors.unavailable'));
      } else {
        setMessage(t('errors.internal'));
      }
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: string) =>
    fieldErrors[name] ? (
      <span className="field-error" role="alert">
        {fieldErrors[name]}
      </span>
    ) : null;

  return (
    <form className="case-form" onSubmit={(event) => void submit(event)} aria-label={t('form.title')} noValidate>
      <h2>{t('form.title')}</h2>
      <label>
        {t('form.description')}
        <textarea
          name="description"
          rows={3}
          value={values.description}
          placeholder={t('form.descriptionHint')}
          onChange={(event) => set('description', event.target.value)}
          aria-invalid={Boolean(fieldErrors.description)}
        />
        {fieldError('description')}
      </label>
      <label>
        {t('form.category')}
        <select name="categoryCode" value={values.categoryCode} onChange={(event) => set('categoryCode', event.target.value)}>
          <option value="">—</option>
          {majors.map(([code, group]) => (
            <optgroup key={code} label={group.name}>
              {group.categories.map((category) => (
                <option key={category.code} value={category.code}>
                  {category.code} {category.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {fieldError('categoryCode')}
      </label>
      <label>
        {t('form.source')}
        <select name="sourceId" value={values.sourceId} onChange={(event) => set('sourceId', event.target.value)}>
          <option value="">—</option>
          {(reference?.sources ?? []).map((source) => (
            <option key={source.id} value={source.id}>
              {localName(source.name, locale)}
            </option>
          ))}
        </select>
        {fieldError('sourceId')}
      </label>
      {at ? (
        <p className="picked-spot" data-testid="picked-spot">
          {t('map.pickedPlace', { place: at.label })}
        </p>
      ) : (
      <label>
        {t('form.place')}
        <select name="placeId" value={values.placeId} onChange={(event) => set('placeId', event.target.value)}>
          <option value="">{t('form.placeNone')}</option>
          {(reference?.geography.places ?? []).map((place) => (
            <option key={place.id} value={place.id}>
              {localName(place.name, locale)}
            </option>
          ))}
        </select>
      </label>
      )}
      <label>
        {t('form.address')}
        <input name="address" value={values.address} onChange={(event) => set('address', event.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" name="urgent" checked={values.urgent} onChange={(event) => set('urgent', event.target.checked)} />
        {t('form.urgent')}
      </label>
      <div className="form-row">
        <label>
          {t('form.reporterName')}
          <input name="reporterName" value={values.reporterName} onChange={(event) => set('reporterName', event.target.value)} />
        </label>
        <label>
          {t('form.reporterPhone')}
          <input name="reporterPhone" value={values.reporterPhone} onChange={(event) => set('reporterPhone', event.target.value)} />
          {fieldError('reporter')}
        </label>
      </div>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
