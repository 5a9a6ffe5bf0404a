import { caseStartsAt } from './caseRefs';
import type { Reading } from './reading';

/** Values given with a field identifier: they name things exactly. */
export interface Fields {
  /** "to:城管,交警": department words, in order, from every "to:" said. */
  departments: string[];
  /** "cat:20101" or a category's name; the first said leads. */
  categories: string[];
  /** "reason: …" runs to the end of the line. */
  reason: string | null;
  /** Where "reason:" was said, when it was. */
  reasonAt: number | null;
}

const fieldPattern = /(?:^|\s)(to|dept|部门|reason|原因|理由|cat|类别|at|地点|level|级别)\s*[:=]\s*/gi;
const reasonKeys = new Set(['reason', '原因', '理由']);
const departmentKeys = new Set(['to', 'dept', '部门']);
const categoryKeys = new Set(['cat', '类别']);
const listSeparators = /[,，、]/;

/**
 * Field identifiers ("to:城管", "cat:20101", "reason: 地址错误",
 * "at:光复路200号"). Department and category values are taken whole here
 * and read by the names phase, which reports a value that names nothing;
 * a field said twice adds to the first, so no value taken is ever dropped.
 * A value that names a case ("to: case 1", "cat: 0017") is left to the
 * case phase: a case said is the case acted on, whatever stands before it.
 * An "at:" or "level:" value is left where places and levels are read.
 */
export function readFields(reading: Reading): Fields {
  const { text, spans } = reading;
  const fields: Fields = { departments: [], categories: [], reason: null, reasonAt: null };
  for (const match of text.matchAll(fieldPattern)) {
    const key = match[1]!.toLowerCase();
    const valueStart = match.index + match[0].length;
    const isReason = reasonKeys.has(key);
    const namesCase = !isReason && caseStartsAt(text, valueStart);
    const valueEnd = isReason ? text.length : namesCase ? valueStart : valueStart + (/^\S*/.exec(text.slice(valueStart))?.[0].length ?? 0);
    if (!spans.isFree({ start: match.index, end: valueEnd })) continue;
    const value = text.slice(valueStart, valueEnd).trim();
    const takenWhole = isReason || departmentKeys.has(key) || categoryKeys.has(key);
    spans.take({ start: match.index, end: takenWhole ? valueEnd : valueStart });
    if (isReason) Object.assign(fields, { reason: value || null, reasonAt: match.index });
    else if (departmentKeys.has(key)) fields.departments.push(...value.split(listSeparators).filter(Boolean));
    else if (categoryKeys.has(key) && value) fields.categories.push(value);
  }
  return fields;
}
