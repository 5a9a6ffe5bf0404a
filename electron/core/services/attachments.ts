import type { AttachmentInfo } from '../../../shared/contract/contract';
import { CoreError } from '../errors';
import type { CaseStore } from '../store/caseStore';
import type { Db } from '../store/database';
import type { Actor } from './actors';

/** The first bytes each accepted image type starts with. */
const signatures: Record<AttachmentInfo['mime'], (bytes: Buffer) => boolean> = {
  'image/jpeg': (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  'image/png': (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
};

interface AttachmentRow {
  id: number;
  case_id: number;
  at: number;
  actor: string;
  kind: AttachmentInfo['kind'];
  mime: AttachmentInfo['mime'];
  caption: string;
}

/**
 * Photos and snapshots on cases. An attachment is written with its audit
 * event and outbox record in one transaction, like every other change.
 */
export function createAttachmentService(deps: { db: Db; cases: CaseStore; clock: () => number; names: () => Map<string, string> }) {
  const { db, cases } = deps;
  const insert = db.prepare('INSERT INTO case_attachments (case_id, at, actor, kind, mime, caption, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const list = db.prepare('SELECT id, case_id, at, actor, kind, mime, caption FROM case_attachments WHERE case_id = ? ORDER BY id');
  const one = db.prepare('SELECT mime, bytes FROM case_attachments WHERE id = ?');
  const info = (row: AttachmentRow): AttachmentInfo => ({
    id: row.id,
    caseId: row.case_id,
    at: row.at,
    kind: row.kind,
    mime: row.mime,
    caption: row.caption,
    actorName: deps.names().get(row.actor) ?? row.actor,
  });

  return {
    attach(input: { caseId: number; kind: AttachmentInfo['kind']; mime: AttachmentInfo['mime']; dataBase64: string; caption: string }, actor: Actor): AttachmentInfo {
      if (!cases.get(input.caseId)) throw new CoreError('notFound', { id: input.caseId });
      const bytes = Buffer.from(input.dataBase64, 'base64');
      if (bytes.length < 12 || !signatures[input.mime](bytes)) throw new CoreError('notAnImage', {}, [{ path: 'dataBase64', message: 'other' }]);
      const at = deps.clock();
      const id = db.transaction(() => {
        const rowId = Number(insert.run(input.caseId, at, actor.id, input.kind, input.mime, input.caption, bytes).lastInsertRowid);
        cases.patch(input.caseId, {}, at);
        cases.audit.append({ caseId: input.caseId, at, actor: actor.id, input: actor.input, kind: 'attached', data: { attachmentId: rowId, kind: input.kind, caption: input.caption } });
        // The outbox names the attachment; the sync reads its bytes from the table when it sends.
        cases.outbox.append(at, 'case.attached', { caseId: input.caseId, attachmentId: rowId, kind: input.kind, mime: input.mime }, input.caseId);
        return rowId;
      })();
      return info({ id, case_id: input.caseId, at, actor: actor.id, kind: input.kind, mime: input.mime, caption: input.caption });
    },
    list(caseId: number): AttachmentInfo[] {
      return (list.all(caseId) as AttachmentRow[]).map(info);
    },
    get(attachmentId: number): { mime: string; dataBase64: string } {
      const row = one.get(attachmentId) as { mime: string; bytes: Buffer } | undefined;
      if (!row) throw new CoreError('notFound', { id: attachmentId });
      return { mime: row.mime, dataBase64: row.bytes.toString('base64') };
    },
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;
