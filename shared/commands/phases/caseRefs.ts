import { caseKinds, caseNouns, selectedCaseWords, type CommandKind } from '../grammar';
import { readSmallNumber } from '../normalize';
import type { CaseRef } from '../parseResult';
import { spanOf, type Span } from '../spans';
import { wordsPattern, type Reading } from './reading';
import type { VerbReading } from './verb';

export interface FoundCaseRef {
  ref: CaseRef;
  /** Where it was said. */
  at: number;
  end: number;
}

const nouns = wordsPattern([...caseNouns.zh, ...caseNouns.en]);
/** Written so that it can only be a case: the full number, or a serial marked as one. */
const fullNumberPattern = /(?<![\d-])(20\d{6})[-\s]?(\d{4})(?!\d)/g;
const markedSerialPatterns = [
  // "案件17", "case 0042", "case no. 42", "工单 #35"
  new RegExp(`(?:${nouns})\\s*(?:no\\.?\\s*|number\\s*|第\\s*)?#?\\s*(\\d{1,4})(?![\\d:：.])(?:\\s*号)?`, 'gi'),
  // "17号案件", "第35号案", "0017号工单"
  new RegExp(`(?<![\\d-])(?:第\\s*)?(\\d{1,4})\\s*号?\\s*(?:${wordsPattern([...caseNouns.zh, '案'])})`, 'g'),
  // "#17"
  /#\s*(\d{1,4})(?!\d)/g,
  // "0017": a zero-padded serial is never a count, a house number or a time.
  /(?<![\d.:：-])(0\d{3})(?![\d:：点.])/g,
  // "零零一七", as a speech engine writes "0017".
  /(?<![零〇一二两三四五六七八九十])([零〇][零〇一二三四五六七八九]{3})(?![零〇一二两三四五六七八九十])(?:\s*号)?/g,
];
const chineseDigits = '零一二三四五六七八九';
const chineseDigitRun = /[零〇][零〇一二三四五六七八九]{3}/;
/** "零零一七" → "0017"; any other words as they are. */
const westernDigits = (said: string) => {
  const run = chineseDigitRun.exec(said)?.[0];
  return run ? [...run].map((digit) => chineseDigits.indexOf(digit === '〇' ? '零' : digit)).join('') : said;
};
const selectedPattern = new RegExp(wordsPattern([...selectedCaseWords.zh, ...selectedCaseWords.en]), 'gi');
const selectedWhole = new RegExp(`^(?:${selectedPattern.source})$`, 'i');
/** The number in the case's place: right after the verb ("派 1042 cg", "督办 35号", "督办三十五号"). */
const slotPattern = /^\s*(?:(?:no\.?|number|#|第)\s*)?(\d{1,4}|[一二两三四五六七八九十]{1,3}(?=\s*号))(?!\d)(?:\s*号)?/i;
/** A merge names its second case after "到", "into": "合并 17 到 12". */
const intoPattern = /(?:到|至|并入|入|\binto\b|\bto\b)\s*/gi;
/** A number standing alone, anywhere: only read in a line whose verb acts on a case. */
const standingPattern = /(?<![a-z\d.:：#-])(?:第\s*)?(\d{1,4})(?!\d)(?:\s*号)?/gi;
/** What a number followed by one of these counts or measures is not a case: "3个", "2级", "11屏", "5点", "3号楼". */
const unitAfter = /^\s*(?:[个辆处名位家只堆台根块条间户把顶棵起伙拨车级点分屏楼幢栋室单弄口米年月日天周岁元%xX×*]|[.:：]\d)/;
const latinAfter = /^[a-z]/i;

function refOf(said: string): CaseRef | null {
  const full = /(20\d{6})[-\s]?(\d{4})/.exec(said);
  if (full) return { kind: 'number', number: `${full[1]}-${full[2]}` };
  const digits = /\d{1,4}/.exec(westernDigits(said))?.[0];
  const serial = digits !== undefined ? Number(digits) : readSmallNumber(/[一二两三四五六七八九十]{1,3}/.exec(said)?.[0] ?? '');
  if (serial !== null) return { kind: 'serial', serial, text: said.trim() };
  return selectedWhole.test(said.trim()) ? { kind: 'selected' } : null;
}

/** A number in the case's place, not followed by a unit that makes it something else. */
function slotAt(reading: Reading, from: number): (Span & { said: string }) | null {
  const match = slotPattern.exec(reading.text.slice(from));
  if (!match) return null;
  const rest = reading.text.slice(from + match[0].length);
  if (unitAfter.test(rest) || latinAfter.test(rest)) return null;
  const start = from + match[0].length - match[0].trimStart().length;
  const span = { start, end: from + match[0].length };
  return reading.spans.isFree(span) ? { ...span, said: match[0].trim() } : null;
}

/**
 * Cases named in the line: full numbers and marked serials anywhere, the
 * selected case ("this", "本案"), and a number in the case's place after a
 * verb that acts on a case. Each is taken, so no later phase reads it as a
 * count or a house number.
 */
export function readCaseRefs(reading: Reading, verb: VerbReading): FoundCaseRef[] {
  const { text, spans } = reading;
  const found: FoundCaseRef[] = [];
  const add = (span: Span, said: string) => {
    const ref = refOf(said);
    if (ref) found.push({ ref, at: span.start, end: span.end });
    spans.take(span);
  };
  if (verb.leadingRef) add(verb.leadingRef, text.slice(verb.leadingRef.start, verb.leadingRef.end));
  for (const match of spans.freeMatches(fullNumberPattern)) add(match, match[0]);
  for (const pattern of markedSerialPatterns) for (const match of spans.freeMatches(pattern)) add(match, match[0]);
  if (!verb.kind || !caseKinds.includes(verb.kind)) return found.sort((a, b) => a.at - b.at);
  for (const match of spans.freeMatches(selectedPattern)) add(match, match[0]);
  const slot = verb.span && slotAt(reading, verb.span.end);
  if (slot) add(slot, slot.said);
  if (verb.kind === 'merge') {
    for (const match of spans.freeMatches(intoPattern)) {
      const target = slotAt(reading, match.end);
      if (target) add(target, target.said);
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** The same patterns without the global flag, for a single search. */
const casePatterns = [fullNumberPattern, ...markedSerialPatterns].map((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')));

/** The same patterns anchored where they are tried: does a case start here? */
const casePatternsHere = [fullNumberPattern, ...markedSerialPatterns].map((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', 'y')));

/** Whether the text names a case, in a way that can only be a case, starting at `index` ("to: case 1", "cat: 0017"). */
export function caseStartsAt(text: string, index: number): boolean {
  return casePatternsHere.some((pattern) => {
    pattern.lastIndex = index;
    return pattern.test(text);
  });
}

/** The first case a text names in a way that can only be a case (a full number, "0017", "案件17"), or null: "reason: 与0017重复". */
export function caseNamedIn(text: string): string | null {
  for (const pattern of casePatterns) {
    const match = pattern.exec(text);
    if (match) return match[0].trim();
  }
  return null;
}

/**
 * Late, once places, counts and times have taken their numbers: in a line
 * that acts on a case, a number standing alone names a case ("派交警 35号").
 */
export function readStandingNumbers(reading: Reading, kind: CommandKind | null): FoundCaseRef[] {
  if (!kind || !caseKinds.includes(kind)) return [];
  const found: FoundCaseRef[] = [];
  for (const match of reading.spans.freeMatches(standingPattern)) {
    const rest = reading.text.slice(match.end);
    if (unitAfter.test(rest) || latinAfter.test(rest)) continue;
    found.push({ ref: { kind: 'serial', serial: Number(match[1]), text: match[0].trim() }, at: match.start, end: match.end });
    reading.spans.take(spanOf(match));
  }
  return found;
}
