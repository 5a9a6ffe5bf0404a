import { useTranslation } from 'react-i18next';
import { formatGeoProblem, type GeoProblem } from '../../../shared/geo/geometryChecks';
import { locale } from '../shell/i18n';

/** What the room should fix in its map configuration or district file (the map works meanwhile). */
export function MapWarnings({ warnings }: { warnings: readonly GeoProblem[] }) {
  const { t } = useTranslation();
  return (
    <section className="map-panel map-warnings" role="status" data-testid="map-warnings">
      <h2>{t('map.warnings')}</h2>
      <ul>
        {warnings.map((warning) => (
          <li key={`${warning.file ?? ''}${warning.record}`}>{formatGeoProblem({ ...warning, file: warning.file?.split(/[\\/]/).at(-1) }, locale)}</li>
        ))}
      </ul>
    </section>
  );
}
