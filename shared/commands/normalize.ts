/** Longer input is refused rather than parsed: no order the room speaks is this long. */
export const maxCommandLength = 500;

/**
 * One spelling for what an IME, a paste or a tired hand may produce:
 * full-width digits, letters and punctuation become half-width (NFKC),
 * control and format characters become spaces, runs of space collapse.
 * Chinese characters and emoji are left alone.
 */
export function normalizeCommand(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const chineseDigits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const englishNumbers: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, a: 1, an: 1,
};

/** "3", "三", "十二", "二十五", "两" → a number; anything else → null. Up to 99 is all a count needs. */
export function readSmallNumber(text: string): number | null {
  if (/^\d{1,4}$/.test(text)) return Number(text);
  const english = englishNumbers[text.toLowerCase()];
  if (english !== undefined) return english;
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return null;
  const [, tens, ten, ones] = match;
  if (!ten) return tens && !ones ? chineseDigits[tens]! : null;
  return (tens ? chineseDigits[tens]! : 1) * 10 + (ones ? chineseDigits[ones]! : 0);
}
