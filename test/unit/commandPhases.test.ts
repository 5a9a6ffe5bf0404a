import { beforeAll, describe, expect, it } from 'vitest';
import { junctionOf, nearOn } from '../../shared/commands/crossing';
import { readCaseRefs, readStandingNumbers } from '../../shared/commands/phases/caseRefs';
import { firstProblem, kindOf } from '../../shared/commands/phases/classify';
import { readCount } from '../../shared/commands/phases/count';
import { readFields } from '../../shared/commands/phases/fields';
import { leftoverWords } from '../../shared/commands/phases/leftovers';
import { readLocation } from '../../shared/commands/phases/location';
import { readModifiers, readUrgency } from '../../shared/commands/phases/modifiers';
import { readDepartments, scanNames } from '../../shared/commands/phases/names';
import { readCombinations } from '../../shared/commands/phases/problems';
import type { ParserContext, Reading } from '../../shared/commands/phases/reading';
import { readVerb } from '../../shared/commands/phases/verb';
import { readWallArguments } from '../../shared/commands/phases/wall';
import { emptyParse } from '../../shared/commands/parseResult';
import { SpanTracker } from '../../shared/commands/spans';
import { demoParserContext } from '../support/demoParser';

/** Each phase of the parser, alone: what it reads from a line and which words it takes. */

let context: ParserContext;
beforeAll(() => {
  context = demoParserContext();
});
const reading = (text: string): Reading => ({ text, spans: new SpanTracker(text), context, locale: 'zh-CN' });
const noFields = { departments: [], categories: [], reason: null, reasonAt: null };
/** The characters a phase took, as the text with the rest blanked out. */
const takenText = (line: Reading) => Array.from(line.text, (character, index) => (line.spans.isTaken(index) ? character : '·')).join('');

describe('the span tracker', () => {
  it('takes spans, says what is free, and gives back the words nobody took', () => {
    const spans = new SpanTracker('派 1042 城管 速去');
    spans.take({ start: 0, end: 1 });
    spans.take({ start: 2, end: 6 });
    expect(spans.isFree({ start: 7, end: 9 })).toBe(true);
    expect(spans.isFree({ start: 5, end: 8 })).toBe(false);
    expect(spans.freeText()).toBe('城管 速去');
    expect(spans.gapText(6, 10)).toBe('城管');
    expect([...spans.freeMatches(/\S+/g)].map((match) => match[0])).toEqual(['城管', '速去']);
  });
});

describe('verb', () => {
  it.each([
    ['派城管', 'dispatch', '派······'],
    ['督办 this 2级', 'supervise', '督办··········'],
    ['35号督办一下', 'supervise', '35号督办··'],
    ['把0017派给交警', 'dispatch', '把0017派给··'],
    ['11号屏 光复路', 'screen', '11号屏····'],
    ['pd 0017 jj', 'dispatch', 'pd········'],
  ])('%s → %s', (text, kind, taken) => {
    const line = reading(text);
    expect(readVerb(line).kind).toBe(kind);
    expect(takenText(line).slice(0, taken.length)).toBe(taken.slice(0, text.length));
  });

  it('is not the start of a name ("派出所去看看") nor a case verb after a number ("3个摊头")', () => {
    expect(readVerb(reading('派出所去看看')).kind).toBeNull();
    expect(readVerb(reading('3个摊头')).kind).toBeNull();
  });
});

