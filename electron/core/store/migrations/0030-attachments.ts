import type { Migration } from './index';

/**
 * Photos and video snapshots on a case. Kept in the database, next to the
 * case and its outbox, so a photo taken while the platform link is down is
 * never lost and syncs with the case.
 */
export const attachmentsSchema: Migration = {
  version: 30,
  name: 'case attachments',
  up: `
    CREATE TABLE case_attachments (
      id       INTEGER PRIMARY KEY,
      case_id  INTEGER NOT NULL REFERENCES cases (id),
      at       INTEGER NOT NULL,
      actor    TEXT NOT NULL,
      kind     TEXT NOT NULL CHECK (kind IN ('photo', 'snapshot')),
      mime     TEXT NOT NULL,
      caption  TEXT NOT NULL DEFAULT '',
      bytes    BLOB NOT NULL
    ) STRICT;
    CREATE INDEX case_attachments_case ON case_attachments (case_id, id);
  `,
};
