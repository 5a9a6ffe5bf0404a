import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxVideoWindows, wallWindows, type DisplayInfo, type WallProfile, type WallWindowKey } from '../../../shared/wall/profile';
import { assignToNumber, assignWindow, canSave, setMode, setPresentation, setupLayout, setVideoWindows, stepWindow } from '../../../shared/wall/setup';
import type { WallSetupApi, WallSetupSnapshot } from '../../../shared/wall/shellApi';
import { DisplayMap } from './DisplayMap';
import { windowName } from './windowNames';
import { WindowTable } from './WindowTable';

type Notice = { text: string; tone: 'done' | 'alert' } | null;

/**
 * The wall setup view (Electron only, opened on the first start or with
 * Ctrl+Shift+F12): the displays as they stand, each window dragged onto
 * one or placed by keyboard, saved for this PC. Every rule is in
 * shared/wall/setup.ts; this only draws and forwards.
 */
export function SetupWindow({ api }: { api: WallSetupApi | null }) {
  const { t } = useTranslation();
  const [snapshot, setSnapshot] = useState<WallSetupSnapshot | null>(null);
  const [profile, setProfile] = useState<WallProfile | null>(null);
  const [displays, setDisplays] = useState<DisplayInfo[]>([]);
  const [picked, setPicked] = useState<WallWindowKey | null>(null);
  const [identifying, setIdentifying] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!api) return;
    api.load().then(
      (loaded) => {
        setSnapshot(loaded);
        setProfile(loaded.profile);
        setDisplays(loaded.displays);
      },
      (error: unknown) => setNotice({ text: t('wallSetup.loadFailed', { message: error instanceof Error ? error.message : String(error) }), tone: 'alert' }),
    );
    return api.onDisplaysChanged(setDisplays);
  }, [api, t]);

  const change = useCallback((next: WallProfile) => {
    setProfile(next);
    setNotice(null);
  }, []);

  const onWindowKey = useCallback(
    (key: WallWindowKey, event: React.KeyboardEvent | KeyboardEvent) => {
      if (!profile) return;
      if (/^[1-9]$/.test(event.key)) change(assignToNumber(profile, key, displays, Number(event.key)));
      else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') change(stepWindow(profile, key, displays, event.key === 'ArrowRight' ? 1 : -1));
      else if (event.key === 'Escape' && picked) setPicked(null);
      else return;
      event.preventDefault();
    },
    [profile, displays, picked, change],
  );

  // A picked window follows the number keys wherever the focus is.
  useEffect(() => {
    if (!picked) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLElement && event.target.closest('.window-chip, select, input')) return;
      onWindowKey(picked, event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [picked, onWindowKey]);

  if (!api) return <main className="setup"><p className="setup-notice setup-notice-alert">{t('wallSetup.notInShell')}</p></main>;
  if (!snapshot || !profile) return <main className="setup">{notice && <p className="setup-notice setup-notice-alert">{notice.text}</p>}</main>;

  const layout = setupLayout(profile, displays);
  const tiles = snapshot.tilesPerVideoWindow;
  const save = async () => {
    const missing = wallWindows(profile).find((key) => !profile.assignments[key]);
    if (!canSave(profile) && missing) return setNotice({ text: t('wallSetup.cannotSave', { window: windowName(t, missing, tiles) }), tone: 'alert' });
    setSaving(true);
    try {
      const result = await api.save(profile);
      setNotice(result.ok ? { text: t(result.restarting ? 'wallSetup.restarting' : 'wallSetup.saved'), tone: 'done' } : { text: result.message, tone: 'alert' });
    } catch (error) {
      setNotice({ text: error instanceof Error ? error.message : String(error), tone: 'alert' });
    } finally {
      setSaving(false);
    }
  };
  const toggleIdentify = () => {
    api.identify(!identifying);
    setIdentifying(!identifying);
  };

  return (
    <main className="setup" data-testid="wall-setup">
      <header className="setup-header">
        <h1>{t('wallSetup.title')}</h1>
        <p className="setup-intro">{t('wallSetup.intro')}</p>
        {snapshot.firstStart && <p className="setup-first">{t('wallSetup.firstStart')}</p>}
      </header>
      <div className="setup-body">
        <div className="setup-wall">
          <DisplayMap
            displays={displays}
            layout={layout}
            tiles={tiles}
            picked={picked}
            onPick={setPicked}
            onDrop={(key, display) => {
              change(assignWindow(profile, key, display));
              setPicked(null);
            }}
            onWindowKey={onWindowKey}
          />
          {picked && (
            <p className="setup-picked" role="status">
              {t('wallSetup.picked', { window: windowName(t, picked, tiles), count: Math.min(9, displays.length) })}
            </p>
          )}
          <ElsewhereList title={t('wallSetup.waiting')} keys={layout.waiting} tiles={tiles} testId="waiting" />
          <ElsewhereList title={t('wallSetup.unassigned')} keys={layout.unassigned} tiles={tiles} testId="unassigned" />
        </div>
        <SetupOptions profile={profile} displays={displays} tiles={tiles} change={change} />
      </div>
      <footer className="setup-footer">
        {notice && (
          <p className={`setup-notice setup-notice-${notice.tone}`} role={notice.tone === 'alert' ? 'alert' : 'status'} data-testid="setup-notice">
            {notice.text}
          </p>
        )}
        <button type="button" className="button" aria-pressed={identifying} onClick={toggleIdentify}>
          {t('wallSetup.identify')}
        </button>
        <button type="button" className="button" onClick={() => change(snapshot.proposal)}>
          {t('wallSetup.reset')}
        </button>
        <button type="button" className="button button-primary" disabled={saving} onClick={() => void save()}>
          {t('wallSetup.save')}
        </button>
        <button type="button" className="button" onClick={() => api.close()}>
          {t('wallSetup.close')}
        </button>
      </footer>
    </main>
  );
}

