import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCategoryWords, isDepartmentWords, LexiconSchema, compileCombinations } from '../../shared/commands/lexicon';
import { parseCommand, type ParserContext } from '../../shared/commands/parser';
import type { Category } from '../../shared/domain/organisation';
import { demoParserContext } from '../support/demoParser';

/**
 * The demo room's lexicon (resources/demo/lexicon.json) is data: these tests
 * keep it whole (every minor category has everyday words), unambiguous (no
 * word under two categories) and readable (every word, said on its own in a
 * sentence, gives its own category — no longer word or name shadows it).
 */
const lexicon = LexiconSchema.parse(JSON.parse(readFileSync(new URL('../../resources/demo/lexicon.json', import.meta.url), 'utf8')));
const categories = JSON.parse(readFileSync(new URL('../../resources/demo/categories.json', import.meta.url), 'utf8')) as Category[];
const categoryWords = lexicon.filter(isCategoryWords);
const departmentWords = lexicon.filter(isDepartmentWords);

let context: ParserContext;
beforeAll(() => {
  context = demoParserContext();
});

describe('the demo lexicon', () => {
  it('gives every one of the 187 minor categories several everyday phrasings, in Chinese and in English', () => {
    expect(categories).toHaveLength(187);
    for (const category of categories) {
      const entry = categoryWords.find((item) => item.code === category.code);
      expect(entry, category.code).toBeDefined();
      const own = entry!.zh.filter((word) => word !== category.name.zh);
      expect(own.length + entry!.together.length, `${category.code} ${category.name.zh}`).toBeGreaterThanOrEqual(3);
      expect(entry!.en.length, `${category.code} ${category.name.en}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('never lists one word for two categories, or for a category and a department', () => {
    const owner = new Map<string, string>();
    for (const entry of [...categoryWords.map((item) => ({ id: item.code, words: [...item.zh, ...item.en] })), ...departmentWords.map((item) => ({ id: item.department, words: [...item.zh, ...item.en] }))]) {
      for (const word of entry.words) {
        const key = word.toLowerCase();
        expect(owner.get(key) ?? entry.id, `"${word}"`).toBe(entry.id);
        owner.set(key, entry.id);
      }
    }
  });

  it.each(categoryWords.flatMap((entry) => entry.zh.map((word) => ({ code: entry.code, word }))))('"$word" reads as $code', ({ code, word }) => {
    expect(parseCommand(`光复路100号${word}`, context).category?.code).toBe(code);
  });

  it.each(categoryWords.flatMap((entry) => entry.en.map((word) => ({ code: entry.code, word }))))('"$word" reads as $code', ({ code, word }) => {
    expect(parseCommand(`${word} at Guangfu Road 100`, context, 'en').category?.code).toBe(code);
  });

  it.each(departmentWords.flatMap((entry) => [...entry.zh, ...entry.en].map((word) => ({ id: entry.department, word }))))('"$word" names $id', ({ id, word }) => {
    expect(parseCommand(`派 this ${word}`, context).departments.map((department) => department.id)).toEqual([id]);
  });

  it('reads every word combination, its words said in either order', () => {
    for (const combination of compileCombinations(lexicon)) {
      const words = combination.groups.map((group) => group.find((word) => /\p{Script=Han}/u.test(word)) ?? group[0]!);
      for (const said of [words.join(''), [...words].reverse().join('')]) {
        expect(parseCommand(`光复路100号${said}`, context).category?.code, said).toBe(combination.code);
      }
    }
  });
});
