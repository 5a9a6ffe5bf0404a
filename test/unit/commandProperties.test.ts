import fc from 'fast-check';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseKinds, fillerWords, layoutWords, presentationSwitch, selectedCaseWords, urgencyWords, verbs, videoModules } from '../../shared/commands/grammar';
import { maxCommandLength } from '../../shared/commands/normalize';
import { parseCommand, type Parse, type ParserContext } from '../../shared/commands/parser';
import { readBack } from '../../shared/commands/readBack';
import { lookUpLatin } from '../../shared/commands/vocabulary';
import type { Locale } from '../../shared/domain/names';
import { createI18n } from '../../shared/i18n';
import { demoParserContext } from '../support/demoParser';

/**
 * The command bar takes whatever a keyboard, an IME, a paste or a speech
 * engine produces. Over arbitrary input the parser stays total, quick,
 * deterministic and honest about words it does not know.
 */

const errorCodes: string[] = ['empty', 'tooLong', 'unrecognised', 'missingDepartment', 'missingReason', 'missingTarget', 'missingCategory', 'missingScreen', 'missingCamera', 'badLayout', 'missingModule', 'ambiguous', 'strayNumber', 'tooManyCases', 'missingVerb', 'serialNotFound'];
/** Generous for a shared CI machine; a parse takes well under 5 ms. */
const budgetMs = 50;

let context: ParserContext;
let t: Record<Locale, TFunction>;
/** Every word the language knows: names, aliases, problems, verbs, fillers. */
let knownWords: string[];
/** Han characters that occur in no known word, nor in the parser's own patterns. */
let strangeHan: string[];

beforeAll(() => {
  context = demoParserContext();
  t = { 'zh-CN': createI18n('zh-CN').t, en: createI18n('en').t };
  const grammarWords = [
    ...verbs.flatMap((verb) => [...verb.zh, ...verb.en]),
    ...Object.values(selectedCaseWords).flat(),
    ...Object.values(urgencyWords).flat(),
    ...Object.values(videoModules).flatMap((words) => [...words.zh, ...words.en]),
    ...Object.values(presentationSwitch).flatMap((words) => [...words.zh, ...words.en]),
    ...Object.keys(layoutWords),
    ...fillerWords.zh,
    ...fillerWords.en,
  ];
  knownWords = [...new Set([...[...context.vocabulary.byFirst.values()].flat().map((form) => form.text), ...grammarWords])];
  const patternCharacters = '零〇一二两三四五六七八九十百几个辆处名位家只堆台根块条间户把顶棵起伙拨车号弄號口级点分半钟屏幕大原因理由为部门类别地点这件本此该当前画面宫格';
  const used = new Set([...knownWords.join(''), ...patternCharacters]);
  strangeHan = [];
  for (let code = 0x4e00; code <= 0x9fa5 && strangeHan.length < 400; code += 7) {
    const character = String.fromCharCode(code);
    if (!used.has(character)) strangeHan.push(character);
  }
  // The first parse pays for compiling regular expressions; the budget is for the ones after.
  for (let round = 0; round < 20; round++) parseCommand(`光复路${round}号门口3个摊头 城管速去 dispatch this cg ${'x'.repeat(round)}`, context);
});

/**
 * Parses within the budget. A parse over it is timed twice more and the fastest
 * counts: on a shared two-core machine one run can be descheduled or meet a
 * garbage collection, while a slow parser is slow every time.
 */
function timedParse(input: string, locale: Locale = 'zh-CN'): Parse {
  let fastest = Infinity;
  let parse: Parse | null = null;
  for (let attempt = 0; attempt < 3 && fastest >= budgetMs; attempt++) {
    const start = performance.now();
    parse = parseCommand(input, context, locale);
    fastest = Math.min(fastest, performance.now() - start);
  }
  expect(fastest, `${fastest.toFixed(1)} ms for ${JSON.stringify(input.slice(0, 60))}`).toBeLessThan(budgetMs);
  return parse!;
}

/** Total, quick, deterministic, and readable back in both languages. */
function checkTotal(input: string) {
  for (const locale of ['zh-CN', 'en'] as const) {
    const parse = timedParse(input, locale);
    if (parse.error === null) expect(parse.kind).not.toBeNull();
    else expect(errorCodes).toContain(parse.error.code);
    expect(parseCommand(input, context, locale)).toEqual(parse);
    const line = readBack(parse, t[locale], { locale });
    expect(typeof line).toBe('string');
    expect(line.trim().length).toBeGreaterThan(0);
  }
}

const controlCharacters = ['\u0000', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u200b', '\u200d', '\u200e', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff'];
const widthMix = [...'0123456789０１２３４５６７８９-－:：,，.。!！?？()（）/／ 　#＃xｘ号屏'];
const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code));
const glue = fc.constantFrom(' ', '', '，', ',', '、', '：', ':', '  ', '　', '。', '!', '-', '/', '\n', '号', '3', '２００', '20261127-0003', 'this', 'to:', 'reason:', 'cat:', '🚧', '屏');
const fromVocabulary = () => fc.array(fc.oneof(fc.constantFrom(...knownWords), glue), { maxLength: 30 }).map((parts) => parts.join(''));