/** Beside the map: every window as form fields, the number of video windows, the visitors' screen. */
function SetupOptions({ profile, displays, tiles, change }: { profile: WallProfile; displays: DisplayInfo[]; tiles: number; change(next: WallProfile): void }) {
  const { t } = useTranslation();
  return (
    <aside className="setup-side">
      <h2>{t('wallSetup.windowsTitle')}</h2>
      <WindowTable profile={profile} displays={displays} tiles={tiles} onDisplay={(key, display) => change(assignWindow(profile, key, display))} onMode={(key, mode) => change(setMode(profile, key, mode))} />
      <div className="setup-counter">
        <span>{t('wallSetup.videoWindows')}</span>
        <button type="button" className="button" aria-label={t('wallSetup.removeVideo')} disabled={profile.videoWindows <= 1} onClick={() => change(setVideoWindows(profile, profile.videoWindows - 1, displays))}>
          −
        </button>
        <output data-testid="video-windows">{profile.videoWindows}</output>
        <button type="button" className="button" aria-label={t('wallSetup.addVideo')} disabled={profile.videoWindows >= maxVideoWindows} onClick={() => change(setVideoWindows(profile, profile.videoWindows + 1, displays))}>
          +
        </button>
      </div>
      <label className="setup-check">
        <input type="checkbox" checked={profile.presentation} onChange={(event) => change(setPresentation(profile, event.target.checked, displays))} />
        {t('wallSetup.presentation')}
      </label>
    </aside>
  );
}

function ElsewhereList({ title, keys, tiles, testId }: { title: string; keys: WallWindowKey[]; tiles: number; testId: string }) {
  const { t } = useTranslation();
  if (keys.length === 0) return null;
  return (
    <section className="setup-elsewhere" data-testid={testId}>
      <h2>{title}</h2>
      <ul>
        {keys.map((key) => (
          <li key={key}>{windowName(t, key, tiles)}</li>
        ))}
      </ul>
    </section>
  );
}
