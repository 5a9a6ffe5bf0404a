import type { ResponseMessage } from '../../../shared/contract/messages';
import { sql, type StatementCache } from './sql';

/** Longer than any outage a window retries through (its requests give up after seconds). */
export const requestLogKeepMs = 24 * 3_600_000;

/**
 * The first answer to each write a window sent with a request id, per
 * operator. Written in the same transaction as the write itself, so a
 * retry after a dropped socket, a timeout or even a core restart is
 * answered from here instead of being applied twice.
 */
export function createRequestLog(statements: StatementCache) {
  return {
    find(operatorId: string, requestId: string): ResponseMessage | null {
      const row = statements.get<{ response: string }>(sql`SELECT response FROM request_log WHERE operator_id = ${operatorId} AND request_id = ${requestId}`);
      return row ? (JSON.parse(row.response) as ResponseMessage) : null;
    },
    remember(operatorId: string, requestId: string, name: string, at: number, response: ResponseMessage): void {
      statements.run(sql`
        INSERT INTO request_log (operator_id, request_id, at, name, response) VALUES (${operatorId}, ${requestId}, ${at}, ${name}, ${JSON.stringify(response)})
        ON CONFLICT (operator_id, request_id) DO NOTHING`);
    },
    forgetBefore(at: number): number {
      return statements.run(sql`DELETE FROM request_log WHERE at < ${at}`).changes;
    },
  };
}
export type RequestLog = ReturnType<typeof createRequestLog>;
