import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readReferenceFolder, ReferenceFileError } from '../../electron/core/demo/seed';
import { loadReferenceData } from '../../electron/core/store/referenceStore';
import { openDatabase } from '../../electron/core/store/database';
import { resourcesDir, startTestCore, tempDir } from '../support/testCore';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

/** A copy of the demo's reference folder, with one file edited. */
function folderWith(file: string, edit: (json: unknown) => unknown): string {
  const dir = tempDir();
  dirs.push(dir);
  cpSync(join(resourcesDir, 'demo'), dir.path, { recursive: true });
  const path = join(dir.path, file);
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')))));
  return dir.path;
}

describe('reference data files', () => {
  it('accepts the demo district as shipped', () => {
    const data = readReferenceFolder(join(resourcesDir, 'demo'));
    expect(data.geography.grids).toHaveLength(65);
    expect(data.departments.filter((department) => department.kind === 'linked')).toHaveLength(8);
  });

  it.each([
    ['an open grid ring', 'district.json', (json: { grids: { polygon: unknown[] }[] }) => (json.grids[3]!.polygon.pop(), json), /grids\.3\.polygon/],
    ['a category led by an unknown department', 'categories.json', (json: { leadDepartmentId: string }[]) => ((json[0]!.leadDepartmentId = 'NOBODY'), json), /unknown lead department NOBODY/],
    ['a malformed category code', 'categories.json', (json: { code: string }[]) => ((json[2]!.code = '3x'), json), /2\.code/],
    ['a source without weight', 'sources.json', (json: { weight?: number }[]) => (delete json[0]!.weight, json), /0\.weight/],
  ] as const)('refuses %s, naming the file and the field', (_label, file, edit, expected) => {
    const folder = folderWith(file, edit as (json: unknown) => unknown);
    expect(() => readReferenceFolder(folder)).toThrow(ReferenceFileError);
    expect(() => readReferenceFolder(folder)).toThrow(expected);
    expect(() => readReferenceFolder(folder)).toThrow(file);
  });

  it('refuses a file that is not JSON', () => {
    const dir = tempDir();
    dirs.push(dir);
    cpSync(join(resourcesDir, 'demo'), dir.path, { recursive: true });
    writeFileSync(join(dir.path, 'sources.json'), '[{"id": "street",');
    expect(() => readReferenceFolder(dir.path)).toThrow(/sources\.json.*无效/);
  });

  it('keeps the stored reference data when a new folder is refused', () => {
    const first = startTestCore();
    const broken = folderWith('district.json', (json) => ({ ...(json as object), grids: [] }));
    expect(() => startTestCore({ referenceDir: broken, dbPath: first.dbPath })).toThrow(ReferenceFileError);
    const db = openDatabase(first.dbPath);
    expect(loadReferenceData(db)?.geography.grids).toHaveLength(65);
    db.close();
    first.close();
  });

  it('brings a demo database made by an earlier version up to the demo files it ships with (the lexicon grew)', async () => {
    const first = startTestCore();
    await first.ready;
    const dbPath = first.dbPath;
    first.core.close();
    const db = openDatabase(dbPath);
    db.prepare("UPDATE reference_data SET json = '[]' WHERE kind = 'lexicon'").run();
    db.close();
    const again = startTestCore({ dbPath });
    const shipped = readReferenceFolder(join(resourcesDir, 'demo')).lexicon;
    const reread = openDatabase(dbPath);
    expect(loadReferenceData(reread)?.lexicon).toEqual(shipped);
    reread.close();
    again.close();
    first.close();
  });
});

