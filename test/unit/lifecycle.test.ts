import { describe, expect, it } from 'vitest';
import { caseStatuses } from '../../shared/domain/case';
import { actionRules, allowedActions, caseActions, checkTransition } from '../../shared/domain/lifecycle';

describe('the case lifecycle rules', () => {
  it('walks the standard workflow from report to closure', () => {
    const path = [
      ['reported', 'verify', 'verifying'],
      ['verifying', 'register', 'registered'],
      ['registered', 'dispatch', 'dispatched'],
      ['dispatched', 'startHandling', 'inProgress'],
      ['inProgress', 'reportBack', 'reportedBack'],
      ['reportedBack', 'close', 'closed'],
    ] as const;
    for (const [from, action, to] of path) expect(checkTransition(from, action, 'operator', null)).toEqual({ ok: true, to });
  });

  it('refuses an illegal move, naming the status and what is possible instead', () => {
    const refused = checkTransition('reported', 'close', 'operator', null);
    expect(refused).toEqual({
      ok: false,
      refusal: { kind: 'notAllowedInStatus', status: 'reported', action: 'close', allowed: ['verify', 'register', 'merge', 'supervise'] },
    });
  });

  it('keeps approvals for the director and asks for reasons where the workflow needs one', () => {
    expect(checkTransition('inProgress', 'hang', 'operator', 'long-term')).toMatchObject({ ok: false, refusal: { kind: 'directorOnly' } });
    expect(checkTransition('inProgress', 'hang', 'director', '  ')).toMatchObject({ ok: false, refusal: { kind: 'reasonRequired' } });
    expect(checkTransition('inProgress', 'hang', 'director', '需区里统一整治')).toEqual({ ok: true, to: 'hung' });
    expect(checkTransition('dispatched', 'returnCase', 'operator', '')).toMatchObject({ ok: false, refusal: { kind: 'reasonRequired' } });
    expect(allowedActions('registered', 'operator')).not.toContain('void');
    expect(allowedActions('registered', 'director')).toContain('void');
  });

  it('sends returned cases back for re-dispatch and failed verification back to handling', () => {
    expect(checkTransition('inProgress', 'returnCase', 'operator', '非本单位职责')).toEqual({ ok: true, to: 'registered' });
    expect(checkTransition('reportedBack', 'rework', 'operator', '现场仍有垃圾')).toEqual({ ok: true, to: 'inProgress' });
    expect(checkTransition('closed', 'reopen', 'operator', '问题复发')).toEqual({ ok: true, to: 'registered' });
  });

  it('lets nothing out of a merged case, and every action from at least one status', () => {
    for (const role of ['operator', 'director'] as const) expect(allowedActions('merged', role)).toEqual([]);
    for (const action of caseActions) expect(actionRules[action].from.length).toBeGreaterThan(0);
    for (const status of caseStatuses) for (const action of allowedActions(status, 'director')) expect(actionRules[action].from).toContain(status);
  });
});
