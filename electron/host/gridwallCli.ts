import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseLocale, createI18n } from '../../shared/i18n/index';
import type { Locale } from '../../shared/domain/names';
import { parseCommand, type Parse } from '../../shared/commands/parser';
import { recentSerialDays, resolveCaseRefs } from '../../shared/commands/resolveCase';
import { roomDayKey } from '../../shared/domain/caseNumber';
import { openDatabase, type Db } from '../core/store/database';
import { createCaseStore } from '../core/store/caseStore';
import { caseLookup } from '../core/services/caseReference';
import { loadReferenceData } from '../core/store/referenceStore';
import { demoReferenceDir, readCameras, readReferenceFolder } from '../core/demo/seed';
import { indexReferenceData } from '../core/services/referenceIndex';
import { createParserContext, describeParse } from '../core/services/commandService';
import { importDistrictUsage, runImportDistrict } from './importDistrictCli';

/**
 * `gridwall parse "<text>"`: the command bar's parser on the command line.
 * Prints one JSON object (schema: docs/COMMANDS.md) so scripts and other
 * systems read commands exactly as the wall does.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const usage = `用法 / usage: gridwall parse [options] "<text>"
  --locale <zh-CN|en>  language of names and the read-back (default zh-CN)
  --reference <dir>    the room's reference folder (default: the embedded demo)
  --db <file>          read the district, departments, taxonomy and lexicon from a GridWall database,
                       and resolve a case serial ("派 0017 交警") against its cases
  --today <YYYYMMDD>   the room's day a serial is resolved from (default: today, Asia/Shanghai)
  --pretty             indent the JSON
Exit status: 0 the line can run, 1 it cannot (the JSON says why), 2 usage error.

${importDistrictUsage}`;

function main(argv: string[]): number {
  if (argv[0] === 'import-district') return runImportDistrict(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        locale: { type: 'string', default: 'zh-CN' },
        reference: { type: 'string' },
        db: { type: 'string' },
        today: { type: 'string' },
        pretty: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const [verb, ...words] = parsed.positionals;
  if (parsed.values.help || verb !== 'parse' || words.length === 0) {
    console.error(usage);
    return parsed.values.help ? 0 : 2;
  }
  const locale = parseLocale(parsed.values.locale);
  const now = parsed.values.today ? dayToInstant(parsed.values.today) : Date.now();
  if (now === null) {
    console.error(`--today: 应为 YYYYMMDD / expected YYYYMMDD\n\n${usage}`);
    return 2;
  }
  const folder = parsed.values.reference ? resolve(parsed.values.reference) : demoReferenceDir(resolve(repoRoot, 'resources'));
  const db = parsed.values.db ? openDatabase(resolve(parsed.values.db)) : null;
  try {
    const data = db ? loadReferenceData(db) : readReferenceFolder(folder);
    if (!data) {
      console.error('数据库中没有基础数据。/ The database holds no reference data.');
      return 2;
    }
    const reference = indexReferenceData(data);
    const context = createParserContext(reference, readCameras(folder));
    const parse = resolveSerials(parseCommand(words.join(' '), context, locale), db, { now, locale, reference });
    const { t } = createI18n(locale);
    const readBack = describeParse(parse, reference, t, locale);
    const error = parse.error && { ...parse.error, message: t(`commands.errors.${parse.error.code}`, { detail: parse.error.detail ?? '', days: recentSerialDays }) };
    console.log(JSON.stringify({ ...parse, error, readBack }, null, parsed.values.pretty ? 2 : undefined));
    return parse.error ? 1 : 0;
  } finally {
    db?.close();
  }
}

/** With a database, a serial is resolved as the command bar resolves it; without one it stays a serial. */
function resolveSerials(parse: Parse, db: Db | null, room: { now: number; locale: Locale; reference: ReturnType<typeof indexReferenceData> }): Parse {
  if (!db) return parse;
  const store = createCaseStore(db);
  return resolveCaseRefs(parse, caseLookup({ byNumber: store.byNumber, clock: () => room.now, categoryName: (code) => room.reference.category(code)?.name ?? null, locale: room.locale }));
}

/** "20261206" → noon of that day in the room's time zone; null when it is not a day. */
function dayToInstant(day: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  if (!match) return null;
  const instant = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 4);
  return roomDayKey(instant) === day ? instant : null;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`gridwall: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
