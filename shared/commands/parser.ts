import { caseKinds } from './grammar';
import { maxCommandLength, normalizeCommand } from './normalize';
import { emptyParse, type Parse } from './parseResult';
import { caseNamedIn, readCaseRefs, readStandingNumbers, type FoundCaseRef } from './phases/caseRefs';
import { caseRefsOf, firstProblem, kindOf } from './phases/classify';
import { readCount } from './phases/count';
import { readFields, type Fields } from './phases/fields';
import { leftoverWords } from './phases/leftovers';
import { readLocation } from './phases/location';
import { readModifiers, readUrgency } from './phases/modifiers';
import { readCamera, readDepartments, scanLatinWords, scanNames } from './phases/names';
import { readCombinations, readProblem } from './phases/problems';
import type { ParserContext, Reading } from './phases/reading';
import { readVerb, type VerbReading } from './phases/verb';
import { readWallArguments } from './phases/wall';
import { SpanTracker } from './spans';
import type { Locale } from '../domain/names';

export type { Ambiguity, CaseRef, NamedRef, Parse, ParseErrorCode, ParsedCategory, ParsedLocation } from './parseResult';
export type { ParserContext } from './phases/reading';

/** Words that may open a reason: "原因 不属于本辖区", "because not ours". */
const reasonOpening = /^(?:原因|理由|因为|reason|because)\s*[:：]?\s*/i;

/**
 * Reads one command line: a terse command ("派 0017 城管", "screen 11
 * Guangfu Road") or a spoken-style sentence describing an incident
 * ("光复路200号门口3个摊头占道，城管速去"). Pure and total: any string gives
 * a Parse, with `error` set when it cannot be acted on, in time linear in
 * the input (capped at 500 characters).
 *
 * Phases run in order over one span tracker (shared/commands/phases/):
 * each takes the words it understood, so a later phase never reads them
 * again — a case number is never a count, a house number never a case —
 * and whatever no phase took is reported as not understood.
 */
export function parseCommand(raw: string, context: ParserContext, locale: Locale = 'zh-CN'): Parse {
  const text = normalizeCommand(raw);
  const parse = emptyParse(text);
  if (text.length === 0) return { ...parse, error: { code: 'empty' } };
  if (text.length > maxCommandLength) return { ...parse, input: text.slice(0, 80), error: { code: 'tooLong', detail: String(text.length) } };
  const reading: Reading = { text, spans: new SpanTracker(text), context, locale };

  const verb = readVerb(reading);
  const fields = readFields(reading);
  const namedCases = readCaseRefs(reading, verb);
  const wall = readWallArguments(reading, verb);
  const { level } = readModifiers(reading, wall.kind);
  const names = scanNames(reading);
  const { combinations, absorbed } = readCombinations(reading, names);
  const hits = names.filter((hit) => !absorbed.has(hit));
  const urgentWords = readUrgency(reading);
  hits.push(...scanLatinWords(reading));
  hits.sort((a, b) => a.found.start - b.found.start);
  const departments = readDepartments(reading, hits, fields);
  const camera = readCamera(reading, hits);
  const problem = readProblem(reading, hits, combinations, fields);
  const location = readLocation(reading, hits);
  const problemStarts = new Set([...hits.filter((hit) => hit.kind === 'category').map((hit) => hit.found.start), ...combinations.map((hit) => hit.start)]);
  const count = readCount(reading, problemStarts, verb.kind !== null && caseKinds.includes(verb.kind));

  const kind = kindOf(wall.kind, { category: problem.category !== null, location: location.location !== null, caseNamed: namedCases.length > 0 });
  if (kind === 'return' || kind === 'void') return withReason(parse, reading, { kind, verb, refs: namedCases, fields });
  const refs = [...namedCases, ...readStandingNumbers(reading, kind)];
  const { screen, layout, module, presentation } = wall;
  Object.assign(parse, { kind, ...caseRefsOf(kind, refs), level, count, screen, layout, module, presentation, reason: fields.reason });
  parse.departments = departments.departments;
  parse.camera = camera.camera;
  parse.category = problem.category;
  parse.location = location.location;
  Object.assign(parse, urgencyOf(reading, { kind, verb: wall.kind, said: urgentWords, categoryCode: problem.category?.code ?? null }));
  parse.ambiguities = [...departments.ambiguities, ...problem.ambiguities, ...location.ambiguities, ...camera.ambiguities];
  parse.unknownWords = [...new Set([...departments.unknown, ...problem.unknown, ...location.unknown, ...leftoverWords(reading.spans)])];
  parse.error = caseOnlyInReason(parse, refs) ?? firstProblem(parse, refs, wall.kind);
  return parse;
}

