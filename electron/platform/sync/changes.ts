import type { z } from 'zod';
import type { Change, ChangesQuerySchema, ChangesResponse, SyncCase } from '../../../shared/sync/protocol';
import type { PlatformLogger } from '../logger';
import type { Sql } from '../storage/openStorage';
import type { ChangeNotifier } from './notifier';

type Query = z.output<typeof ChangesQuerySchema>;

interface ChangeRow {
  change_no: number;
  kind: Change['kind'];
  origin_client: string | null;
  origin_seq: number | null;
  note: string | null;
  case_id: number;
  data: SyncCase;
}

/**
 * A sub-centre's changes after its cursor. Read in one snapshot with the
 * counter, so `last` (where the wall's cursor moves) never passes a change
 * the wall has not been given. A cursor from another epoch, or ahead of the
 * platform (restored from a backup), is answered "reset". With `waitMs` the
 * pull waits for the next change (long poll) when there is none yet. The
 * pulling wall's own actions are left out: it has them, and `last` passes them.
 */
export async function readChanges(deps: { sql: Sql; notifier: ChangeNotifier; logger: PlatformLogger }, subCentreId: string, query: Query, signal?: AbortSignal): Promise<ChangesResponse> {
  const first = await readOnce(deps, subCentreId, query);
  if (first.type === 'reset' || first.changes.length > 0 || query.waitMs === 0 || signal?.aborted) return first;
  await deps.notifier.wait(subCentreId, query.waitMs, signal);
  return readOnce(deps, subCentreId, query);
}

async function readOnce(deps: { sql: Sql; logger: PlatformLogger }, subCentreId: string, query: Query): Promise<ChangesResponse> {
  return deps.sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
    const [head] = await tx<{ epoch: string; last: number }[]>`
      SELECT (SELECT value FROM platform_meta WHERE key = 'epoch') AS epoch, (SELECT last FROM change_counter WHERE id = 1) AS last`;
    const { epoch, last } = head!;
    const stale = (query.epoch !== '' && query.epoch !== epoch) || (query.epoch === '' && query.after > 0);
    if (stale || query.after > last) {
      if (query.after > last) deps.logger.warn('sync.cursorAhead', { subCentreId, after: query.after, last });
      return { type: 'reset', epoch } satisfies ChangesResponse;
    }
    const rows = await tx<ChangeRow[]>`
      SELECT ch.change_no, ch.kind, ch.origin_client, ch.origin_seq, ch.note, ch.case_id, c.data
      FROM changes ch JOIN cases c ON c.id = ch.case_id
      WHERE ch.sub_centre = ${subCentreId} AND ch.change_no > ${query.after}
        AND ${query.clientId ? tx`ch.origin_client IS DISTINCT FROM ${query.clientId}` : tx`TRUE`}
      ORDER BY ch.change_no LIMIT ${query.limit + 1}`;
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    return { type: 'changes', epoch, changes: latestPerCase(page), last: more ? page.at(-1)!.change_no : last, more } satisfies ChangesResponse;
  });
}

/** Every row carries the case as it is now: a case changed several times in one page goes once, at its last change. */
function latestPerCase(rows: readonly ChangeRow[]): Change[] {
  const lastIndex = new Map(rows.map((row, index) => [row.case_id, index]));
  return rows
    .filter((row, index) => lastIndex.get(row.case_id) === index)
    .map((row) => ({
      changeNo: row.change_no,
      kind: row.kind,
      case: row.data,
      origin: row.origin_client && row.origin_seq ? { clientId: row.origin_client, clientSeq: row.origin_seq } : null,
      note: row.note,
    }));
}
