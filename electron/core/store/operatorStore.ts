import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { OperatorInfo } from '../../../shared/contract/contract';
import type { Db } from './database';

export interface OperatorRecord extends OperatorInfo {
  pin: string;
}

/** scrypt's output length and a fixed salt for checking unknown ids (as slow as a real check, so the timing tells nothing). */
const hashBytes = 32;
const decoySalt = Buffer.alloc(16, 7);

/** Console sign-in: who is at the keyboard. PINs are stored as salted scrypt hashes. */
export function createOperatorStore(db: Db) {
  const list = db.prepare('SELECT id, name, role FROM operators ORDER BY role DESC, id');
  const byId = db.prepare('SELECT id, name, role, pin_hash FROM operators WHERE id = ?');
  const upsert = db.prepare(
    'INSERT INTO operators (id, name, role, pin_hash) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash',
  );
  return {
    list: () => list.all() as OperatorInfo[],
    count: () => (list.all() as unknown[]).length,
    get(id: string): OperatorInfo | null {
      const row = byId.get(id) as OperatorInfo | undefined;
      return row ? { id: row.id, name: row.name, role: row.role } : null;
    },
    /** Stores a room's accounts (at start, from operators.json; lengths are checked by its schema). */
    save(records: readonly OperatorRecord[]): void {
      db.transaction(() => {
        for (const record of records) upsert.run(record.id, record.name, record.role, hashPin(record.pin));
      })();
    },
    /**
     * The operator, if the PIN is right; null otherwise (no hint which part
     * was wrong). The hash runs on libuv's thread pool, never on the core's
     * thread, so a guessing loop cannot stall the other windows.
     */
    async verify(id: string, pin: string): Promise<OperatorInfo | null> {
      const row = byId.get(id) as (OperatorInfo & { pin_hash: string }) | undefined;
      const [salt, hash] = row?.pin_hash.split(':') ?? [];
      const expected = salt && hash ? Buffer.from(hash, 'hex') : null;
      const offered = await scryptAsync(pin, expected ? Buffer.from(salt!, 'hex') : decoySalt, expected?.length ?? hashBytes);
      if (!row || !expected || !timingSafeEqual(expected, offered)) return null;
      return { id: row.id, name: row.name, role: row.role };
    },
  };
}
export type OperatorStore = ReturnType<typeof createOperatorStore>;

function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(pin, salt, hashBytes).toString('hex')}`;
}

function scryptAsync(pin: string, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(pin, salt, length, (error, key) => (error ? reject(error) : resolve(key))));
}
