import type { InputKind } from '../../../shared/contract/messages';
import type { OperatorRole } from '../../../shared/domain/lifecycle';
import type { AuditTrail } from '../store/auditTrail';

/** Who acts, in which role and through which input; recorded with every change. */
export interface Actor {
  id: string;
  role: OperatorRole;
  input: InputKind;
}

/** The core itself (a slot switch, a timer): never a window's to claim. */
export const systemActor: Actor = { id: 'system', role: 'operator', input: 'system' };

/**
 * Records a change made outside the case lifecycle (wall, video matrix,
 * reports) in the audit trail; with a case id when it concerns one case
 * (it then shows in that case's timeline).
 */
export type RoomAudit = (actor: Actor, kind: string, data: Record<string, unknown>, caseId?: number | null) => void;

export function roomAudit(audit: AuditTrail, clock: () => number): RoomAudit {
  return (actor, kind, data, caseId = null) => audit.append({ caseId, at: clock(), actor: actor.id, input: actor.input, kind, data });
}
