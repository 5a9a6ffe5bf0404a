import { readFileSync } from 'node:fs';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandKinds, verbs } from '../../shared/commands/grammar';
import { parseCommand, type Parse, type ParserContext } from '../../shared/commands/parser';
import { readBack } from '../../shared/commands/readBack';
import type { MatchReason } from '../../shared/commands/vocabulary';
import type { Locale } from '../../shared/domain/names';
import { createI18n } from '../../shared/i18n';
import { demoParserContext, roomParserContext } from '../support/demoParser';

/**
 * The command language against the way the room talks: test/corpus/commands.json
 * holds every phrasing and everything its parse should be (its "about" says how
 * a row is read). A field left out of a row is expected empty, so a row fails
 * when the parser finds too much as well as too little.
 */

const errorCodes = ['empty', 'tooLong', 'unrecognised', 'missingDepartment', 'missingReason', 'missingTarget', 'missingCategory', 'missingScreen', 'missingCamera', 'badLayout', 'missingModule', 'ambiguous', 'strayNumber', 'tooManyCases', 'missingVerb', 'serialNotFound'] as const;
const RowSchema = z
  .object({
    in: z.string(),
    kind: z.enum(commandKinds).nullable(),
    ref: z.string().optional(),
    into: z.string().optional(),
    deps: z.array(z.string()).optional(),
    by: z.array(z.enum(['name', 'shortName', 'alias', 'word', 'pinyin', 'initials', 'fuzzy'])).optional(),
    cat: z.string().optional(),
    at: z.string().optional(),
    count: z.number().optional(),
    urgent: z.union([z.literal(true), z.literal('category')]).optional(),
    error: z.enum(errorCodes).optional(),
    unknown: z.array(z.string()).optional(),
    candidates: z.array(z.string()).optional(),
    reason: z.string().optional(),
    level: z.number().optional(),
    screen: z.number().optional(),
    layout: z.number().optional(),
    module: z.enum(['timeSlot', 'keyFocus', 'emergency']).optional(),
    presentation: z.boolean().optional(),
  })
  .strict();
const CorpusSchema = z.object({ about: z.string(), sections: z.array(z.object({ title: z.string(), locale: z.enum(['zh-CN', 'en']), rows: z.array(RowSchema) }).strict()) });
type Row = z.infer<typeof RowSchema>;

const corpusFile = CorpusSchema.parse(JSON.parse(readFileSync(new URL('../corpus/commands.json', import.meta.url), 'utf8')));
const corpus = corpusFile.sections.flatMap((section) => section.rows.map((row) => ({ row, locale: section.locale as Locale, section: section.title })));

let context: ParserContext;
let zh: TFunction;
let en: TFunction;

beforeAll(() => {
  context = demoParserContext();
  zh = createI18n('zh-CN').t;
  en = createI18n('en').t;
});

function caseRefText(ref: Parse['caseRef']): string | undefined {
  if (ref === null) return undefined;
  return ref.kind === 'selected' ? 'this' : ref.kind === 'serial' ? `#${ref.serial}` : ref.number;
}

/**
 * A place as one short string: road "R06" with "#200" (house), "~375" (lane),
 * "&R01" (junction) or "@R03" (near); place "P001" with "x2" (exit); "+某某中学"
 * a landmark; "b3" a building; "SD07" a sub-district; "G01" a grid said by name.
 */
