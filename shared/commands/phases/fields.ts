import type { Reading } from './reading';

/** Values given with a field identifier: they name things exactly. */
export interface Fields {
  /** "to:城管,交警": department words, in order. */
  departments: string[];
  /** "cat:20101" or a category's name. */
  category: string | null;
  /** "reason: …" runs to the end of the line. */
  reason: string | null;
}

const fieldPattern = /(?:^|\s)(to|dept|部门|reason|原因|理由|cat|类别|at|地点|level|级别)\s*[:=]\s*/gi;
const reasonKeys = new Set(['reason', '原因', '理由']);
/** Values read whole by the names phase; an "at:" or "level:" value is read where places and levels are. */
const wholeValueKeys = new Set(['to', 'dept', '部门', 'cat', '类别']);

/** Field identifiers ("to:城管", "cat:20101", "reason: 地址错误", "at:光复路200号"). */
export function readFields(reading: Reading): Fields {
  const { text, spans } = reading;
  const values = new Map<string, string>();
  for (const match of text.matchAll(fieldPattern)) {
    const key = match[1]!.toLowerCase();
    const valueStart = match.index + match[0].length;
    const isReason = reasonKeys.has(key);
    const valueEnd = isReason ? text.length : valueStart + (/^\S*/.exec(text.slice(valueStart))?.[0].length ?? 0);
    if (!spans.isFree({ start: match.index, end: valueEnd })) continue;
    values.set(isReason ? 'reason' : key, text.slice(valueStart, valueEnd).trim());
    spans.take({ start: match.index, end: isReason || wholeValueKeys.has(key) ? valueEnd : valueStart });
  }
  const to = values.get('to') ?? values.get('dept') ?? values.get('部门') ?? '';
  return {
    departments: to.split(/[,，、]/).filter(Boolean),
    category: values.get('cat') ?? values.get('类别') ?? null,
    reason: values.get('reason') || null,
  };
}
