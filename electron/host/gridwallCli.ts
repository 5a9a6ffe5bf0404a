import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseLocale, createI18n } from '../../shared/i18n/index';
import { parseCommand } from '../../shared/commands/parser';
import { openDatabase } from '../core/store/database';
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
  --db <file>          read the district, departments, taxonomy and lexicon from a GridWall database
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
  const folder = parsed.values.reference ? resolve(parsed.values.reference) : demoReferenceDir(resolve(repoRoot, 'resources'));
  let data;
  if (parsed.values.db) {
    const db = openDatabase(resolve(parsed.values.db));
    try {
      data = loadReferenceData(db);
    } finally {
      db.close();
    }
    if (!data) {
      console.error('数据库中没有基础数据。/ The database holds no reference data.');
      return 2;
    }
  } else data = readReferenceFolder(folder);
  const reference = indexReferenceData(data);
  const context = createParserContext(reference, readCameras(folder));
  const parse = parseCommand(words.join(' '), context, locale);
  const { t } = createI18n(locale);
  const readBack = describeParse(parse, reference, t, locale);
  const error = parse.error && { ...parse.error, message: t(`commands.errors.${parse.error.code}`, { detail: parse.error.detail ?? '' }) };
  console.log(JSON.stringify({ ...parse, error, readBack }, null, parsed.values.pretty ? 2 : undefined));
  return parse.error ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`gridwall: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
