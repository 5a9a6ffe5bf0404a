import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { WallSetupApi } from '../../../shared/wall/shellApi';
import { i18n } from '../shell/i18n';
import '../shell/theme.css';
import { SetupWindow } from './SetupWindow';
import './setup.css';

declare global {
  interface Window {
    /** Exposed by the setup window's preload only. */
    gridwallSetup?: WallSetupApi;
  }
}

document.title = `${i18n.t('wallSetup.title')} · ${i18n.t('app.title')}`;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SetupWindow api={window.gridwallSetup ?? null} />
  </StrictMode>,
);
