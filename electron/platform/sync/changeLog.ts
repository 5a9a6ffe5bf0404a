import type { Tx } from '../storage/openStorage';


export interface NewChange {
  subCentre: string;
  caseId: number;
  kind: 'upsert' | 'removed';
  originClient: string | null;
  originSeq: number | null;
  note: string | null;
}

/**
 * Numbers `count` changes inside the caller's transaction. The counter row
 * stays locked until that transaction ends, so a later transaction's numbers
 * are higher and become visible after these: a reader that has seen number
 * N has seen every number below it.
 */
export async function takeChangeNumbers(tx: Tx, count: number): Promise<number> {
  if (count === 0) {
    const [row] = await tx<{ last: number }[]>`SELECT last FROM change_counter WHERE id = 1`;
    return row!.last + 1;
  }
  const [row] = await tx<{ last: number }[]>`UPDATE change_counter SET last = last + ${count} WHERE id = 1 RETURNING last`;
  return row!.last - count + 1;
}

/** Writes numbered changes (first number from `takeChangeNumbers`). */
export async function insertChanges(tx: Tx, first: number, changes: readonly NewChange[]): Promise<void> {
  if (changes.length === 0) return;
  await tx`
    INSERT INTO changes (change_no, sub_centre, case_id, kind, origin_client, origin_seq, note)
    SELECT u.no, u.sub_centre, u.case_id, u.kind, NULLIF(u.origin_client, ''), NULLIF(u.origin_seq, 0), NULLIF(u.note, '')
    FROM unnest(
      ${tx.array(changes.map((_, index) => first + index))}::bigint[],
      ${tx.array(changes.map((change) => change.subCentre))}::text[],
      ${tx.array(changes.map((change) => change.caseId))}::bigint[],
      ${tx.array(changes.map((change) => change.kind))}::text[],
      ${tx.array(changes.map((change) => change.originClient ?? ''))}::text[],
      ${tx.array(changes.map((change) => change.originSeq ?? 0))}::bigint[],
      ${tx.array(changes.map((change) => change.note ?? ''))}::text[]
    ) AS u(no, sub_centre, case_id, kind, origin_client, origin_seq, note)`;
  // (Empty text and 0 stand for "none" in the arrays: NULLIF turns them back.)
}
