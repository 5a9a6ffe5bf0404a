import { countableNouns } from '../grammar';
import { readSmallNumber } from '../normalize';
import { wordsPattern, type Reading } from './reading';

const countPattern = /(\d{1,4}|[一二两三四五六七八九十]{0,2}几十?|好几|[一二两三四五六七八九十]{1,3})\s*(个|辆|处|名|位|家|只|堆|台|根|块|条|间|户|把|顶|棵|起|伙|拨|车)/g;
const englishNumberPattern = /\b(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)\s+/gi;
const digitsOnly = /^\d+$/;
const countableAhead = new RegExp(`^(?:${wordsPattern(countableNouns)})`, 'i');

/**
 * How many ("3个摊头", "两辆", "十二处", "two vans"). "几个", "十几个" are
 * some, but no number to record; "一起" is "together", not one incident.
 * An English number counts only what can be counted: a problem word said
 * next (`problemStarts`) or a countable noun — never "dispatch 1042 cg".
 * After a verb that acts on a case a bare figure is never a count: in
 * "重开 to: case 1 街头散发小广告" the 1 may be the case meant, so it is
 * left for the case phase or reported, never dropped for the selected case.
 */
export function readCount(reading: Reading, problemStarts: ReadonlySet<number>, verbActsOnCase = false): number | null {
  const { text, spans } = reading;
  let count: number | null | undefined;
  // The first count is the incident's; later ones ("还有一辆面包车") are read too, so they are not reported as unknown.
  for (const match of spans.freeMatches(countPattern)) {
    if (match[0] === '一起') continue;
    spans.take(match);
    if (count === undefined) count = readSmallNumber(match[1]!);
  }
  if (count !== undefined) return count;
  for (const match of spans.freeMatches(englishNumberPattern)) {
    if (!problemStarts.has(match.end) && !countableAhead.test(text.slice(match.end))) continue;
    if (verbActsOnCase && digitsOnly.test(match[1]!)) continue;
    spans.take({ start: match.start, end: match.start + match[1]!.length });
    return readSmallNumber(match[1]!);
  }
  return null;
}
