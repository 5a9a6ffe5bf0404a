import { describe, expect, it } from 'vitest';
import { emptyParse, type Parse } from '../../shared/commands/parseResult';
import { recentSerialDays, resolveCaseRefs, type CaseLookup } from '../../shared/commands/resolveCase';

/**
 * A serial ("0017", "35号") is resolved against the room's day, Asia/Shanghai:
 * today's case first, then the one recent day that has it; several recent
 * candidates are listed and refused, none is refused — never the selected case.
 */

/** 6 Dec 2026, 00:30 in Shanghai (16:30 UTC the day before): the room's day is the 6th, the machine's UTC day the 5th. */
const justAfterMidnight = Date.UTC(2026, 11, 5, 16, 30);
const lookup = (numbers: string[], now = justAfterMidnight): CaseLookup => ({
  now,
  find: (number) => (numbers.includes(number) ? { summary: `光复路${number.slice(-2)}号 乱设摊` } : null),
});
const dispatchSerial = (serial: number, text = String(serial)): Parse => ({
  ...emptyParse(`派 ${text} 交警`),
  kind: 'dispatch',
  caseRef: { kind: 'serial', serial, text },
  departments: [{ id: 'TRAFFIC', name: '交警中队', text: '交警', matchedBy: 'shortName' }],
});

describe('resolving a serial', () => {
  it("takes today's case, today being the room's day, not the machine's", () => {
    const parse = resolveCaseRefs(dispatchSerial(17, '0017'), lookup(['20261206-0017', '20261205-0017']));
    expect(parse.caseRef).toEqual({ kind: 'number', number: '20261206-0017', serial: 17, today: true });
    expect(parse.error).toBeNull();
  });

  it('takes the one recent day that has it, and says it is not today', () => {
    const parse = resolveCaseRefs(dispatchSerial(35), lookup(['20261203-0035']));
    expect(parse.caseRef).toEqual({ kind: 'number', number: '20261203-0035', serial: 35, today: false });
    expect(parse.error).toBeNull();
  });

  it('lists the candidates and refuses when several recent days have it', () => {
    const parse = resolveCaseRefs(dispatchSerial(35, '35号'), lookup(['20261205-0035', '20261201-0035']));
    expect(parse.caseRef).toEqual({ kind: 'serial', serial: 35, text: '35号' });
    expect(parse.error).toEqual({ code: 'ambiguous' });
    expect(parse.ambiguities).toEqual([
      {
        field: 'case',
        text: '35号',
        candidates: [
          { id: '20261205-0035', name: '20261205-0035 光复路35号 乱设摊', why: 'serial' },
          { id: '20261201-0035', name: '20261201-0035 光复路35号 乱设摊', why: 'serial' },
        ],
        chosen: null,
      },
    ]);
  });

  it(`refuses a serial that is neither today's nor in the last ${recentSerialDays} days`, () => {
    const tooOld = resolveCaseRefs(dispatchSerial(1042), lookup([`20261128-1042`]));
    expect(tooOld.error).toEqual({ code: 'serialNotFound', detail: '1042' });
    expect(tooOld.caseRef).toEqual({ kind: 'serial', serial: 1042, text: '1042' });
    expect(resolveCaseRefs(dispatchSerial(1042), lookup(['20261129-1042'])).caseRef).toMatchObject({ number: '20261129-1042' });
  });

  it('resolves both cases of a merge, and leaves full numbers and the selected case alone', () => {
    const merge: Parse = { ...emptyParse('合并 17 到 12'), kind: 'merge', caseRef: { kind: 'serial', serial: 17, text: '17' }, targetCaseRef: { kind: 'serial', serial: 12, text: '12' } };
    const parse = resolveCaseRefs(merge, lookup(['20261206-0017', '20261206-0012']));
    expect([parse.caseRef, parse.targetCaseRef]).toMatchObject([{ number: '20261206-0017' }, { number: '20261206-0012' }]);
    const named: Parse = { ...emptyParse('结案 this'), kind: 'close', caseRef: { kind: 'selected' } };
    expect(resolveCaseRefs(named, lookup([]))).toBe(named);
  });

  it("keeps the parser's own objection about which cases were named", () => {
    const twoCases: Parse = { ...dispatchSerial(17), error: { code: 'tooManyCases', detail: '18' } };
    expect(resolveCaseRefs(twoCases, lookup([])).error).toEqual({ code: 'tooManyCases', detail: '18' });
  });
});