describe('over arbitrary input', () => {
  it('never throws, answers with a kind or an error code, reads back, is deterministic and quick', () => {
    const inputs = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: cjk, maxLength: 60 }),
      fc.string({ unit: fc.constantFrom(...controlCharacters, 'a', '城', ' '), maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...widthMix), maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('😀', '👨‍👩‍👧', '🇨🇳', '̀', '城', '管', '屏', '1'), maxLength: 30 }),
    );
    fc.assert(fc.property(inputs, checkTotal), { numRuns: 400 });
  });

  it('handles sentences glued together from the words it knows', () => {
    fc.assert(fc.property(fromVocabulary(), checkTotal), { numRuns: 400 });
  });

  it('stays within budget at the longest input it parses', () => {
    const longest = fc
      .array(fc.oneof(fc.constantFrom(...knownWords), glue, fc.string({ unit: 'grapheme', maxLength: 5 })), { minLength: 200, maxLength: 400 })
      .map((parts) => parts.join('').slice(0, maxCommandLength));
    fc.assert(fc.property(longest, checkTotal), { numRuns: 60 });
    checkTotal('城管'.repeat(maxCommandLength / 2));
    checkTotal('chenggaun '.repeat(maxCommandLength / 10).slice(0, maxCommandLength));
    checkTotal('3个'.repeat(maxCommandLength / 2));
  });

  it('refuses a 10,000-character input at once', () => {
    for (const input of ['光复路200号摊头'.repeat(2_000).slice(0, 10_000), 'a'.repeat(10_000), '１'.repeat(10_000)]) {
      const parse = timedParse(input);
      expect(parse.error?.code).toBe('tooLong');
      expect(parse.input.length).toBeLessThanOrEqual(80);
      expect(readBack(parse, t['zh-CN'])).toContain('10000');
    }
  });

  it('reads full-width input exactly as half-width', () => {
    const toFullWidth = (text: string) => text.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
    const halfWidth = fc.oneof(
      fromVocabulary(),
      fc.string({ unit: fc.constantFrom(...'0123456789abcxyz :,.-!?()#'), maxLength: 30 }),
      fc.constantFrom('屏11 光复路200号', 'dispatch this cg jj', '督办 20261127-0003 2级', 'screen 11 Guangfu Road 200', '光复路200号门口3个摊头，城管速去!', 'layout 4x4', 'return this reason: not ours'),
    );
    fc.assert(
      fc.property(halfWidth, (text) => {
        expect(parseCommand(toFullWidth(text), context)).toEqual(parseCommand(text, context));
      }),
      { numRuns: 300 },
    );
  });
});

