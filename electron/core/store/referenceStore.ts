import type { ReferenceData } from '../../../shared/contract/contract';
import type { Db } from './database';

type Kind = keyof ReferenceData;
const kinds: Kind[] = ['geography', 'departments', 'categories', 'sources', 'calendar', 'lexicon'];
/** Kinds added after rooms had stored data: a database without them reads their empty value. */
const laterKinds: Partial<Record<Kind, unknown>> = { lexicon: [] };

/** Reference data is data: the demo loads its own, a real room loads theirs. */
export function saveReferenceData(db: Db, data: ReferenceData, now: number): void {
  const upsert = db.prepare(
    'INSERT INTO reference_data (kind, json, updated_at) VALUES (?, ?, ?) ' +
      'ON CONFLICT (kind) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
  );
  db.transaction(() => {
    for (const kind of kinds) upsert.run(kind, JSON.stringify(data[kind]), now);
  })();
}

export function loadReferenceData(db: Db): ReferenceData | null {
  const rows = db.prepare('SELECT kind, json FROM reference_data').all() as { kind: Kind; json: string }[];
  const byKind: Record<string, unknown> = { ...laterKinds, ...Object.fromEntries(rows.map((row) => [row.kind, JSON.parse(row.json)])) };
  if (kinds.some((kind) => !(kind in byKind))) return null;
  return byKind as unknown as ReferenceData;
}

export function getSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