describe('case references', () => {
  it('reads the number in the case place as a serial, and takes it so nothing reads it as a count', () => {
    const line = reading('派 1042 cg');
    expect(readCaseRefs(line, readVerb(line))).toEqual([{ ref: { kind: 'serial', serial: 1042, text: '1042' }, at: 2, end: 6 }]);
    expect(readCount(line, new Set())).toBeNull();
  });

  it('reads full numbers and marked serials anywhere, and a merge target after "到"', () => {
    const line = reading('合并 案件17 到 20261127-0003');
    expect(readCaseRefs(line, readVerb(line)).map((item) => item.ref)).toEqual([
      { kind: 'serial', serial: 17, text: '案件17' },
      { kind: 'number', number: '20261127-0003' },
    ]);
  });

  it('leaves a counted number alone, and reads a number standing alone only late and only for a case verb', () => {
    const counted = reading('派 3个 城管');
    expect(readCaseRefs(counted, readVerb(counted))).toEqual([]);
    const late = reading('派交警 35号');
    readCaseRefs(late, readVerb(late));
    expect(readStandingNumbers(late, 'dispatch').map((item) => item.ref)).toEqual([{ kind: 'serial', serial: 35, text: '35号' }]);
    expect(readStandingNumbers(reading('光复路 35号'), 'newCase')).toEqual([]);
  });
});

describe('fields, wall arguments and modifiers', () => {
  it('takes field identifiers and whole department and category values; a reason runs to the end', () => {
    const line = reading('派 this to:城管,交警 reason: 地址错误');
    expect(readFields(line)).toEqual({ departments: ['城管', '交警'], categories: [], reason: '地址错误', reasonAt: 15 });
  });

  it('adds a field said twice to the first, so no value it took is dropped', () => {
    expect(readFields(reading('派 this to:城管 to:交警 to:'))).toMatchObject({ departments: ['城管', '交警'] });
    expect(readFields(reading('新案 cat:20101 cat:'))).toMatchObject({ categories: ['20101'] });
  });

  it('reads a layout, a module and a screen mention', () => {
    const layout = reading('layout 4x4');
    expect(readWallArguments(layout, readVerb(layout))).toMatchObject({ kind: 'layout', layout: 16 });
    const module = reading('切换九宫格');
    expect(readWallArguments(module, readVerb(module))).toMatchObject({ kind: 'layout', layout: 9 });
    const mention = reading('04:19 屏11 两个摊头');
    expect(readWallArguments(mention, readVerb(mention))).toMatchObject({ kind: null, screen: 11 });
  });

  it('reads a supervision level, times, durations and service numbers, and urgency only outside names', () => {
    const line = reading('督办 this 2级 04:19 停了三天 打12345 危险房屋 马上');
    expect(readModifiers(line, 'supervise')).toEqual({ level: 2 });
    scanNames(line);
    expect(readUrgency(line)).toBe(true);
    expect(takenText(line)).toBe('········2级·04:19···三天·打12345·危险房屋·马上');
  });
});

describe('names and combinations', () => {
  it('reads a department said as its people, and never guesses between two', () => {
    const line = reading('城管队员和中队去');
    const departments = readDepartments(line, scanNames(line), noFields);
    expect(departments.departments.map((item) => [item.id, item.text])).toEqual([['CITYMGMT', '城管队员']]);
    expect(departments.ambiguities).toEqual([]);
    const alone = reading('中队去');
    expect(readDepartments(alone, scanNames(alone), noFields).ambiguities[0]).toMatchObject({ chosen: null });
  });

  it('reads words said together in a clause, never a word inside a longer one', () => {
    const parked = reading('小区门口停了一辆货车');
    expect(readCombinations(parked, scanNames(parked)).combinations).toMatchObject([{ codes: ['20404'], text: '停了…货车' }]);
    const taxi = reading('黑车停在站口');
    expect(readCombinations(taxi, scanNames(taxi)).combinations).toEqual([]);
    const full = reading('垃圾桶全都满出来了');
    const names = scanNames(full);
    const read = readCombinations(full, names);
    expect(read.combinations).toMatchObject([{ codes: ['20107'] }]);
    expect([...read.absorbed].map((hit) => hit.found.text)).toEqual(['垃圾']);
  });
});

