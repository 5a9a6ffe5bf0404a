import { formatCaseNumber, roomDayKey } from '../domain/caseNumber';
import type { Ambiguity, CaseRef, Parse } from './parseResult';

/** A serial not found today is looked for this many days back. */
export const recentSerialDays = 7;
const dayMs = 24 * 60 * 60 * 1000;

/** What the room knows of a case, found by its full number. */
export interface CaseLookup {
  /** The room's clock: "today" is its day in Asia/Shanghai (shared code never reads the machine's clock). */
  now: number;
  /** A short description for a list of candidates ("光复路200号 乱设摊"), or null when there is no such case. */
  find(number: string): { summary: string } | null;
}

type Resolution = { ref: CaseRef; ambiguity?: Ambiguity; missing?: string };

/** Today's case with that serial; else the one recent day that has it; else every recent candidate, or none. */
function resolveSerial(ref: Extract<CaseRef, { kind: 'serial' }>, lookup: CaseLookup): Resolution {
  const todays = formatCaseNumber(roomDayKey(lookup.now), ref.serial);
  if (lookup.find(todays)) return { ref: { kind: 'number', number: todays, serial: ref.serial, today: true } };
  const candidates: { number: string; summary: string }[] = [];
  // Asia/Shanghai keeps no daylight saving: 24-hour steps land on each earlier day.
  for (let daysBack = 1; daysBack <= recentSerialDays; daysBack++) {
    const number = formatCaseNumber(roomDayKey(lookup.now - daysBack * dayMs), ref.serial);
    const found = lookup.find(number);
    if (found) candidates.push({ number, summary: found.summary });
  }
  if (candidates.length === 1) return { ref: { kind: 'number', number: candidates[0]!.number, serial: ref.serial, today: false } };
  if (candidates.length === 0) return { ref, missing: ref.text };
  const listed = candidates.map((candidate) => ({ id: candidate.number, name: [candidate.number, candidate.summary].filter(Boolean).join(' '), why: 'serial' as const }));
  return { ref, ambiguity: { field: 'case', text: ref.text, candidates: listed, chosen: null } };
}

/**
 * Turns the short serials of a parse ("0017", "35号") into full case
 * numbers. A serial that names no case, or several, is refused with the
 * candidates listed — it never falls back to the selected case.
 */
export function resolveCaseRefs(parse: Parse, lookup: CaseLookup): Parse {
  const resolve = (ref: CaseRef | null): Resolution | null => (ref?.kind === 'serial' ? resolveSerial(ref, lookup) : null);
  const resolutions = [resolve(parse.caseRef), resolve(parse.targetCaseRef)];
  if (resolutions.every((item) => item === null)) return parse;
  const ambiguities = resolutions.flatMap((item) => (item?.ambiguity ? [item.ambiguity] : []));
  const missing = resolutions.find((item) => item?.missing)?.missing;
  // The parser's own objection about which cases were named comes first; a serial that names no case before any other.
  const caseError = parse.error && ['tooManyCases', 'missingVerb', 'strayNumber'].includes(parse.error.code);
  const error: Parse['error'] = caseError ? parse.error : missing ? { code: 'serialNotFound', detail: missing } : ambiguities.length ? { code: 'ambiguous' } : parse.error;
  return {
    ...parse,
    caseRef: resolutions[0]?.ref ?? parse.caseRef,
    targetCaseRef: resolutions[1]?.ref ?? parse.targetCaseRef,
    ambiguities: [...ambiguities, ...parse.ambiguities],
    error,
  };
}
