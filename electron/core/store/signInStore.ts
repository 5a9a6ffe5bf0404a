import { createHash } from 'node:crypto';
import { sql, type StatementCache } from './sql';

/** A sign-in a window can resume with its token: whose it is, until when, and whether it was ended. */
export interface StoredSignIn {
  operatorId: string;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** Tokens are kept as hashes: a copy of the database does not let anyone sign in. */
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sign-in tokens in the database, so a restarted core (or a window that
 * reconnects) resumes a sign-in until its shift ends or the operator signs out.
 */
export function createSignInStore(statements: StatementCache) {
  return {
    issue(token: string, operatorId: string, issuedAt: number, expiresAt: number): void {
      statements.run(sql`INSERT INTO sign_ins (token_hash, operator_id, issued_at, expires_at) VALUES (${tokenHash(token)}, ${operatorId}, ${issuedAt}, ${expiresAt})`);
    },
    find(token: string): StoredSignIn | null {
      const row = statements.get<{ operator_id: string; issued_at: number; expires_at: number; revoked_at: number | null }>(
        sql`SELECT operator_id, issued_at, expires_at, revoked_at FROM sign_ins WHERE token_hash = ${tokenHash(token)}`,
      );
      return row ? { operatorId: row.operator_id, issuedAt: row.issued_at, expiresAt: row.expires_at, revokedAt: row.revoked_at } : null;
    },
    revoke(token: string, at: number): void {
      statements.run(sql`UPDATE sign_ins SET revoked_at = ${at} WHERE token_hash = ${tokenHash(token)} AND revoked_at IS NULL`);
    },
    /** Drops sign-ins that ended more than a day ago (expired or revoked). */
    forgetEndedBefore(at: number): void {
      statements.run(sql`DELETE FROM sign_ins WHERE expires_at < ${at} OR revoked_at < ${at}`);
    },
  };
}
export type SignInStore = ReturnType<typeof createSignInStore>;
