import type { Case } from '../../../shared/domain/case';

/** Urgent first, then the newest: what the operator must see at the top. */
export function sortForQueue(cases: Iterable<Case>): Case[] {
  return [...cases].sort((a, b) => Number(b.urgent) - Number(a.urgent) || b.reportedAt - a.reportedAt || b.id - a.id);
}
