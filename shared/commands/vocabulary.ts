import { distance } from 'fastest-levenshtein';
import { pinyin } from 'pinyin-pro';
import type { DistrictGeography } from '../domain/district';
import type { Name } from '../domain/names';
import type { Category, Department } from '../domain/organisation';
import type { SpanTracker } from './spans';
import { compileCombinations, isCategoryWords, isDepartmentWords, type Combination, type Lexicon } from './lexicon';

export type EntryKind = 'department' | 'place' | 'road' | 'grid' | 'subDistrict' | 'category' | 'camera';

/** How a word was recognised; shown to the operator when a match is not exact. */
export type MatchReason = 'name' | 'shortName' | 'alias' | 'word' | 'pinyin' | 'initials' | 'fuzzy' | 'serial';

/** Lower is stronger: a room's own unit named by its name beats another unit's alias ("联勤" when the room has a 联勤队). */
export const reasonRank: Record<MatchReason, number> = { name: 0, shortName: 0, alias: 1, word: 1, pinyin: 2, initials: 2, fuzzy: 3, serial: 0 };

export interface VocabularyEntry {
  kind: EntryKind;
  id: string;
  name: Name;
}

export interface Form {
  /** Lower-cased surface text. */
  text: string;
  entry: VocabularyEntry;
  why: MatchReason;
}

export interface VocabularySource {
  departments: readonly Department[];
  geography: Pick<DistrictGeography, 'places' | 'roads' | 'grids'> & Partial<Pick<DistrictGeography, 'subDistricts'>>;
  categories: readonly Category[];
  lexicon: Lexicon;
  cameras?: readonly { id: string; name: Name }[];
}

/**
 * Everything a command can name, indexed for the parser:
 *  - `byFirst`: every written form (names, short names, aliases, English,
 *    lexicon words) under its first character, longest first, so the text is
 *    scanned once, left to right, trying only forms that can start there;
 *  - `latin`: pinyin and pinyin initials of the Chinese names, for typing
 *    `cg` or `chengguan` for 城管 on a keyboard without an IME;
 *  - `fuzzyKeys`: the longer Latin keys, for one or two typos;
 *  - `combinations`: the lexicon's words said together ("停了一辆货车").
 */
export interface Vocabulary {
  byFirst: Map<string, Form[]>;
  latin: Map<string, Form[]>;
  fuzzyKeys: string[];
  combinations: (Combination & { entry: VocabularyEntry })[];
  /** For each word of a combination, the longer combination words that contain it: "车" is not said inside "电瓶车". */
  containers: Map<string, { text: string; offset: number }[]>;
  entries: VocabularyEntry[];
  categories: Map<string, Category>;
  departments: Map<string, Department>;
}

const isLatin = (text: string) => /^[\x20-\x7e]+$/.test(text);

export function pinyinKeys(text: string): { full: string; initials: string } | null {
  const han = text.replace(/[^\p{Script=Han}]/gu, '');
  if (han.length < 2) return null;
  const syllables = pinyin(han, { toneType: 'none', type: 'array', v: true });
  return { full: syllables.join(''), initials: syllables.map((syllable) => syllable[0]).join('') };
}

/** English spellings people type for the same name, in any mix: "Tianmu West Rd", "Tianmu W Road". */
const abbreviations: Record<string, string> = { Road: 'Rd', Street: 'St', North: 'N', South: 'S', East: 'E', West: 'W' };
const spelledOut = Object.fromEntries(Object.entries(abbreviations).map(([word, abbreviation]) => [abbreviation, word]));
function spellings(text: string): string[] {
  if (!isLatin(text)) return [text];
  let variants = [''];
  for (const word of text.split(/\b/)) {
    const other = abbreviations[word] ?? spelledOut[word];
    variants = variants.flatMap((variant) => (other ? [variant + word, variant + other] : [variant + word]));
  }
  return variants;
}

/** "芷江西路" → "芷江路", "Zhijiang West Road" → "Zhijiang Road". */
function withoutDirection(name: Name): string[] {
  const zh = /^(.+)[东西南北中]路$/.exec(name.zh);
  const en = /^(.+) (?:East|West|South|North|Middle) Road$/.exec(name.en);
  return [zh ? `${zh[1]}路` : '', en ? `${en[1]} Road` : ''].filter(Boolean);
}

/** Two letters swapped ("huanwie") is one slip of the hand, not two. */
function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ = [...a].flatMap((character, index) => (character === b[index] ? [] : [index]));
  return differ.length === 2 && differ[1] === differ[0]! + 1 && a[differ[0]!] === b[differ[1]!] && a[differ[1]!] === b[differ[0]!];
}

