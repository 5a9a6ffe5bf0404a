import { randomUUID } from 'node:crypto';
import type { Sql } from './openStorage';

/**
 * The platform's schema, one step per version, applied in one transaction
 * and recorded in platform_schema. Append only.
 *
 * - change_counter: the downlink's numbers. Every writing transaction bumps
 *   this one row, so numbers are handed out in commit order (the row lock is
 *   held to the commit); a sequence read outside the transaction would let a
 *   later number commit first and a reader skip the earlier one for good.
 * - changes: one row per change a sub-centre must hear of, numbered.
 * - clients / client_results: per wall, the last applied sequence and the
 *   answer to every action, written with the action's effect.
 */
const steps: { version: number; sql: string }[] = [
  {
    version: 10,
    sql: `
      CREATE TABLE platform_meta (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE change_counter (id int PRIMARY KEY CHECK (id = 1), last bigint NOT NULL);
      INSERT INTO change_counter VALUES (1, 0);
      CREATE TABLE sub_centres (
        id text PRIMARY KEY,
        name_zh text NOT NULL,
        name_en text NOT NULL,
        sub_district_ids text[] NOT NULL,
        secret_hash text NOT NULL
      );
      CREATE TABLE cases (
        id bigserial PRIMARY KEY,
        ref text NOT NULL UNIQUE,
        source text NOT NULL,
        source_id text,
        assigned_to text REFERENCES sub_centres (id),
        sub_district_id text,
        status text NOT NULL,
        closed_by_district boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL,
        version int NOT NULL DEFAULT 1,
        reported_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        change_no bigint NOT NULL,
        UNIQUE (source, source_id)
      );
      CREATE INDEX cases_assigned_status ON cases (assigned_to, status, reported_at DESC, id DESC);
      CREATE INDEX cases_assigned_reported ON cases (assigned_to, reported_at DESC, id DESC);
      CREATE INDEX cases_reported ON cases (reported_at DESC, id DESC);
      CREATE INDEX cases_status_reported ON cases (status, reported_at DESC, id DESC);
      CREATE TABLE changes (
        change_no bigint PRIMARY KEY,
        sub_centre text NOT NULL,
        case_id bigint NOT NULL REFERENCES cases (id),
        kind text NOT NULL CHECK (kind IN ('upsert', 'removed')),
        origin_client text,
        origin_seq bigint,
        note text
      );
      CREATE INDEX changes_sub_centre ON changes (sub_centre, change_no);
      CREATE TABLE clients (
        client_id text PRIMARY KEY,
        sub_centre text NOT NULL REFERENCES sub_centres (id),
        last_seq bigint NOT NULL DEFAULT 0,
        registered_at bigint NOT NULL
      );
      CREATE TABLE client_results (
        client_id text NOT NULL REFERENCES clients (client_id),
        client_seq bigint NOT NULL,
        outcome text NOT NULL,
        reason text,
        change_no bigint NOT NULL,
        PRIMARY KEY (client_id, client_seq)
      );
      CREATE TABLE attachments (
        id bigserial PRIMARY KEY,
        case_id bigint NOT NULL REFERENCES cases (id),
        client_id text NOT NULL,
        client_seq bigint NOT NULL,
        mime text NOT NULL,
        caption text NOT NULL,
        bytes bytea NOT NULL,
        UNIQUE (client_id, client_seq)
      );
      CREATE TABLE district_audit (
        id bigserial PRIMARY KEY,
        at bigint NOT NULL,
        actor text NOT NULL,
        kind text NOT NULL,
        case_id bigint REFERENCES cases (id),
        data jsonb NOT NULL
      );
    `,
  },
];

export async function migrate(sql: Sql): Promise<void> {
  await sql.unsafe('CREATE TABLE IF NOT EXISTS platform_schema (version int PRIMARY KEY, applied_at bigint NOT NULL)');
  await sql.begin(async (tx) => {
    // One migrator at a time, even with several platform processes on one server.
    await tx`LOCK TABLE platform_schema IN EXCLUSIVE MODE`;
    const [row] = await tx<{ version: number | null }[]>`SELECT max(version) AS version FROM platform_schema`;
    const current = row?.version ?? 0;
    const latest = steps.at(-1)!.version;
    if (current > latest) throw new Error(`The platform database is at schema ${current}; this build knows up to ${latest}. Upgrade the platform.`);
    for (const step of steps.filter((candidate) => candidate.version > current)) {
      await tx.unsafe(step.sql);
      await tx`INSERT INTO platform_schema VALUES (${step.version}, ${Date.now()})`;
      if (step.version === 10) await tx`INSERT INTO platform_meta VALUES ('epoch', ${randomUUID()})`;
    }
  });
}

/** A new epoch: every wall's cursor becomes stale and it resyncs (after a restore from backup). */
export async function newEpoch(sql: Sql): Promise<string> {
  const epoch = randomUUID();
  await sql`UPDATE platform_meta SET value = ${epoch} WHERE key = 'epoch'`;
  return epoch;
}

export async function readEpoch(sql: Sql): Promise<string> {
  const [row] = await sql<{ value: string }[]>`SELECT value FROM platform_meta WHERE key = 'epoch'`;
  return row!.value;
}
