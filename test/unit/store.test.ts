import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, openDatabase, schemaVersion } from '../../electron/core/store/database';
import { latestSchemaVersion } from '../../electron/core/store/migrations/index';
import { tempDir } from '../support/testCore';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
const freshPath = () => {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'room.db');
};

describe('the room database', () => {
  it('creates the schema in WAL mode with synchronous=FULL and records its version', () => {
    const path = freshPath();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
    // Opening again migrates nothing and keeps the data.
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(latestSchemaVersion);
    again.close();
  });

  it('refuses a database written by a newer GridWall, in both languages, and leaves it untouched', () => {
    const path = freshPath();
    const raw = new Database(path);
    raw.pragma('user_version = 9990');
    raw.exec('CREATE TABLE from_the_future (x)');
    raw.close();
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
    try {
      openDatabase(path);
    } catch (error) {
      expect((error as Error).message).toContain('更新版本');
      expect((error as Error).message).toContain('newer GridWall');
    }
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(9990);
    check.close();
  });

  it('applies pending migrations all or nothing', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 10, name: 'fine', up: 'CREATE TABLE a (x)' },
      { version: 20, name: 'broken', up: 'CREATE TABLE b (x); THIS IS NOT SQL' },
    ];
    expect(() => migrate(db, ':memory:', broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    db.close();
  });
});
