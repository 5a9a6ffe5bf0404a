import Database from 'better-sqlite3';
import { latestSchemaVersion, migrations, type Migration } from './migrations/index';

export type Db = Database.Database;

/** The file was written by a newer GridWall; opening it could lose data. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `数据库 ${path} 由更新版本的网格指挥墙创建（架构版本 ${fileVersion}，本程序支持到 ${codeVersion}）。请升级程序，或指定另一个数据库文件。` +
        ` / The database ${path} was written by a newer GridWall (schema ${fileVersion}; this build knows up to ${codeVersion}). Upgrade GridWall or point it at another database file.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron uses its own). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens (or creates) the room's database: WAL for concurrent readers,
 * synchronous=FULL because better-sqlite3's WAL default (NORMAL) can roll
 * back the last commits after a power cut, and the outbox must not.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    readonly: options.readonly ?? false,
  });
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, path);
    // Keep the query planner's statistics current (cheap when nothing changed).
    db.pragma('optimize=0x10002');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the pending migrations in one transaction: all or none. */
export function migrate(db: Db, path: string, list: readonly Migration[] = migrations): void {
  const current = schemaVersion(db);
  const latest = list.length ? list[list.length - 1]!.version : 0;
  if (current > latest) throw new DatabaseTooNewError(path, current, latest);
  const pending = list.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}

export { latestSchemaVersion };
