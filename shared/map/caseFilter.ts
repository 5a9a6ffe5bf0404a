import { isOpen, isOverdue, supervisionLevel, type Case, type CaseStatus } from '../domain/case';
import { searchableCharacters } from '../domain/searchTokens';

/** The queue's filters, as the map applies them to the open cases it holds (the same rules as the core's query). */
export interface CaseFilterRules {
  statuses: readonly CaseStatus[];
  sourceIds: readonly string[];
  categoryPrefixes: readonly string[];
  gridIds: readonly string[];
  departmentIds: readonly string[];
  urgent: boolean | null;
  overdue: boolean | null;
  supervised: boolean | null;
  text: string;
}

/** Prepared once per filter: the text as the search index reads it. */
export function caseFilter(rules: CaseFilterRules): (item: Case, now: number) => boolean {
  const wanted = searchableCharacters(rules.text).join('');
  const within = (values: readonly string[], value: string | null) => values.length === 0 || (value !== null && values.includes(value));
  return (item, now) =>
    (rules.statuses.length === 0 ? isOpen(item.status) : rules.statuses.includes(item.status)) &&
    within(rules.sourceIds, item.sourceId) &&
    within(rules.gridIds, item.gridId) &&
    within(rules.departmentIds, item.leadDepartmentId) &&
    (rules.categoryPrefixes.length === 0 || rules.categoryPrefixes.some((prefix) => item.categoryCode.startsWith(prefix))) &&
    (rules.urgent === null || item.urgent === rules.urgent) &&
    (rules.overdue === null || isOverdue(item, now) === rules.overdue) &&
    (rules.supervised === null || supervisionLevel(item, now) > 0 === rules.supervised) &&
    (wanted === '' || searchableCharacters(`${item.number} ${item.description} ${item.address}`).join('').includes(wanted));
}

/** Whether a filter narrows anything (the map says "all open cases" otherwise). */
export function filterNarrows(rules: CaseFilterRules): boolean {
  return (
    rules.statuses.length > 0 ||
    rules.sourceIds.length > 0 ||
    rules.categoryPrefixes.length > 0 ||
    rules.gridIds.length > 0 ||
    rules.departmentIds.length > 0 ||
    rules.urgent !== null ||
    rules.overdue !== null ||
    rules.supervised !== null ||
    rules.text.trim() !== ''
  );
}