function placeText(location: Parse['location']): string | undefined {
  if (location === null) return undefined;
  const parts: string[] = [];
  if (location.road) {
    const cross = location.crossRoad ? `${location.crossing === 'near' ? '@' : '&'}${location.crossRoad.id}` : '';
    parts.push(`${location.road.id}${location.houseNumber === null ? '' : `#${location.houseNumber}`}${location.lane === null ? '' : `~${location.lane}`}${cross}`);
  }
  if (location.place) parts.push(`${location.place.id}${location.exit === null ? '' : `x${location.exit}`}`);
  if (location.landmark) parts.push(`+${location.landmark}`);
  if (location.building !== null) parts.push(`b${location.building}`);
  if (location.subDistrict) parts.push(location.subDistrict.id);
  if (!location.road && !location.place && location.gridId) parts.push(location.gridId);
  return parts.join(' ') || '?';
}

describe('command corpus', () => {
  it('has at least 300 phrasings, Chinese first, and at least 40 that must be refused or asked back', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(corpus.filter((item) => item.locale === 'zh-CN').length).toBeGreaterThan(corpus.filter((item) => item.locale === 'en').length);
    expect(corpus.filter((item) => item.row.error).length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((item) => item.row.in)).size).toBe(corpus.length);
  });

  it('names every department by full name, short name, alias, pinyin, initials and with a typo', () => {
    const seen = new Map<string, Set<MatchReason>>();
    for (const { row, locale } of corpus) {
      for (const department of parseCommand(row.in, context, locale).departments) {
        seen.set(department.id, (seen.get(department.id) ?? new Set()).add(department.matchedBy));
      }
    }
    expect([...seen.keys()].sort()).toEqual(['CITYMGMT', 'FOOD', 'GREENING', 'HOUSING', 'MARKET', 'POLICE', 'SANITATION', 'SUB', 'TRAFFIC']);
    for (const [id, ways] of seen) {
      // Some short names are the full name (派出所, 房办): one of the two is enough for those.
      expect(ways.has('name') || ways.has('shortName'), id).toBe(true);
      expect(ways.has('alias'), id).toBe(true);
      expect(ways.has('fuzzy'), id).toBe(true);
      expect(ways.has('pinyin') || ways.has('initials'), id).toBe(true);
    }
  });

  it.each(corpus)('$row.in', ({ row, locale }) => checkRow(row, parseCommand(row.in, context, locale)));
});

function checkRow(row: Row, parse: Parse) {
  expect(parse.kind).toBe(row.kind);
  expect(parse.error?.code ?? null).toBe(row.error ?? null);
  if (parse.error === null) expect(parse.kind).not.toBeNull();
  expect(caseRefText(parse.caseRef)).toBe(row.ref);
  expect(caseRefText(parse.targetCaseRef)).toBe(row.into);
  expect(parse.departments.map((department) => department.id)).toEqual(row.deps ?? []);
  if (row.by) expect(parse.departments.map((department) => department.matchedBy)).toEqual(row.by);
  expect(parse.category?.code).toBe(row.cat);
  expect(placeText(parse.location)).toBe(row.at);
  if (parse.location && (parse.location.houseNumber !== null || parse.location.lane !== null || parse.location.place || /^G/.test(row.at ?? ''))) {
    // Located to a point (or named as a grid): the grid is known.
    expect(parse.location.gridId).toMatch(/^G\d\d$/);
  }
  expect(parse.count).toBe(row.count ?? null);
  expect(parse.urgency).toBe(row.urgent ? 'urgent' : 'normal');
  expect(parse.urgencyFrom).toBe(row.urgent === 'category' ? 'category' : row.urgent ? 'words' : null);
  expect(parse.unknownWords).toEqual(row.unknown ?? []);
  if (row.candidates) expect(parse.ambiguities.flatMap((item) => item.candidates.map((candidate) => candidate.id))).toEqual(row.candidates);
  else expect(parse.ambiguities).toEqual([]);
  if (row.error === 'ambiguous') expect(parse.ambiguities.some((item) => item.chosen === null)).toBe(true);
  expect(parse.reason).toBe(row.reason ?? null);
  expect(parse.level).toBe(row.level ?? null);
  expect(parse.screen).toBe(row.screen ?? null);
  expect(parse.layout).toBe(row.layout ?? null);
  expect(parse.module).toBe(row.module ?? null);
  expect(parse.presentation).toBe(row.presentation ?? null);
}