describe('unknown words are reported, never dropped', () => {
  const sentences = [
    '光复路200号门口3个摊头占道，城管速去',
    '曲阜路地铁站2号口有一辆面包车违停，交警立即处理',
    '康乐路小学门口接送拥堵，交警去疏导',
    '天目西路第1网格有人乱贴小广告，城管去',
    '派 this 城管 交警',
    '3 street vendors outside Qufu Rd Station exit 2, city management now',
    'Gas leak at Hengfeng Road 300, police and sub-district at once',
    'dispatch this cg jj',
  ];

  it('starts from sentences it understands completely', () => {
    for (const sentence of sentences) {
      const parse = parseCommand(sentence, context);
      expect(parse.error, sentence).toBeNull();
      expect(parse.unknownWords, sentence).toEqual([]);
    }
  });

  it('reports an invented Chinese word added to a known sentence', () => {
    const invented = () => fc.string({ unit: fc.constantFrom(...strangeHan), minLength: 2, maxLength: 6 });
    const where = fc.constantFrom('before', 'after', 'inside');
    fc.assert(
      fc.property(fc.constantFrom(...sentences), invented(), where, (sentence, word, position) => {
        const comma = sentence.indexOf('，');
        const input =
          position === 'before' ? `${word}，${sentence}` : position === 'after' || comma < 0 ? `${sentence} ${word}` : `${sentence.slice(0, comma)}，${word}${sentence.slice(comma)}`;
        const parse = timedParse(input);
        expect(parse.unknownWords.some((unknown) => word.includes(unknown)), `${input} → ${JSON.stringify(parse.unknownWords)}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reports an invented Latin word added to a known sentence', () => {
    const known = new Set(knownWords.map((word) => word.toLowerCase()));
    const invented = fc
      .string({ unit: fc.constantFrom(...'bcdfghjklmnpqrstvwxz'), minLength: 3, maxLength: 9 })
      .filter((word) => !known.has(word) && lookUpLatin(word, context.vocabulary).length === 0);
    fc.assert(
      fc.property(fc.constantFrom(...sentences), invented, fc.boolean(), (sentence, word, before) => {
        const input = before ? `${word} ${sentence}` : `${sentence} ${word}`;
        const parse = timedParse(input, 'en');
        // A word in front of a terse command stops it being one; the word is still reported.
        expect(parse.unknownWords, input).toContain(word);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a case named by its number', () => {
  const caseVerbs = verbs.filter((verb) => caseKinds.includes(verb.kind)).flatMap((verb) => [...verb.zh, ...verb.en, ...(verb.pinyin ?? [])]);
  const serial = fc.integer({ min: 1, max: 9999 });
  const pad = (value: number) => String(value).padStart(4, '0');
  /** Ways a case is named that can only be a case: the full number, a zero-padded serial, a serial marked as a case. */
  const caseNumber = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 28 }), serial).map(([day, value]) => `202612${String(day).padStart(2, '0')}-${pad(value)}`),
    fc.integer({ min: 1, max: 999 }).map((value) => pad(value)),
    serial.map((value) => `案件${value}`),
    serial.map((value) => `${value}号案件`),
    serial.map((value) => `第${value}号案子`),
    serial.map((value) => `#${value}`),
    serial.map((value) => `case ${value}`),
  );
  const departments = fc.constantFrom('交警', '城管', 'cg', 'jj', '派出所', 'housing', '环卫', '市场所');
  const selectedSaid = new RegExp([...selectedCaseWords.zh, ...selectedCaseWords.en].join('|'), 'i');

  it('never parses to the selected case: the case named is the one acted on, or the line is refused', () => {
    const line = fc.tuple(fc.constantFrom(...caseVerbs), fromVocabulary(), caseNumber, fromVocabulary(), fc.boolean());
    fc.assert(
      fc.property(line, ([verb, before, number, after, numberFirst]) => {
        const input = numberFirst ? `${verb} ${number} ${before}${after}` : `${verb} ${before} ${number} ${after}`;
        const parse = timedParse(input);
        if (parse.error !== null || parse.kind === null || !caseKinds.includes(parse.kind)) return;
        // A command that acts on a case acts on the number named. The selected case only when it was
        // named too ("合并 #1 到 this"), and then the number is the other case or part of the reason
        // ("作废 this 与1号案件重复").
        const refs = [parse.caseRef, parse.targetCaseRef];
        const actedOn = refs.some((ref) => ref?.kind === 'number' || ref?.kind === 'serial');
        const inReasonBesideSelected = selectedSaid.test(input) && (parse.reason ?? '').includes(number);
        expect(actedOn || inReasonBesideSelected, input).toBe(true);
        if (refs.some((ref) => ref?.kind === 'selected')) expect(selectedSaid.test(input), input).toBe(true);
      }),
      // The rule the room most relies on; 2,000 lines take well under a second. Each CI run tries new ones.
      { numRuns: 2_000 },
    );
  });

  it('keeps a case the property once lost: a case said after a field, a number read as a count or a house number', () => {
    // Found by the property above (some on CI): each acted on the selected case. Each now acts on the case said,
    // or is refused with the number named.
    const lines = [
      '重开 to: case 1 街头散发小广告',
      'reopen to: 1号案件 to:',
      '结案 cat: 0017 cat:',
      'supervise cat: case 1 gonghexin rd sub-districttianmu west road sub-district',
      '退单 to: 0017 reason: 重复',
      '退单 cat:0017 不属于本辖区',
      '退单 cat: 20261201-0001 reason:街头散发小广告',
      '退单 to: case 1 reason:街头散发小广告',
    ];
    for (const line of lines) {
      const parse = timedParse(line);
      if (parse.error === null) expect(parse.caseRef, line).toMatchObject({ kind: 'serial' });
      else expect(parse.error, line).toMatchObject({ code: 'strayNumber' });
    }
    expect(timedParse('重开 to: case 1 街头散发小广告').count).toBeNull();
  });

  it('never becomes a count: a bare serial after a case verb is the case', () => {
    const line = fc.tuple(fc.constantFrom(...caseVerbs), serial, fc.boolean(), departments);
    fc.assert(
      fc.property(line, ([verb, value, withHao, department]) => {
        const input = `${verb} ${value}${withHao ? '号' : ''} ${department}`;
        const parse = timedParse(input);
        expect(parse.count, input).toBeNull();
        expect(parse.caseRef, input).toMatchObject({ kind: 'serial', serial: value });
      }),
      { numRuns: 300 },
    );
  });

  it('a number left over in a case command refuses the line and is named in the read-back', () => {
    const line = fc.tuple(fc.constantFrom(...caseVerbs.filter((verb) => !['退回', '退单', '作废', '无效', 'return', 'void', 'cancel case', 'tuihui', 'th', 'zuofei', 'zf'].includes(verb))), departments, fc.integer({ min: 10_000, max: 99_999_999 }));
    fc.assert(
      fc.property(line, ([verb, department, number]) => {
        const parse = timedParse(`${verb} this ${department} ${number}`);
        expect(parse.error?.code).toBe('strayNumber');
        expect(parse.unknownWords).toContain(String(number));
        expect(readBack(parse, t['zh-CN'], { locale: 'zh-CN' })).toContain(String(number));
      }),
      { numRuns: 200 },
    );
  });
});
