import { caseKinds, wallLayouts, type CommandKind } from '../grammar';
import type { CaseRef, Parse } from '../parseResult';
import type { FoundCaseRef } from './caseRefs';

/** What the line does, from its verb and what it describes. */
export function kindOf(verb: CommandKind | null, described: { category: boolean; location: boolean; caseNamed: boolean }): CommandKind | null {
  const describesIncident = described.category || (described.location && verb !== 'screen');
  // "派城管去光复路200号…", "Urgent: stalls at …", "屏11 两个摊头…": no case named, an incident described — a new case.
  const opensNewCase = !described.caseNamed && describesIncident && (verb === 'dispatch' || verb === 'urgent' || (verb === 'screen' && described.category));
  if (verb === null || verb === 'newCase' || opensNewCase) return describesIncident || verb === 'newCase' ? 'newCase' : null;
  return verb;
}

/** How many cases a command acts on: a merge two, other case commands one, the rest none. */
export const casesTaken = (kind: CommandKind | null): number => (kind === 'merge' ? 2 : kind && caseKinds.includes(kind) ? 1 : 0);

/** The case acted on (the selected one when a case command names none) and the case a merge goes into. */
export function caseRefsOf(kind: CommandKind | null, refs: readonly FoundCaseRef[]): { caseRef: CaseRef | null; targetCaseRef: CaseRef | null } {
  const sorted = [...refs].sort((a, b) => a.at - b.at);
  const caseRef = sorted[0]?.ref ?? (casesTaken(kind) > 0 ? { kind: 'selected' as const } : null);
  // Only a merge has a second case; any other extra case is refused (tooManyCases), never carried along.
  return { caseRef, targetCaseRef: kind === 'merge' ? (sorted[1]?.ref ?? null) : null };
}

const refText = (ref: CaseRef) => (ref.kind === 'selected' ? 'this' : ref.kind === 'number' ? ref.number : ref.text);

/**
 * Why the line cannot run, first reason first; null when it can.
 * `refs` are all the cases named; `verb` the verb as said (a "派" that
 * opened a new case still says a case may have been meant).
 */
export function firstProblem(parse: Parse, refs: readonly FoundCaseRef[], verb: CommandKind | null): Parse['error'] {
  const taken = casesTaken(parse.kind);
  if (refs.length > taken) {
    const extra = refs.slice(taken).map((item) => refText(item.ref)).join('、');
    return taken === 0 ? { code: 'missingVerb', detail: refs.map((item) => refText(item.ref)).join('、') } : { code: 'tooManyCases', detail: extra };
  }
  if (parse.kind === null) return { code: 'unrecognised' };
  // A number nobody used, in a line that acts on a case, may be the case the operator meant.
  const stray = parse.unknownWords.filter((word) => /\d/.test(word));
  if (stray.length && (casesTaken(parse.kind) > 0 || (verb !== null && caseKinds.includes(verb)))) return { code: 'strayNumber', detail: stray.join('、') };
  if (parse.ambiguities.some((item) => item.chosen === null)) return { code: 'ambiguous' };
  return kindProblem(parse);
}

function kindProblem(parse: Parse): Parse['error'] {
  switch (parse.kind) {
    case 'dispatch':
    case 'assist':
      return parse.departments.length ? null : { code: 'missingDepartment' };
    case 'return':
    case 'void':
      return parse.reason ? null : { code: 'missingReason' };
    case 'merge':
      return parse.targetCaseRef ? null : { code: 'missingTarget' };
    case 'newCase':
      return parse.category ? null : { code: 'missingCategory' };
    case 'screen':
      if (parse.screen === null) return { code: 'missingScreen' };
      return parse.camera || parse.location ? null : { code: 'missingCamera' };
    case 'layout':
      return parse.layout !== null && (wallLayouts as readonly number[]).includes(parse.layout) ? null : { code: 'badLayout', detail: wallLayouts.join('/') };
    case 'module':
      return parse.module ? null : { code: 'missingModule' };
    default:
      return null;
  }
}
