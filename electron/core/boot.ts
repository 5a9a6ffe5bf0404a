import type { ReferenceData } from '../../shared/contract/contract';
import type { loadKeymap } from '../../shared/commands/keymap';
import type { KeyFocusEntry } from '../../shared/video/priority';
import type { SlotPlan } from '../../shared/video/slots';
import type { Camera } from '../../shared/video/camera';
import { generateHistory } from './demo/history';
import { demoReferenceDir, readCameras, readKeymap, readMapConfig, readOperators, readReferenceFolder, readVideoPlan } from './demo/seed';
import type { GeoProblem } from '../../shared/geo/geometryChecks';
import type { DisposableStore } from './runtime/disposables';
import type { Logger } from './runtime/logger';
import { indexReferenceData, type ReferenceIndex } from './services/referenceIndex';
import { createCaseStore, type CaseStore } from './store/caseStore';
import { openDatabase, type Db } from './store/database';
import { createOperatorStore, type OperatorStore } from './store/operatorStore';
import { getSetting, loadReferenceData, saveReferenceData, setSetting } from './store/referenceStore';
import type { CoreOptions } from './core';

/** What the core starts from: the database, the room's reference data, cameras, plan and keys, read once. */
export interface Booted {
  db: Db;
  store: CaseStore;
  operators: OperatorStore;
  referenceData: ReferenceData;
  reference: ReferenceIndex;
  cameras: Camera[];
  videoPlan: { plan: SlotPlan; keyFocus: KeyFocusEntry[] } | null;
  keymap: ReturnType<typeof loadKeymap>;
  /** map.json (the room's own sub-district, the basemap) and what the map should warn about, the district's warnings included. */
  map: ReturnType<typeof readMapConfig>;
  /** Where this start's event numbers begin: above every number an earlier start of this database used. */
  firstEventSeq: number;
}

/** Event numbers of one start stay below the next start's: a window that outlived a core restart sees a gap and reloads. */
export const eventSeqPerStart = 1_000_000_000;

/**
 * Opens the database and reads everything the room is configured with. A
 * bad file stops the start with a message naming it, and nothing started so
 * far stays open: the caller's disposables close it.
 */
export function bootCore(options: CoreOptions, clock: () => number, logger: Logger, disposables: DisposableStore): Booted {
  const db = disposables.add('database', openDatabase(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), (opened) => opened.close());
  const store = createCaseStore(db, { logger });
  const folder = options.referenceDir ?? demoReferenceDir(options.resourcesDir);
  const districtWarnings: GeoProblem[] = [];
  const referenceData = loadRoomReference(db, options, clock, logger, districtWarnings);
  const reference = indexReferenceData(referenceData);
  if (options.demo && store.count('all') === 0) writeDemoHistory(db, store, referenceData, options.demo, clock, logger);

  const operators = createOperatorStore(db);
  const folderOperators = readOperators(folder);
  if (folderOperators && (options.referenceDir || (options.demo && operators.count() === 0))) operators.save(folderOperators);

  // Every camera knows its grid, found the same way as a case's.
  const cameras = (options.cameraList ?? readCameras(folder)).map((camera) => ({
    ...camera,
    gridId: camera.gridId ?? reference.locate(camera.position)?.gridId,
    subStream: camera.subStream ?? options.cameraStreams?.[camera.id]?.sub,
    mainStream: camera.mainStream ?? options.cameraStreams?.[camera.id]?.main,
  }));
  // The plan is the room's videoPlan.json when it has one, else one drawn from the cameras' tags.
  const videoPlan = options.videoPlan ?? readVideoPlan(folder, cameras.map((camera) => camera.id));
  const keymap = readKeymap(folder);
  if (keymap.problems.length) logger.error('keymap.refused', { problems: keymap.problems });
  const mapConfig = readMapConfig(folder, referenceData.geography);
  const map = { ...mapConfig, warnings: [...districtWarnings, ...mapConfig.warnings] };
  for (const warning of map.warnings) logger.warn('reference.warning', { file: warning.file, record: warning.record, reason: warning.reason.en });
  return { db, store, operators, referenceData, reference, cameras, videoPlan, keymap, map, firstEventSeq: nextStartSeq(db) };
}

function loadRoomReference(db: Db, options: CoreOptions, clock: () => number, logger: Logger, warnings: GeoProblem[]): ReferenceData {
  let referenceData = loadReferenceData(db);
  // A room's folder replaces what is stored; the demo follows its own files, so a demo database made by an
  // earlier version gains what they gained since (a larger lexicon, say).
  const folder = options.referenceDir ?? (options.demo ? demoReferenceDir(options.resourcesDir) : null);
  if (folder) {
    const fresh = readReferenceFolder(folder, (warning) => warnings.push(warning));
    if (JSON.stringify(fresh) !== JSON.stringify(referenceData)) {
      saveReferenceData(db, fresh, clock());
      logger.info('reference.loaded', { folder });
    }
    referenceData = fresh;
  }
  if (!referenceData) {
    throw new Error(
      '数据库中没有辖区和部门等基础数据，请先导入，或以演示模式启动。 / The database holds no reference data (district, departments); import it first or start in demo mode.',
    );
  }
  return referenceData;
}

function writeDemoHistory(db: Db, store: CaseStore, referenceData: ReferenceData, demo: NonNullable<CoreOptions['demo']>, clock: () => number, logger: Logger): void {
  const started = performance.now();
  const written = generateHistory(db, store, referenceData, { now: clock(), days: demo.historyDays, perDay: demo.historyPerDay, seed: demo.seed });
  // Fresh statistics, so the planner picks the queue's indexes from the first query.
  db.exec('ANALYZE');
  logger.info('demo.history.generated', { cases: written, ms: Math.round(performance.now() - started) });
}

function nextStartSeq(db: Db): number {
  const starts = Number(getSetting(db, 'core.starts') ?? '0');
  setSetting(db, 'core.starts', String(starts + 1));
  return starts * eventSeqPerStart;
}
