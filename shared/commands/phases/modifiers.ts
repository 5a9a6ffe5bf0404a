import { serviceNumbers, urgencyWords, type CommandKind } from '../grammar';
import { readSmallNumber } from '../normalize';
import { wordsPattern, type Reading } from './reading';

export interface Modifiers {
  /** Supervision level asked for (督办 2级). */
  level: number | null;
}

const levelPattern = /(?:([1-3一二三])\s*级)|(?:\blevel\s*([1-3])\b)/i;
const urgencyPattern = new RegExp(wordsPattern([...urgencyWords.zh, ...urgencyWords.en]), 'gi');
/** A clock time ("04:19", "5点半", "4 am"), a time limit ("10分钟内") or a duration ("三天") says when; the case records its own time. */
const timePatterns = [
  /(?<!\d)\d{1,2}\s*[:：]\s*\d{2}(?!\d)(?:\s*[ap]m\b)?|(?<!\d)\d{1,2}\s*(?:[ap]m\b|点(?:\s*\d{1,2}\s*分|半|钟)?)|[零一二两三四五六七八九十]{1,3}点(?:[零一二三四五六七八九十]{1,3}分|半|钟)?/gi,
  /(?<!\d)(?:\d{1,3}|[一二两三四五六七八九十半]{1,3})\s*(?:分钟|小时|个小时|min(?:ute)?s?\b|hours?\b)(?:\s*(?:之内|以内|内))?/gi,
  // How long it has been going on: "停了三天", "两个月了", "for two days".
  /(?<!\d)(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:天|个月|个星期|星期|周)(?![目津])|\b(?:for\s+)?(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+(?:days?|weeks?|months?)\b/gi,
];
/** "市民打12345", "叫120", "12345热线": a service number cited is not a case, a count or a house number. */
const servicePattern = new RegExp(
  `(?:(?:打|拨打|拨|叫|报|call(?:ed)?\\s+|dial(?:led)?\\s+)\\s*(?:${serviceNumbers.join('|')})(?!\\d))|(?<!\\d)(?:${serviceNumbers.join('|')})(?!\\d)\\s*(?:热线|工单|来电|转来|转派|hotline)`,
  'gi',
);

/** Supervision level, and the times and service numbers that are neither cases nor counts. */
export function readModifiers(reading: Reading, kind: CommandKind | null): Modifiers {
  const { text, spans } = reading;
  let level: number | null = null;
  if (kind === 'supervise') {
    const match = levelPattern.exec(text);
    if (match && spans.isFree({ start: match.index, end: match.index + match[0].length })) {
      level = readSmallNumber(match[1] ?? match[2]!);
      spans.take({ start: match.index, end: match.index + match[0].length });
    }
  }
  for (const pattern of [...timePatterns, servicePattern]) for (const match of spans.freeMatches(pattern)) spans.take(match);
  return { level };
}

/**
 * Urgency said in words ("马上", "速去", "有危险"). Read after the names,
 * so a name that contains such a word ("危险房屋") stays a name.
 */
export function readUrgency(reading: Reading): boolean {
  let urgent = false;
  for (const match of reading.spans.freeMatches(urgencyPattern)) {
    urgent = true;
    reading.spans.take(match);
  }
  return urgent;
}
