import { initialWallState } from '../../shared/wall/wallState';
import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/contract/messages';
import type { Case } from '../../shared/domain/case';
import { planCaseUpdate } from '../../renderer/src/map/layers/caseLayer';
import { displayDatum } from '../../renderer/src/map/displayDatum';
import { createWallStore } from '../../renderer/src/state/wallStore';

const aCase = (id: number, changes: Partial<Case> = {}): Case => ({
  id,
  number: `20261126-${String(id).padStart(4, '0')}`,
  description: '测试',
  categoryCode: '20101',
  sourceId: 'street',
  status: 'reported',
  urgent: false,
  lngLat: [121.46, 31.26],
  locationApproximate: false,
  gridId: 'G01',
  workstationId: 'WS01',
  subDistrictId: 'SD01',
  address: '',
  leadDepartmentId: 'SANITATION',
  reportedAt: 1_000 + id,
  dispatchedAt: null,
  closedAt: null,
  updatedAt: 1_000 + id,
  reporter: null,
  deadlineAt: null,
  ladderAt: null,
  timeLimitMs: null,
  pausedWorkingMs: 0,
  hungAt: null,
  firstReportedBackAt: null,
  supervisionManual: 0,
  returnCount: 0,
  reworkCount: 0,
  extensionCount: 0,
  mergedInto: null,
  pendingExtension: null,
  satisfaction: null,
  assignments: [],
  ...changes,
});

const changed = (seq: number, item: Case, change: 'created' | 'updated' = 'updated'): EventMessage => ({
  event: 'case.changed',
  seq,
  payload: { change, case: item },
});

describe("a window's state", () => {
  it('applies events after its snapshot, in order, and drops cases that close', () => {
    const store = createWallStore();
    store.getState().snapshotLoaded(10, [aCase(1), aCase(2), aCase(3, { status: 'closed' })], initialWallState);
    expect([...store.getState().openCases.keys()]).toEqual([1, 2]);
    store.getState().eventReceived(changed(9, aCase(1, { urgent: true }))); // older than the snapshot: ignored
    expect(store.getState().openCases.get(1)!.urgent).toBe(false);
    store.getState().eventReceived(changed(11, aCase(4), 'created'));
    store.getState().eventReceived(changed(12, aCase(2, { status: 'closed' })));
    expect([...store.getState().openCases.keys()].sort()).toEqual([1, 4]);
    expect(store.getState().seq).toBe(12);
    expect(store.getState().recent[0]).toMatchObject({ caseId: 2, change: 'updated' });
  });

  it('is current only from its snapshot until its link changes again', () => {
    const store = createWallStore();
    store.getState().linkChanged({ kind: 'open' });
    expect(store.getState().snapshotCurrent).toBe(false);
    store.getState().snapshotLoaded(1, [aCase(1)], initialWallState);
    expect(store.getState().snapshotCurrent).toBe(true);
    store.getState().linkChanged({ kind: 'connecting' });
    store.getState().linkChanged({ kind: 'open' });
    expect(store.getState().snapshotCurrent).toBe(false);
  });

  it('asks for a fresh snapshot when an event number is skipped, instead of guessing', () => {
    const store = createWallStore();
    store.getState().snapshotLoaded(5, [aCase(1)], initialWallState);
    store.getState().eventReceived(changed(7, aCase(2), 'created'));
    expect(store.getState().needsResync).toBe(true);
    expect(store.getState().openCases.has(2)).toBe(false);
    store.getState().snapshotLoaded(7, [aCase(1), aCase(2)], initialWallState);
    expect(store.getState().needsResync).toBe(false);
    expect(store.getState().openCases.size).toBe(2);
  });

  it('follows the wall state, and reloads its cases when presentation mode switches what it may see', () => {
    const store = createWallStore();
    store.getState().snapshotLoaded(3, [aCase(1)], initialWallState);
    store.getState().eventReceived({ event: 'wall.changed', seq: 4, payload: { state: { ...initialWallState, layout: 16 } } });
    expect(store.getState()).toMatchObject({ seq: 4, needsResync: false, wall: { layout: 16 } });
    store.getState().eventReceived({ event: 'wall.changed', seq: 5, payload: { state: { ...initialWallState, layout: 16, presentation: true } } });
    expect(store.getState()).toMatchObject({ seq: 5, needsResync: true, wall: { presentation: true } });
  });
});

describe('the map layer diff', () => {
  const plain = displayDatum(null);
  const everything = () => true;

  it('adds new cases, removes closed ones and re-adds changed ones, leaving the rest alone', () => {
    const one = aCase(1);
    const two = aCase(2);
    const shown = new Map<number, string>();
    planCaseUpdate(shown, new Map([[1, one], [2, two], [3, aCase(3)]]), everything, 5_000, plain);
    const next = new Map([
      [1, { ...one, updatedAt: 9_999 }],
      [2, { ...two, urgent: true }],
      [4, aCase(4)],
      [5, aCase(5, { lngLat: null })],
    ]);
    const diff = planCaseUpdate(shown, next, everything, 5_000, plain);
    // Case 1 changed in nothing the map draws: it is not sent again.
    expect(diff.remove.sort()).toEqual([2, 3]);
    expect(diff.add.map((feature) => [feature.id, feature.properties?.urgent])).toEqual([
      [2, 1],
      [4, 0],
    ]);
    expect(planCaseUpdate(shown, next, everything, 5_000, plain)).toEqual({ add: [], remove: [] });
  });

  it('follows the filter and the clock: a case leaves with the filter, and turns red when its deadline passes', () => {
    const running = aCase(7, { status: 'dispatched', deadlineAt: 10_000, ladderAt: [6_000, 8_000] });
    const cases = new Map([[7, running], [8, aCase(8, { categoryCode: '20401' })]]);
    const shown = new Map<number, string>();
    expect(planCaseUpdate(shown, cases, everything, 5_000, plain).add.map((feature) => [feature.id, feature.properties?.deadline])).toEqual([
      [7, 'normal'],
      [8, 'normal'],
    ]);
    expect(planCaseUpdate(shown, cases, everything, 9_000, plain).add.map((feature) => feature.properties?.deadline)).toEqual(['dueSoon']);
    expect(planCaseUpdate(shown, cases, everything, 11_000, plain).add.map((feature) => feature.properties?.deadline)).toEqual(['overdue']);
    expect(planCaseUpdate(shown, cases, (item) => item.categoryCode.startsWith('204'), 11_000, plain)).toEqual({ add: [], remove: [7] });
  });
});
