import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';
import type { PlatformLogger } from '../logger';
import { lockFolder } from './folderLock';
import { migrate } from './schema';

export type Sql = postgres.Sql<{ int8: number }>;
/** The same, inside a transaction (`sql.begin`). */
export type Tx = postgres.TransactionSql<{ int8: number }>;

export interface Storage {
  sql: Sql;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** int8 (counters, ids) as plain numbers: every value the platform counts stays far below 2^53. */
const clientOptions = {
  prepare: false,
  onnotice: () => {},
  types: { int8: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
};

/**
 * The platform's one SQL code path: the `postgres` client, talking either to
 * a real PostgreSQL server (`--database postgres://…`) or to an embedded
 * PGlite database served on a loopback socket inside this process. The same
 * statements run on both, so everything here is PostgreSQL 15 and PGlite
 * (PostgreSQL 18) alike.
 */
export async function openStorage(options: { dataDir?: string; databaseUrl?: string; logger: PlatformLogger }): Promise<Storage> {
  if (options.databaseUrl) {
    const sql = postgres(options.databaseUrl, { ...clientOptions, max: 10 }) as unknown as Sql;
    try {
      await migrate(sql);
    } catch (error) {
      await sql.end({ timeout: 1 });
      throw error;
    }
    options.logger.info('storage.opened', { kind: 'postgres' });
    return { sql, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
  }
  if (!options.dataDir) throw new Error('openStorage needs --data or --database');
  return openEmbedded(options.dataDir, options.logger);
}

async function openEmbedded(dataDir: string, logger: PlatformLogger): Promise<Storage> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockFolder(dataDir);
  const undo: (() => Promise<void> | void)[] = [() => lock.release()];
  const close = async () => {
    for (const step of undo.splice(0).reverse()) await step();
  };
  try {
    // PGlite's default start flags include -F (fsync off): a district's record must survive a power cut, so it is on.
    const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata'), startParams: PGlite.defaultStartParams.filter((flag) => flag !== '-F') });
    undo.push(() => db.close());
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
    await server.start();
    undo.push(() => server.stop());
    const port = Number(server.getServerConn().split(':').at(-1));
    // One connection: PGlite runs one statement at a time, and its socket server interleaves the
    // extended protocol's messages (parse, bind, execute) of several connections, which breaks them.
    const sql = postgres({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ...clientOptions, max: 1 }) as unknown as Sql;
    undo.push(() => sql.end({ timeout: 5 }));
    await migrate(sql);
    logger.info('storage.opened', { kind: 'pglite', dataDir });
    return { sql, kind: 'pglite', close };
  } catch (error) {
    await close();
    throw error;
  }
}
