import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { WindowRole } from '../../../shared/wall/roles';
import { connectBridge } from '../bridge/connect';
import { watchSignIn } from '../state/signIn';
import { syncWithCore } from '../state/sync';
import { createWallStore } from '../state/wallStore';
import './i18n';
import { i18n, translate } from './i18n';
import './theme.css';
import { WallContext } from './WallContext';
import { CommandLayer } from './CommandLayer';
import { hideIdleCursor, idleCursorSecondsFromUrl } from './idleCursor';
import { PresentingSwitch } from '../presentation/PresentingSwitch';

/** Every window starts the same way: one bridge, one store, kept in sync with the core. */
export function mountWindow(role: WindowRole, app: ReactNode): void {
  const store = createWallStore();
  const bridge = watchSignIn(connectBridge(role, translate), store, translate);
  syncWithCore(bridge, store, translate);
  document.title = `${i18n.t(`roles.${role}`)} · ${i18n.t('app.title')}`;
  document.body.dataset.role = role;
  const idleSeconds = idleCursorSecondsFromUrl(window.location.href);
  if (idleSeconds !== null) hideIdleCursor(idleSeconds);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <WallContext.Provider value={{ bridge, store, role }}>
        {/* The operators' queue never presents; the other wall windows show the presentation while the wall presents. */}
        <CommandLayer>{role === 'queue' || role === 'presentation' ? app : <PresentingSwitch>{app}</PresentingSwitch>}</CommandLayer>
      </WallContext.Provider>
    </StrictMode>,
  );
}
