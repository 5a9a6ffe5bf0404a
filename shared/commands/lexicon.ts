import { z } from 'zod';

const words = (max: number) => z.array(z.string().trim().min(1).max(max)).default([]);

/**
 * Words said together in one clause, any order: groups joined by " + ",
 * alternatives by "|", "@name" for a named word set. "@机动车 + @停放"
 * reads "停了一辆货车" and "货车停在门口" alike.
 */
const together = z.string().regex(/^[^+]+(?:\s\+\s[^+]+)+$/, 'groups joined by " + "').max(600);

/**
 * The everyday words of a room, as data: a room adds its own.
 *  - for a problem (a minor category): words and phrasings ("摊头", "van
 *    parked"), and word combinations (`together`);
 *  - for a department: what people call it or its staff ("片警", "铁骑");
 *  - a named word set (`set`) that combinations share ("@机动车").
 * The category and department names themselves are always words too.
 */
const CategoryWordsSchema = z.object({
  code: z.string().regex(/^[12]\d{4}$/),
  zh: words(30),
  en: words(60),
  together: z.array(together).max(20).default([]),
});
const DepartmentWordsSchema = z.object({ department: z.string().min(1).max(40), zh: words(30), en: words(60) });
const WordSetSchema = z.object({ set: z.string().regex(/^[^\s+|@]{1,20}$/), zh: words(30), en: words(60) });

export const LexiconSchema = z
  .array(z.union([CategoryWordsSchema, DepartmentWordsSchema, WordSetSchema]))
  .max(5_000)
  .superRefine((lexicon, issues) => {
    const sets = new Set(lexicon.flatMap((entry) => ('set' in entry ? [entry.set] : [])));
    lexicon.forEach((entry, index) => {
      if (!('code' in entry)) return;
      for (const name of entry.together.flatMap((text) => text.match(/@[^\s+|]+/g) ?? [])) {
        if (!sets.has(name.slice(1))) issues.addIssue({ code: 'custom', path: [index, 'together'], message: `${entry.code}: no word set named ${name}` });
      }
    });
  });

export type Lexicon = z.output<typeof LexiconSchema>;
export type LexiconEntry = Lexicon[number];
export type CategoryWords = z.output<typeof CategoryWordsSchema>;
export type DepartmentWords = z.output<typeof DepartmentWordsSchema>;
export type WordSet = z.output<typeof WordSetSchema>;

export const isCategoryWords = (entry: LexiconEntry): entry is CategoryWords => 'code' in entry;
export const isDepartmentWords = (entry: LexiconEntry): entry is DepartmentWords => 'department' in entry;
export const isWordSet = (entry: LexiconEntry): entry is WordSet => 'set' in entry;

/** One combination, compiled: every group must be said in the clause, each by one of its words. */
export interface Combination {
  code: string;
  groups: string[][];
}

/** Compiles the `together` strings of a lexicon (the schema has checked every "@set" exists; an unknown one reads as no words). */
export function compileCombinations(lexicon: Lexicon): Combination[] {
  const sets = new Map(lexicon.filter(isWordSet).map((entry) => [entry.set, [...entry.zh, ...entry.en]]));
  const combinations: Combination[] = [];
  for (const entry of lexicon.filter(isCategoryWords)) {
    for (const text of entry.together) {
      const groups = text.split(/\s\+\s/).map((group) =>
        group.split('|').flatMap((word) => {
          const name = word.trim();
          if (!name.startsWith('@')) return [name.toLowerCase()];
          return (sets.get(name.slice(1)) ?? []).map((item) => item.toLowerCase());
        }),
      );
      combinations.push({ code: entry.code, groups: groups.map((group) => [...new Set(group.filter(Boolean))].sort((a, b) => b.length - a.length)) });
    }
  }
  // The combination of more groups is the more specific: it reads its words first.
  return combinations.sort((a, b) => b.groups.length - a.groups.length);
}
