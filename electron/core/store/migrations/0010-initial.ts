import type { Migration } from './index';

/**
 * The first schema. Reference data (district, departments, taxonomy) is data,
 * not code, so a real deployment loads its own. Cases, their append-only
 * event trail and the sync outbox live in one file so a change and its
 * outbox record commit in one transaction.
 */
export const initialSchema: Migration = {
  version: 10,
  name: 'initial schema',
  up: `
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE reference_data (
      kind       TEXT PRIMARY KEY,         -- geography | departments | categories | sources
      json       TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE cases (
      id                 INTEGER PRIMARY KEY,
      number             TEXT NOT NULL UNIQUE,
      description        TEXT NOT NULL,
      category_code      TEXT NOT NULL,
      source_id          TEXT NOT NULL,
      status             TEXT NOT NULL,
      urgent             INTEGER NOT NULL DEFAULT 0,
      lng                REAL,
      lat                REAL,
      grid_id            TEXT,
      workstation_id     TEXT,
      sub_district_id    TEXT,
      address            TEXT NOT NULL DEFAULT '',
      lead_department_id TEXT,
      reported_at        INTEGER NOT NULL,
      dispatched_at      INTEGER,
      closed_at          INTEGER,
      updated_at         INTEGER NOT NULL,
      reporter_name      TEXT,
      reporter_phone     TEXT
    ) STRICT;
    CREATE INDEX cases_status ON cases (status, reported_at);
    CREATE INDEX cases_grid ON cases (grid_id, status);

    -- Append-only: who did what, when, from which input. The case timeline
    -- and the audit are read from here.
    CREATE TABLE case_events (
      id       INTEGER PRIMARY KEY,
      case_id  INTEGER NOT NULL REFERENCES cases (id),
      at       INTEGER NOT NULL,
      actor    TEXT NOT NULL,
      input    TEXT NOT NULL,
      kind     TEXT NOT NULL,
      data     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX case_events_case ON case_events (case_id, id);

    -- Written in the same transaction as the change it reports; the sync
    -- service sends each row once, in order, when the platform link is up.
    CREATE TABLE outbox (
      seq        INTEGER PRIMARY KEY,
      at         INTEGER NOT NULL,
      kind       TEXT NOT NULL,
      payload    TEXT NOT NULL,
      sent_at    INTEGER
    ) STRICT;
    CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;

    -- Per-day serials for case numbers ("20261126-0042").
    CREATE TABLE case_number_serials (
      day  TEXT PRIMARY KEY,
      last INTEGER NOT NULL
    ) STRICT;
  `,
};
