import { searchColumns } from '../../../../shared/domain/searchTokens';
import type { Db } from '../database';
import type { Migration } from './index';

/**
 * The queue at 100,000 cases: indexes that end in the order the queue reads
 * (newest first per department, grid, urgency), and a full-text index of
 * characters and character pairs for Chinese search (see searchTokens.ts).
 * Description, address and number never change after a case is created, so
 * the index is written once, with the case.
 */
export const searchAndOrderSchema: Migration = {
  version: 40,
  name: 'queue indexes and Chinese full-text search',
  up(db: Db) {
    db.exec(`
      CREATE INDEX cases_reported ON cases (reported_at);
      CREATE INDEX cases_department_reported ON cases (lead_department_id, reported_at);
      CREATE INDEX cases_grid_reported ON cases (grid_id, reported_at);
      CREATE INDEX cases_urgent ON cases (status, reported_at) WHERE urgent = 1;
      CREATE INDEX cases_undated ON cases (id) WHERE deadline_at IS NULL;
      CREATE VIRTUAL TABLE cases_search USING fts5 (singles, pairs, content = '', tokenize = 'unicode61 remove_diacritics 0');
    `);
    const insert = db.prepare('INSERT INTO cases_search (rowid, singles, pairs) VALUES (?, ?, ?)');
    // Read first, then insert: better-sqlite3 refuses a write while a read on the same connection is still iterating
    // (as shipped, this iterated, so a file at schema 10–30 holding a case could not be upgraded; the rows written are the same).
    for (const row of db.prepare('SELECT id, number, description, address FROM cases').all() as { id: number; number: string; description: string; address: string }[]) {
      const columns = searchColumns(`${row.number} ${row.description} ${row.address}`);
      insert.run(row.id, columns.singles, columns.pairs);
    }
  },
};
