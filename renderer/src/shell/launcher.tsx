import { createRoot } from 'react-dom/client';
import { windowRoles } from '../../../shared/wall/roles';
import { i18n } from './i18n';
import './theme.css';

/** The browser wall's front page: one link per window role, keeping the token and language. */
function Launcher() {
  const query = window.location.search;
  return (
    <main className="launcher">
      <h1>{i18n.t('app.title')}</h1>
      <ul>
        {windowRoles.map((role) => (
          <li key={role}>
            <a href={`./${role}.html${query}`} target={`gridwall-${role}`}>
              {i18n.t(`roles.${role}`)}
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Launcher />);
