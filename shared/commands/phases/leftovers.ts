import { fillerWords } from '../grammar';
import type { SpanTracker } from '../spans';
import { wordsPattern } from './reading';

/** One pattern, longest first, so a chunk is cleared of fillers in one pass. */
const zhFillers = new RegExp(wordsPattern(fillerWords.zh), 'g');
const enFillers = new Set(fillerWords.en);
const chunkBreak = /[\s,，。.、;；:：!！?？"“”'‘’()（）\-—…~·/]+/;

/**
 * Words nobody recognised, after dropping punctuation and the words that
 * only join a sentence. Numbers are words too: a number nobody used is
 * reported ("派 交警 17号" must not drop the 17 unseen).
 */
export function leftoverWords(spans: SpanTracker): string[] {
  const words: string[] = [];
  const withoutContractions = spans.freeText().replace(/(?<=[a-z])(?:'(?:s|re|ll|ve|d|m)|n't)\b/gi, '');
  for (const chunk of withoutContractions.split(chunkBreak)) {
    if (!chunk) continue;
    if (/^[a-z0-9']+$/i.test(chunk)) {
      if (!enFillers.has(chunk.toLowerCase())) words.push(chunk);
      continue;
    }
    let rest = chunk;
    // A number keeps its "号" ("35号"): the filler "号" is only dropped from words.
    const numbered = rest.match(/\d+\s*号(?![楼口屏])/g) ?? [];
    for (const number of numbered) rest = rest.replace(number, ' ');
    words.push(...numbered);
    rest = rest.replace(zhFillers, ' ');
    for (const word of rest.split(/\s+/)) if (word) words.push(word);
  }
  return [...new Set(words)];
}
