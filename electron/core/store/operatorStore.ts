import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { OperatorInfo } from '../../../shared/contract/contract';
import type { Db } from './database';

export interface OperatorRecord extends OperatorInfo {
  pin: string;
}

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
    save(records: readonly OperatorRecord[]): void {
      db.transaction(() => {
        for (const record of records) upsert.run(record.id, record.name, record.role, hashPin(record.pin));
      })();
    },
    /** The operator, if the PIN is right; null otherwise (no hint which part was wrong). */
    verify(id: string, pin: string): OperatorInfo | null {
      const row = byId.get(id) as (OperatorInfo & { pin_hash: string }) | undefined;
      if (!row || !pinMatches(pin, row.pin_hash)) return null;
      return { id: row.id, name: row.name, role: row.role };
    },
  };
}
export type OperatorStore = ReturnType<typeof createOperatorStore>;

function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(pin, salt, 32).toString('hex')}`;
}

function pinMatches(pin: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'hex');
  const offered = scryptSync(pin, Buffer.from(salt, 'hex'), expected.length);
  return timingSafeEqual(expected, offered);
}