describe('read-back', () => {
  const say = (input: string, locale: Locale) => readBack(parseCommand(input, context, locale), locale === 'en' ? en : zh, { locale });

  it.each([
    ['光复路200号门口3个摊头占道，城管速去', 'zh-CN', ['新案件', '光复路200号', '乱设摊', '3 处', '城管中队', '紧急']],
    ['3 street vendors outside Qufu Rd Station exit 2, city management now', 'en', ['New case', 'Qufu Rd Station exit 2', 'Unlicensed street vending', '3 found', 'City Management Squad', 'urgent']],
    ['曲阜路站二号口有摊头', 'zh-CN', ['曲阜路站二号口', '乱设摊']],
    ['派 this 城管 交警', 'zh-CN', ['派遣', '当前选中案件', '派给 城管中队', '协办 交警中队']],
    ['dispatch this cg jj', 'en', ['Dispatch', 'the selected case', 'to City Management Squad', 'helpers Traffic Police Squad']],
    ['退回 this 不属于本单位职责', 'zh-CN', ['退回', '原因：不属于本单位职责']],
    ['merge this into 20261127-0003', 'en', ['Merge', 'the selected case', 'into case 20261127-0003']],
    ['屏11 光复路', 'zh-CN', ['11 号屏', '光复路']],
    ['screen 11 Guangfu Road', 'en', ['screen 11', 'Guangfu Road']],
    ['04:19 屏11 两个摊头，城管速去', 'zh-CN', ['11 号屏', '乱设摊', '2 处']],
    ['天目路50号违停', 'zh-CN', ['有歧义', '天目西路', '天目中路']],
    ['Stalls on Tianmu Road 50', 'en', ['Ambiguous', 'Tianmu West Road', 'Tianmu Middle Road']],
    ['光复路200号门口有人摆摊卖煎饼', 'zh-CN', ['未识别：煎饼']],
    ['布局 7', 'zh-CN', ['1/4/6/9/16/25']],
    ['void this', 'en', ['Give a reason']],
    ['派 35号 交警', 'zh-CN', ['派遣', '0035 号案件', '派给 交警中队']],
    ['dispatch case 42 to cg', 'en', ['Dispatch', 'case no. 0042', 'to City Management Squad']],
    ['天目中路600号燃气泄漏', 'zh-CN', ['天目中路600号', '燃气泄漏', '紧急（类别默认）']],
    ['Gas smell at Linfen Road 800', 'en', ['urgent (category default)']],
    ['中山北路共和新路口发生车祸，交警速去', 'zh-CN', ['中山北路共和新路口', '交通事故', '派给 交警中队', '紧急']],
    ['派 this 城管 12345', 'zh-CN', ['有数字没有用上：12345', '未识别：12345']],
    ['0017 交警', 'zh-CN', ['说了案件 0017，但没有说要做什么']],
    ['dispatch 42 43 jj', 'en', ['One command acts on one case', 'also named: 43']],
    ['光复路200号摊头，康乐路小学也有', 'zh-CN', ['光复路200号', '也可能是：康乐路小学']],
  ] as const)('%s', (input, locale, facts) => {
    const line = say(input, locale);
    for (const fact of facts) expect(line).toContain(fact);
  });
});

describe('a room with its own joint-duty team', () => {
  // The demo room sends 联勤 to the sub-district office; a room with a joint-duty team of its own sends it there.
  const withJointTeam = () =>
    roomParserContext((demo) => ({
      ...demo,
      departments: [
        ...demo.departments,
        { id: 'JOINT', kind: 'linked', name: { zh: '联勤队', en: 'Joint Duty Team' }, shortName: { zh: '联勤', en: 'Joint duty' }, aliases: ['lqd'], order: 9 },
      ],
    }));

  it.each([
    ['大宁灵石公园有人烧烤，联勤去劝离', 'JOINT'],
    ['派 this 联勤队', 'JOINT'],
    ['加派 0017 联勤人员', 'JOINT'],
    ['光复路200号有人摆摊，联勤队员速去', 'JOINT'],
    ['派 this 街道', 'SUB'],
  ])('%s → %s', (input, id) => {
    const parse = parseCommand(input, withJointTeam());
    expect(parse.departments.map((department) => department.id)).toEqual([id]);
    expect(parse.ambiguities).toEqual([]);
  });

  it('in the demo room, without one, 联勤 is the sub-district office', () => {
    expect(parseCommand('大宁灵石公园有人烧烤，联勤去劝离', context).departments.map((department) => department.id)).toEqual(['SUB']);
  });
});

describe('verbs typed in pinyin', () => {
  it('never collide with a name a room can type in pinyin', () => {
    for (const verb of verbs) for (const word of verb.pinyin ?? []) expect(context.vocabulary.latin.has(word), word).toBe(false);
  });
});
