import type { Migration } from './index';

/**
 * Sync with the district platform. The outbox row is the action the wall
 * sends: it learns its case (to hold the platform's version of a case back
 * while the room's own actions on it are still on their way), and, once the
 * platform answers, the answer: applied or rejected (with why) and the
 * platform's change number that carries it (confirmed when the downlink
 * passes it). `sent_at` is when that answer arrived. Cases that came from
 * the platform (or another wall) keep the name both sides know them by.
 */
export const syncSchema: Migration = {
  version: 90,
  name: 'district platform sync',
  up: `
    ALTER TABLE outbox ADD COLUMN case_id INTEGER;
    ALTER TABLE outbox ADD COLUMN outcome TEXT CHECK (outcome IN ('applied', 'rejected'));
    ALTER TABLE outbox ADD COLUMN reason TEXT;
    ALTER TABLE outbox ADD COLUMN change_no INTEGER;
    -- When someone in the room acknowledged a rejection (the light stops showing it red).
    ALTER TABLE outbox ADD COLUMN seen_at INTEGER;
    UPDATE outbox SET case_id = coalesce(json_extract(payload, '$.caseId'), json_extract(payload, '$.id'));
    CREATE INDEX outbox_case_waiting ON outbox (case_id) WHERE sent_at IS NULL;
    CREATE INDEX outbox_rejected ON outbox (seq) WHERE outcome = 'rejected';
    CREATE INDEX outbox_applied_change ON outbox (change_no) WHERE outcome = 'applied';

    CREATE TABLE case_refs (
      case_id    INTEGER PRIMARY KEY REFERENCES cases (id),
      ref        TEXT NOT NULL UNIQUE,
      removed_at INTEGER
    ) STRICT;

    -- The platform's latest version of a case the room still has actions on the way for.
    CREATE TABLE sync_held (
      case_id   INTEGER PRIMARY KEY REFERENCES cases (id),
      change_no INTEGER NOT NULL,
      change    TEXT NOT NULL
    ) STRICT;
  `,
};
