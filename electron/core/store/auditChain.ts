import { createHash } from 'node:crypto';

/**
 * The audit trail is hash-chained: each event's hash covers its content and
 * the previous event's hash, so editing or deleting any past event breaks
 * every hash after it. (It detects tampering; it cannot prevent it.)
 */
export const genesisHash = '0'.repeat(64);

export interface ChainedContent {
  /** Null for an event that is not about one case. */
  caseId: number | null;
  at: number;
  actor: string;
  input: string;
  kind: string;
  /** The stored JSON text of the event's data, hashed exactly as stored. */
  data: string;
}

export function chainHash(previous: string, content: ChainedContent): string {
  const canonical = JSON.stringify([previous, content.caseId, content.at, content.actor, content.input, content.kind, content.data]);
  return createHash('sha256').update(canonical).digest('hex');
}
