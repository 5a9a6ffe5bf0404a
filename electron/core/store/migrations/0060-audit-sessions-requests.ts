import type { Migration } from './index';

/**
 * The core as a boundary: the audit trail also records what is not about one
 * case (wall, video matrix, shift reports, sign-ins), so case_events becomes
 * audit_events with an optional case (rows, ids and hashes unchanged: the
 * chain stays valid); sign-in tokens with a lifetime and revocation; and the
 * first answer to each write a window sent with a request id.
 */
export const auditSessionsRequests: Migration = {
  version: 60,
  name: 'room-wide audit trail, sign-in tokens, request log',
  up: `
    CREATE TABLE audit_events (
      id        INTEGER PRIMARY KEY,
      case_id   INTEGER REFERENCES cases (id),
      at        INTEGER NOT NULL,
      actor     TEXT NOT NULL,
      input     TEXT NOT NULL,
      kind      TEXT NOT NULL,
      data      TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash      TEXT NOT NULL
    ) STRICT;
    INSERT INTO audit_events (id, case_id, at, actor, input, kind, data, prev_hash, hash)
      SELECT id, case_id, at, actor, input, kind, data, prev_hash, hash FROM case_events ORDER BY id;
    DROP TABLE case_events;
    CREATE INDEX audit_events_case ON audit_events (case_id, id);
    CREATE INDEX audit_events_at ON audit_events (at);

    CREATE TABLE sign_ins (
      token_hash  TEXT PRIMARY KEY,
      operator_id TEXT NOT NULL,
      issued_at   INTEGER NOT NULL,
      expires_at  INTEGER NOT NULL,
      revoked_at  INTEGER
    ) STRICT;

    CREATE TABLE request_log (
      operator_id TEXT NOT NULL,
      request_id  TEXT NOT NULL,
      at          INTEGER NOT NULL,
      name        TEXT NOT NULL,
      response    TEXT NOT NULL,
      PRIMARY KEY (operator_id, request_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX request_log_at ON request_log (at);
  `,
};
