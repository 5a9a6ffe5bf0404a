import { caseKinds, caseNouns, selectedCaseWords, verbs, type CommandKind } from '../grammar';
import type { Span } from '../spans';
import { wordsPattern, type Reading } from './reading';

export interface VerbReading {
  kind: CommandKind | null;
  /** Where the verb was said; null when the line has none. */
  span: Span | null;
  /** A case named before its verb: "35号督办", "把0017派给交警", "这个案件退回". */
  leadingRef: Span | null;
  /** "11号屏 光复路" names its screen first. */
  screen: number | null;
}

const verbWords = verbs.flatMap((verb) => [...verb.zh, ...verb.en, ...(verb.pinyin ?? [])].map((word) => [word.toLowerCase(), verb.kind] as const));
const verbKind = new Map(verbWords);
const verbPattern = new RegExp(`^(?:${wordsPattern(verbWords.map(([word]) => word))})`, 'i');
const screenFirstPattern = /^(\d{1,3})\s*号\s*(?:大屏|屏幕|屏)/;
const nouns = wordsPattern([...caseNouns.zh, ...caseNouns.en, '号案']);
/** "把", "将", "给", "对" may open a line that names its case before the verb. */
const leadingRefPattern = new RegExp(
  `^(?:把|将|给|对)?\\s*(?:(?:${nouns})\\s*)?((?:第\\s*|#\\s*)?(?:20\\d{6}[-\\s]?\\d{4}|\\d{1,4}|[一二两三四五六七八九十]{1,3}(?=\\s*号))(?!\\d)\\s*号?|${wordsPattern([...selectedCaseWords.zh, ...selectedCaseWords.en])})\\s*(?:(?:${nouns})\\s*)?`,
  'i',
);

/**
 * The verb: at the start of the line, or right after the case it acts on.
 * No verb is an answer too: the line then describes an incident.
 */
export function readVerb(reading: Reading): VerbReading {
  const { text, spans } = reading;
  const atStart = verbPattern.exec(text);
  if (atStart && !startsLongerName(reading, atStart[0].length)) {
    const span = { start: 0, end: atStart[0].length };
    spans.take(span);
    return { kind: verbKind.get(atStart[0].toLowerCase()) ?? null, span, leadingRef: null, screen: null };
  }
  const screenFirst = screenFirstPattern.exec(text);
  if (screenFirst) {
    const span = { start: 0, end: screenFirst[0].length };
    spans.take(span);
    return { kind: 'screen', span, leadingRef: null, screen: Number(screenFirst[1]) };
  }
  const leading = leadingRefPattern.exec(text);
  const after = leading ? verbPattern.exec(text.slice(leading[0].length)) : null;
  const kind = after ? verbKind.get(after[0].toLowerCase()) : undefined;
  if (!leading || !after || !kind || !caseKinds.includes(kind)) return { kind: null, span: null, leadingRef: null, screen: null };
  const refStart = leading[0].indexOf(leading[1]!);
  const span = { start: leading[0].length, end: leading[0].length + after[0].length };
  spans.take({ start: 0, end: span.end });
  return { kind, span, leadingRef: { start: refStart, end: refStart + leading[1]!.length }, screen: null };
}

/** "派出所去看看" starts with a name, not with the verb "派". */
function startsLongerName(reading: Reading, verbLength: number): boolean {
  const lower = reading.text.toLowerCase();
  return (reading.context.vocabulary.byFirst.get(lower[0]!) ?? []).some((form) => form.text.length > verbLength && lower.startsWith(form.text));
}