describe('location', () => {
  const locate = (text: string) => {
    const line = reading(text);
    return readLocation(line, scanNames(line));
  };

  it('reads an intersection at the point where the roads cross', () => {
    const { location } = locate('中山北路共和新路口');
    expect(location).toMatchObject({ road: { id: 'R03' }, crossRoad: { id: 'R01' }, crossing: 'junction', text: '中山北路共和新路口' });
    expect(location!.lngLat).not.toBeNull();
    expect(location!.gridId).toMatch(/^G\d\d$/);
  });

  it('keeps a house number and the landmark beside it, a lane and its building, and a sub-district around them', () => {
    expect(locate('共和新路1200号某某中学门口').location).toMatchObject({ houseNumber: 1200, landmark: '某某中学', text: '共和新路1200号某某中学' });
    expect(locate('临汾路375弄12号').location).toMatchObject({ road: { id: 'R17' }, lane: 375, building: 12, houseNumber: null });
    expect(locate('彭浦新村街道有个小区').location).toMatchObject({ subDistrict: { id: 'SD07' }, landmark: '小区', lngLat: null });
  });

  it('reports a house number the road does not have, and shows a second address instead of dropping it', () => {
    expect(locate('天目西路500号').unknown).toEqual(['500号']);
    const two = locate('光复路200号摊头，康乐路小学也有');
    expect(two.location).toMatchObject({ road: { id: 'R06' }, houseNumber: 200 });
    expect(two.ambiguities).toMatchObject([{ field: 'location', chosen: 'R06', candidates: [{ id: 'R06' }, { id: 'P016' }] }]);
  });
});

describe('classification and leftovers', () => {
  it('opens a new case when a dispatch describes an incident and names no case', () => {
    expect(kindOf('dispatch', { category: true, location: true, caseNamed: false })).toBe('newCase');
    expect(kindOf('dispatch', { category: true, location: true, caseNamed: true })).toBe('dispatch');
    expect(kindOf(null, { category: false, location: false, caseNamed: false })).toBeNull();
  });

  it('refuses more cases than the command takes, a case without a verb, and a number left over', () => {
    const dispatch = { ...emptyParse('派'), kind: 'dispatch' as const, departments: [{ id: 'TRAFFIC', name: '交警中队', text: '交警', matchedBy: 'shortName' as const }] };
    const ref = (serial: number, at: number) => ({ ref: { kind: 'serial' as const, serial, text: String(serial) }, at, end: at + 2 });
    expect(firstProblem(dispatch, [ref(17, 2), ref(18, 5)], 'dispatch')).toEqual({ code: 'tooManyCases', detail: '18' });
    expect(firstProblem({ ...dispatch, kind: null }, [ref(17, 0)], null)).toEqual({ code: 'missingVerb', detail: '17' });
    expect(firstProblem({ ...dispatch, unknownWords: ['1042'] }, [], 'dispatch')).toEqual({ code: 'strayNumber', detail: '1042' });
  });

  it('reports numbers nobody took, and drops only the words that join a sentence', () => {
    const spans = new SpanTracker('派 交警 去 1042 煎饼');
    spans.take({ start: 0, end: 1 });
    spans.take({ start: 2, end: 4 });
    expect(leftoverWords(spans)).toEqual(['1042', '煎饼']);
  });
});

describe('where two roads meet', () => {
  it('is where their lines cross, or where they nearly touch; "near" is the nearest point within a kilometre', () => {
    expect(junctionOf([[121.40, 31.20], [121.42, 31.20]], [[121.41, 31.19], [121.41, 31.21]])).toEqual([121.41, 31.2]);
    expect(junctionOf([[121.40, 31.20], [121.41, 31.20]], [[121.4105, 31.19], [121.4105, 31.21]])).not.toBeNull();
    expect(junctionOf([[121.40, 31.20], [121.41, 31.20]], [[121.45, 31.19], [121.45, 31.21]])).toBeNull();
    expect(nearOn([[121.40, 31.20], [121.41, 31.20]], [[121.415, 31.19], [121.415, 31.21]])).toEqual([121.41, 31.2]);
    expect(nearOn([[121.40, 31.20], [121.41, 31.20]], [[121.50, 31.19], [121.50, 31.21]])).toBeNull();
  });
});
