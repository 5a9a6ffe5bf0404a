import type { Db } from '../database';
import { chainHash, genesisHash } from '../auditChain';
import type { Migration } from './index';

/**
 * Dispatch and assessment: deadlines in working time, supervision, the
 * counters assessment needs, joint operations (one record per department),
 * operators, and a hash chain over the audit trail so tampering shows.
 * Existing events are chained in their order of insertion.
 */
export const dispatchSchema: Migration = {
  version: 20,
  name: 'dispatch, deadlines, joint operations, hash-chained audit',
  up(db: Db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN deadline_at INTEGER;
      ALTER TABLE cases ADD COLUMN ladder1_at INTEGER;
      ALTER TABLE cases ADD COLUMN ladder2_at INTEGER;
      ALTER TABLE cases ADD COLUMN time_limit_ms INTEGER;
      ALTER TABLE cases ADD COLUMN paused_working_ms INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN hung_at INTEGER;
      ALTER TABLE cases ADD COLUMN first_reported_back_at INTEGER;
      ALTER TABLE cases ADD COLUMN supervision_manual INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN return_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN rework_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN extension_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN merged_into INTEGER REFERENCES cases (id);
      ALTER TABLE cases ADD COLUMN pending_extension TEXT;
      ALTER TABLE cases ADD COLUMN satisfaction REAL;
      CREATE INDEX cases_deadline ON cases (deadline_at) WHERE deadline_at IS NOT NULL;
      CREATE INDEX cases_department ON cases (lead_department_id, status);
      CREATE INDEX cases_category ON cases (category_code, reported_at);
      CREATE INDEX case_events_at ON case_events (at);

      -- Joint operations: the lead department and every helper keep their own record.
      CREATE TABLE case_assignments (
        case_id       INTEGER NOT NULL REFERENCES cases (id),
        department_id TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('lead', 'helper')),
        status        TEXT NOT NULL,
        assigned_at   INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        note          TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (case_id, department_id)
      ) STRICT;

      CREATE TABLE operators (
        id       TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        role     TEXT NOT NULL CHECK (role IN ('operator', 'director')),
        pin_hash TEXT NOT NULL
      ) STRICT;

      ALTER TABLE case_events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE case_events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
    `);
    const events = db.prepare('SELECT id, case_id, at, actor, input, kind, data FROM case_events ORDER BY id').all() as {
      id: number;
      case_id: number;
      at: number;
      actor: string;
      input: string;
      kind: string;
      data: string;
    }[];
    const update = db.prepare('UPDATE case_events SET prev_hash = ?, hash = ? WHERE id = ?');
    let previous = genesisHash;
    for (const event of events) {
      const hash = chainHash(previous, { caseId: event.case_id, at: event.at, actor: event.actor, input: event.input, kind: event.kind, data: event.data });
      update.run(previous, hash, event.id);
      previous = hash;
    }
  },
};