export function buildVocabulary(source: VocabularySource): Vocabulary {
  const byFirst = new Map<string, Form[]>();
  const latin = new Map<string, Form[]>();
  const entries: VocabularyEntry[] = [];
  const seen = new Set<string>();

  const addForm = (text: string, entry: VocabularyEntry, why: MatchReason) => {
    const lower = text.normalize('NFKC').toLowerCase().trim();
    if (lower.length === 0) return;
    const key = `${lower}\u0000${entry.kind}\u0000${entry.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    const forms = byFirst.get(lower[0]!) ?? [];
    forms.push({ text: lower, entry, why });
    byFirst.set(lower[0]!, forms);
  };
  const addLatinKey = (key: string, entry: VocabularyEntry, why: MatchReason) => {
    if (key.length < 2) return;
    const forms = latin.get(key) ?? [];
    if (!forms.some((form) => form.entry === entry)) forms.push({ text: key, entry, why });
    latin.set(key, forms);
  };
  const addPinyin = (chinese: string, entry: VocabularyEntry, initials: boolean) => {
    const keys = pinyinKeys(chinese);
    if (!keys) return;
    addLatinKey(keys.full, entry, 'pinyin');
    if (initials) addLatinKey(keys.initials, entry, 'initials');
  };
  /** Names get pinyin and initials; aliases only full pinyin (the initials of every alias would collide: 鬼市 "gs", 工商 "gs"). */
  const add = (entry: VocabularyEntry, extra: { text: string; why: MatchReason }[], pinyinOf: string[], aliasPinyinOf: string[] = []) => {
    entries.push(entry);
    addForm(entry.name.zh, entry, 'name');
    addForm(entry.name.en, entry, 'name');
    for (const form of extra) addForm(form.text, entry, form.why);
    for (const text of pinyinOf) addPinyin(text, entry, true);
    for (const text of aliasPinyinOf) addPinyin(text, entry, false);
  };

  const aliases = (texts: readonly string[]) => texts.flatMap(spellings).map((text) => ({ text, why: 'alias' as const }));
  for (const department of source.departments) {
    const entry: VocabularyEntry = { kind: 'department', id: department.id, name: department.name };
    const extra = [department.shortName.zh, department.shortName.en].map((text) => ({ text, why: 'shortName' as const }));
    add(entry, [...extra, ...aliases(department.aliases)], [department.name.zh, department.shortName.zh], department.aliases);
  }
  for (const place of source.geography.places) {
    add({ kind: 'place', id: place.id, name: place.name }, aliases([place.name.en, ...place.aliases]), [place.name.zh], place.aliases);
  }
  for (const road of source.geography.roads) {
    add({ kind: 'road', id: road.id, name: road.name }, aliases([road.name.en, ...road.aliases]), [road.name.zh]);
  }
  for (const grid of source.geography.grids) {
    add({ kind: 'grid', id: grid.id, name: grid.name }, [{ text: grid.code, why: 'alias' }, ...aliases([grid.name.en])], []);
  }
  // "彭浦新村街道" is a place when said whole: it must not read as the sub-district office ("街道").
  for (const subDistrict of source.geography.subDistricts ?? []) {
    add({ kind: 'subDistrict', id: subDistrict.id, name: subDistrict.name }, aliases([subDistrict.name.en]), []);
  }
  const entryIndex = new Map(entries.map((entry) => [`${entry.kind}\u0000${entry.id}`, entry]));
  const entryOf = (kind: EntryKind, id: string) => entryIndex.get(`${kind}\u0000${id}`);
  // "天目路" / "Tianmu Road" said without its direction: every road it could be (an ambiguity when there are two).
  const written = new Set([...byFirst.values()].flat().map((form) => form.text));
  for (const road of source.geography.roads) {
    const entry = entryOf('road', road.id)!;
    for (const text of withoutDirection(road.name).flatMap(spellings)) if (!written.has(text.toLowerCase())) addForm(text, entry, 'alias');
  }
  const categories = new Map(source.categories.map((category) => [category.code, category]));
  for (const category of source.categories) {
    const entry: VocabularyEntry = { kind: 'category', id: category.code, name: category.name };
    add(entry, [], []);
    entryIndex.set(`category\u0000${category.code}`, entry);
  }
  // Words for a category or a department this room does not have are left out.
  for (const item of source.lexicon.filter(isCategoryWords)) {
    const entry = entryOf('category', item.code);
    if (entry) for (const text of [...item.zh, ...item.en]) addForm(text, entry, 'word');
  }
  for (const item of source.lexicon.filter(isDepartmentWords)) {
    const entry = entryOf('department', item.department);
    if (entry) for (const text of [...item.zh, ...item.en]) addForm(text, entry, 'word');
  }
  namePlacesAfterTheirProblem(byFirst);
  const combinations = compileCombinations(source.lexicon).flatMap((combination) => {
    const entry = entryOf('category', combination.code);
    return entry ? [{ ...combination, entry }] : [];
  });
  for (const camera of source.cameras ?? []) add({ kind: 'camera', id: camera.id, name: camera.name }, [], [camera.name.zh]);

  for (const forms of byFirst.values()) forms.sort((a, b) => b.text.length - a.text.length);
  // Latin written forms (English names, aliases like "jj") are also keys for a single typed word.
  for (const forms of byFirst.values()) {
    for (const form of forms) if (isLatin(form.text) && !form.text.includes(' ')) addLatinKey(form.text, form.entry, form.why);
  }
  return {
    byFirst,
    latin,
    fuzzyKeys: [...latin.keys()].filter((key) => key.length >= 5),
    combinations,
    containers: containersOf(combinations),
    entries,
    categories,
    departments: new Map(source.departments.map((department) => [department.id, department])),
  };
}

/**
 * A place named after the problem it is known for ("光复路鬼市", "光复路早市")
 * names that problem too, as "鬼市" alone does: its written form gets the
 * category besides the place.
 */
function namePlacesAfterTheirProblem(byFirst: Map<string, Form[]>): void {
  const problems = new Map<string, Form>();
  for (const forms of byFirst.values()) for (const form of forms) if (form.entry.kind === 'category' && form.text.length >= 2) problems.set(form.text, form);
  for (const forms of byFirst.values()) {
    for (const form of [...forms]) {
      if (form.entry.kind !== 'place') continue;
      for (let start = 1; start <= form.text.length - 2; start++) {
        const problem = problems.get(form.text.slice(start));
        if (!problem || forms.some((other) => other.text === form.text && other.entry === problem.entry)) continue;
        forms.push({ text: form.text, entry: problem.entry, why: 'word' });
        break;
      }
    }
  }
}

/** Where each combination word occurs inside a longer combination word ("车" in "电瓶车"); names are found before combinations, so they need no entry. */
function containersOf(combinations: readonly Combination[]): Map<string, { text: string; offset: number }[]> {
  // A few hundred words at most: comparing each with each is cheap and plain.
  const words = [...new Set(combinations.flatMap((combination) => combination.groups.flat()))];
  const offsets = (word: string, text: string) => {
    const found: number[] = [];
    for (let offset = text.indexOf(word); offset >= 0; offset = text.indexOf(word, offset + 1)) found.push(offset);
    return found;
  };
  return new Map(words.map((word) => [word, words.filter((text) => text.length > word.length).flatMap((text) => offsets(word, text).map((offset) => ({ text, offset })))]));
}

export interface Found {
  start: number;
  end: number;
  text: string;
  forms: Form[];
}

const wordCharacter = /[a-z0-9]/;

/**
 * The longest written forms in `text`, left to right, never overlapping.
 * Latin forms must stand as whole words ("jj" is not found inside "jjj").
 * Every entry sharing the winning text is kept: "鬼市" is a place and a problem.
 */
export function scanForms(text: string, vocabulary: Vocabulary, spans: SpanTracker): Found[] {
  const lower = text.toLowerCase();
  const found: Found[] = [];
  for (let index = 0; index < lower.length; ) {
    if (spans.isTaken(index)) {
      index++;
      continue;
    }
    const candidates = vocabulary.byFirst.get(lower[index]!) ?? [];
    const best: Form[] = [];
    for (const form of candidates) {
      if (best.length && form.text.length < best[0]!.text.length) break;
      if (!lower.startsWith(form.text, index)) continue;
      const end = index + form.text.length;
      if (!spans.isFree({ start: index, end })) continue;
      if (isLatin(form.text)) {
        const before = lower[index - 1];
        const after = lower[end];
        if ((before && wordCharacter.test(before)) || (after && wordCharacter.test(after))) continue;
      }
      best.push(form);
    }
    if (best.length === 0) {
      index++;
      continue;
    }
    const end = index + best[0]!.text.length;
    found.push({ start: index, end, text: text.slice(index, end), forms: best });
    spans.take({ start: index, end });
    index = end;
  }
  return found;
}

/** A typed Latin word against pinyin, initials and Latin aliases: exact first, then small typos. */
export function lookUpLatin(word: string, vocabulary: Vocabulary): Form[] {
  const key = word.toLowerCase();
  const exact = vocabulary.latin.get(key);
  if (exact) return exact;
  if (key.length < 5) return [];
  const allowed = key.length >= 8 ? 2 : 1;
  let bestDistance = allowed + 1;
  let best: Form[] = [];
  for (const candidate of vocabulary.fuzzyKeys) {
    if (Math.abs(candidate.length - key.length) > allowed) continue;
    const edits = isOneSwap(key, candidate) ? 1 : distance(key, candidate);
    if (edits > allowed || edits > bestDistance) continue;
    const forms = vocabulary.latin.get(candidate)!.map((form) => ({ ...form, why: 'fuzzy' as const }));
    if (edits < bestDistance) {
      bestDistance = edits;
      best = forms;
    } else best.push(...forms);
  }
  return best;
}
