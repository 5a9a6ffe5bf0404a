import type { CaseAction } from '../../../shared/domain/lifecycle';

/**
 * One letter per lifecycle action, shown on its button. (The configurable
 * keymap of the command bar builds on these defaults.)
 */
export const actionKeys: Record<CaseAction, string> = {
  verify: 'V',
  register: 'R',
  dispatch: 'D',
  startHandling: 'S',
  reportBack: 'B',
  close: 'C',
  rework: 'W',
  returnCase: 'T',
  requestExtension: 'E',
  approveExtension: 'A',
  refuseExtension: 'F',
  hang: 'H',
  resume: 'Y',
  reopen: 'O',
  void: 'X',
  merge: 'M',
  addHelpers: 'J',
  recordHelperProgress: 'P',
  supervise: 'U',
};

export function actionForKey(key: string): CaseAction | undefined {
  const upper = key.toUpperCase();
  return (Object.entries(actionKeys) as [CaseAction, string][]).find(([, letter]) => letter === upper)?.[0];
}
