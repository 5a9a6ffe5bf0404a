import { useTranslation } from 'react-i18next';
import { actionScope, isGlobalAction, keyLabel, type Binding, type HotkeyAction } from '../../../shared/commands/keymap';
import { localName } from '../../../shared/domain/names';
import type { Department } from '../../../shared/domain/organisation';
import type { WallState } from '../state/wallStore';
import { i18n } from './i18n';
import { useWallState } from './WallContext';

const selectKeymap = (state: WallState) => state.keymap;
const noDepartments: readonly Department[] = [];
const selectDepartments = (state: WallState) => state.reference?.departments ?? noDepartments;
const selectRole = (state: WallState) => state.session?.role;

/** Every hotkey of this window on one screen, grouped; what a keymap file got wrong, on top. */
export function HotkeyOverlay({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const keymap = useWallState(selectKeymap);
  const departments = useWallState(selectDepartments);
  const role = useWallState(selectRole);
  if (!keymap) return null;

  const label = (action: HotkeyAction) => {
    const [group, detail] = action.split('.') as [string, string | undefined];
    if (group === 'dispatch') {
      const department = departments.find((item) => item.kind === 'linked' && item.order === Number(detail));
      return t('hotkeys.actions.dispatch', { department: department ? localName(department.shortName, i18n.language === 'en' ? 'en' : 'zh-CN') : detail });
    }
    if (group === 'act') return t(`actions.${detail}`);
    return t(`hotkeys.actions.${action}`);
  };
  const keysOf = (action: HotkeyAction) => keymap.bindings.filter((binding: Binding) => binding.action === action).map((binding) => binding.key);
  const actions = [...new Set(keymap.bindings.map((binding) => binding.action))];
  const groups = [
    { title: t('hotkeys.global'), actions: actions.filter(isGlobalAction) },
    ...(role === 'queue' ? [{ title: t('hotkeys.queue'), actions: actions.filter((action) => actionScope(action) === 'queue') }] : []),
    ...(role === 'map' ? [{ title: t('hotkeys.map'), actions: actions.filter((action) => actionScope(action) === 'map') }] : []),
  ];

  return (
    <div className="command-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <section className="hotkey-overlay" role="dialog" aria-label={t('hotkeys.title')} data-testid="hotkey-overlay">
        <header>
          <h2>{t('hotkeys.title')}</h2>
          <span className="muted">{t('hotkeys.close')}</span>
        </header>
        {keymap.problems.length > 0 && (
          <div className="form-error" role="alert">
            <p>{t('hotkeys.fileRefused')}</p>
            <ul>
              {keymap.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="hotkey-groups">
          {groups.map((group) => (
            <section key={group.title}>
              <h3>{group.title}</h3>
              <dl>
                {group.actions.map((action) => (
                  <div key={action} className="hotkey-row">
                    <dt>
                      {keysOf(action).map((key) => (
                        <kbd key={key}>{keyLabel(key)}</kbd>
                      ))}
                    </dt>
                    <dd>{label(action)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </section>
    </div>
  );
}
