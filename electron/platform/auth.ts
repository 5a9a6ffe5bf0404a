import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SubDistrict } from '../../shared/domain/district';
import { PlatformCredentialsSchema } from '../../shared/sync/protocol';
import type { Sql } from './storage/openStorage';

/** Who is calling: a sub-centre's wall, the district's own operators, or an intake channel (hotline, Open311 app). */
export type Caller = { kind: 'subCentre'; subCentreId: string } | { kind: 'district' } | { kind: 'intake' };

export interface SubCentre {
  id: string;
  name: { zh: string; en: string };
  subDistrictIds: string[];
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newSecret = () => randomBytes(24).toString('base64url');

function sameHash(secret: string, expected: string): boolean {
  const actual = Buffer.from(hashOf(secret), 'hex');
  const wanted = Buffer.from(expected, 'hex');
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}

/**
 * Credentials: one secret per sub-centre (the district's 街镇分中心, one per
 * sub-district), one for the district's operators and one for intake
 * channels. Only their hashes are stored; each secret lives in a file in the
 * credentials folder that the platform's operator hands to whoever needs it
 * (`--platform-credentials <file>` on a wall). A file that is missing or no
 * longer matches is drawn anew, so deleting a file rotates that secret.
 */
export async function prepareCredentials(sql: Sql, subDistricts: readonly SubDistrict[], folder: string, url: string) {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stored = new Map((await sql<{ id: string; secret_hash: string }[]>`SELECT id, secret_hash FROM sub_centres`).map((row) => [row.id, row.secret_hash]));
  const subCentres: SubCentre[] = [];
  for (const subDistrict of subDistricts) {
    const id = subDistrict.id;
    const secret = keptSecret(join(folder, `${id}.json`), stored.get(id)) ?? newSecret();
    await sql`
      INSERT INTO sub_centres (id, name_zh, name_en, sub_district_ids, secret_hash)
      VALUES (${id}, ${`${subDistrict.name.zh}分中心`}, ${`${subDistrict.name.en} sub-centre`}, ${sql.array([id])}, ${hashOf(secret)})
      ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash, name_zh = excluded.name_zh, name_en = excluded.name_en`;
    writeCredentials(join(folder, `${id}.json`), { url, subCentreId: id, secret });
    subCentres.push({ id, name: { zh: `${subDistrict.name.zh}分中心`, en: `${subDistrict.name.en} sub-centre` }, subDistrictIds: [id] });
  }
  const roles: Record<'district' | 'intake', string> = { district: '', intake: '' };
  for (const role of ['district', 'intake'] as const) {
    const [row] = await sql<{ value: string }[]>`SELECT value FROM platform_meta WHERE key = ${`${role}_secret_hash`}`;
    const secret = keptSecret(join(folder, `${role}.json`), row?.value) ?? newSecret();
    await sql`INSERT INTO platform_meta VALUES (${`${role}_secret_hash`}, ${hashOf(secret)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
    writeCredentials(join(folder, `${role}.json`), { url, subCentreId: role, secret });
    roles[role] = hashOf(secret);
  }
  const hashes = new Map((await sql<{ id: string; secret_hash: string }[]>`SELECT id, secret_hash FROM sub_centres`).map((row) => [row.id, row.secret_hash]));
  return {
    subCentres,
    /** The caller named by an `Authorization: Bearer <id>.<secret>` header, or null. */
    callerOf(header: string | undefined): Caller | null {
      const match = /^Bearer ([A-Za-z0-9_-]{1,40})\.([A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
      if (!match) return null;
      const [, id, secret] = match as unknown as [string, string, string];
      if (id === 'district' || id === 'intake') return sameHash(secret, roles[id]) ? { kind: id } : null;
      const hash = hashes.get(id);
      return hash && sameHash(secret, hash) ? { kind: 'subCentre', subCentreId: id } : null;
    },
  };
}
export type Credentials = Awaited<ReturnType<typeof prepareCredentials>>;

function keptSecret(file: string, storedHash: string | undefined): string | null {
  if (!storedHash || !existsSync(file)) return null;
  try {
    const parsed = PlatformCredentialsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success && sameHash(parsed.data.secret, storedHash) ? parsed.data.secret : null;
  } catch {
    return null;
  }
}

function writeCredentials(file: string, credentials: { url: string; subCentreId: string; secret: string }): void {
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}