/**
 * A return or a void: everything said after its case is the reason, names
 * and numbers included ("作废 this 与20261127-0003重复", "退回 17 应由交警处理"),
 * so nothing in it is read as a department, a place or a second case.
 */
function withReason(parse: Parse, reading: Reading, said: { kind: 'return' | 'void'; verb: VerbReading; refs: FoundCaseRef[]; fields: Fields }): Parse {
  // The case is the one said before the verb or right after it; anything after that is the reason.
  let start = said.verb.span?.end ?? 0;
  const refs: FoundCaseRef[] = [];
  for (const ref of [...said.refs].sort((a, b) => a.at - b.at)) {
    if (ref.at >= start && !/^[\s,，:：]*$/.test(reading.text.slice(start, ref.at))) break;
    refs.push(ref);
    start = Math.max(start, ref.end);
  }
  const words = reading.text.slice(start).replace(/^[\s,，:：;；.。!！]+/, '').replace(reasonOpening, '').replace(/[\s,，。.!！]+$/, '').trim();
  const fieldReason = said.fields.reason;
  Object.assign(parse, { kind: said.kind, ...caseRefsOf(said.kind, refs), reason: fieldReason ?? (words || null) });
  parse.unknownWords = wordsBesideReason(reading, { verb: said.verb, refs, reasonFrom: said.fields.reasonAt ?? start, fields: said.fields });
  parse.error = casesBesideReason(reading, refs, { refs: said.refs, fieldReason }) ?? caseOnlyInReason(parse, refs) ?? firstProblem(parse, refs, said.kind);
  return parse;
}

/**
 * What a return or a void cannot use: words outside its verb, its case and
 * its reason ("退单 to: case 1 reason: …" would drop the 1 unseen), and a
 * number given as a department or a category, which it has neither of.
 */
function wordsBesideReason(reading: Reading, said: { verb: VerbReading; refs: readonly FoundCaseRef[]; reasonFrom: number; fields: Fields }): string[] {
  const outside = new SpanTracker(reading.text);
  if (said.verb.span) outside.take(said.verb.span);
  for (const ref of said.refs) outside.take({ start: ref.at, end: ref.end });
  outside.take({ start: said.reasonFrom, end: reading.text.length });
  const numbersInFields = [...said.fields.departments, ...said.fields.categories].filter((value) => /\d/.test(value));
  return [...new Set([...leftoverWords(outside), ...numbersInFields])];
}

/**
 * Cases said after the case of a return or a void: inside the reason they
 * are part of it, but with none before ("作废 街头散发小广告 0001 reason: …") one
 * may be the case meant, and beside a "reason:" field one is a second case.
 */
function casesBesideReason(reading: Reading, refs: readonly FoundCaseRef[], said: { refs: FoundCaseRef[]; fieldReason: string | null }): Parse['error'] {
  const later = said.refs.filter((ref) => !refs.includes(ref)).map((ref) => reading.text.slice(ref.at, ref.end));
  if (later.length === 0) return null;
  if (refs.length === 0) return { code: 'strayNumber', detail: later.join('、') };
  return said.fieldReason !== null ? { code: 'tooManyCases', detail: later.join('、') } : null;
}

/** "退回 不属于本辖区 0017", "结案 reason: 0017": a case named only inside the reason may be the case meant, never the selected one. */
function caseOnlyInReason(parse: Parse, refs: readonly FoundCaseRef[]): Parse['error'] {
  const named = refs.length === 0 && parse.reason !== null ? caseNamedIn(parse.reason) : null;
  return named ? { code: 'strayNumber', detail: named } : null;
}

/** Urgent when said, when an urgent verb opened a new case, or when a new case's category is urgent by default (a gas leak). */
function urgencyOf(reading: Reading, facts: { kind: Parse['kind']; verb: Parse['kind']; said: boolean; categoryCode: string | null }): Pick<Parse, 'urgency' | 'urgencyFrom'> {
  if (facts.said || (facts.verb === 'urgent' && facts.kind === 'newCase')) return { urgency: 'urgent', urgencyFrom: 'words' };
  const category = facts.categoryCode ? reading.context.vocabulary.categories.get(facts.categoryCode) : undefined;
  if (facts.kind === 'newCase' && category?.urgentByDefault) return { urgency: 'urgent', urgencyFrom: 'category' };
  return { urgency: 'normal', urgencyFrom: null };
}
