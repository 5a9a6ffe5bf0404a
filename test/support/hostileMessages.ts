import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { requestNames, type RequestName } from '../../shared/contract/contract';
import { maxSocketRequestBytes } from '../../shared/contract/limits';
import { maxMessageDepth } from '../../shared/contract/shape';

/**
 * What a hostile (or broken) window sends the browser wall, for the host's
 * fuzz test: random JSON and text, binary frames, nesting thousands of
 * levels deep, strings up to and past the frame limit, and every request of
 * the contract started from a valid example and mutated (types, values,
 * extra fields, the envelope). fast-check draws a `Shot`; `frameOf` builds
 * its bytes only when it is sent, so twenty thousand of them stay small.
 */

const cameraId = 'cam-01';
/** The smallest picture the core accepts: a PNG signature and a little data. */
const pngBase64 = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 7)]).toString('base64');

/** A valid request of every name of the contract (a new request fails to compile until it has one here). */
export const validExamples: Record<RequestName, Record<string, unknown>> = {
  'session.hello': {},
  'operators.list': {},
  'reference.get': {},
  'cases.list': { scope: 'open', limit: 50, before: null },
  'cases.query': { statuses: ['registered', 'dispatched'], text: '路', sort: 'newest', limit: 50, offset: 0 },
  'case.get': { caseId: 3 },
  'case.timeline': { caseId: 3 },
  'case.duplicates': { caseId: 3 },
  'case.attachments': { caseId: 3 },
  'attachment.get': { attachmentId: 1 },
  'kpi.get': { month: '2026-11' },
  'cases.byIds': { ids: [1, 2, 3] },
  'command.understand': { text: '南京西路井盖缺失 派城管' },
  'wall.get': {},
  'keymap.get': {},
  'cameras.list': {},
  'video.get': {},
  'video.coverage': { hours: 12 },
  'operators.lockouts': {},
  'presentation.state': {},
  'presentation.view': { view: 'overview' },
  'presentation.picture': { attachmentId: 1 },
  'presentation.setup': {},
  'presentation.tour': { action: 'next' },
  'presentation.highlight': { caseId: 3, chosen: false, before: [], after: [] },
  'sync.status': {},
  'sync.acknowledgeRejections': {},
  'sync.actions': { state: 'rejected', limit: 20 },
  'session.signIn': { operatorId: 'op03', pin: '333333' },
  'session.signOut': {},
  'session.clearLockout': { operatorId: 'op03' },
  'case.create': { description: '光复路人行道井盖缺失', categoryCode: '20101', sourceId: 'hotline', address: '光复路 100 号', urgent: false },
  'case.setUrgent': { caseId: 5, urgent: true },
  'case.act': { action: 'verify', caseId: 6, reason: '' },
  'case.attach': { caseId: 3, kind: 'photo', mime: 'image/png', dataBase64: pngBase64, caption: '现场' },
  'report.handover': { hours: 12 },
  'command.run': { text: '3 号案件 加急', expectedReadBack: null, selectedCaseId: null },
  'command.undo': {},
  'video.place': { screen: 1, cameraId },
  'video.pin': { screen: 1, pinned: true },
  'video.showCase': { caseId: 3 },
  'video.snapshotCase': { screen: 1, cameraId, categoryCode: '20101', description: '画面中垃圾堆放', mime: 'image/png', dataBase64: pngBase64 },
  'video.setClock': { atMs: null },
  'links.get': {},
  'map.setup': {},
  'map.density': { days: 30, heat: true },
  'map.camerasAt': { lngLat: [121.4675, 31.2425] },
  'map.placeAt': { lngLat: [121.4675, 31.2425] },
  'video.solo': { screen: 2, cameraId: null },
  'video.keyFocus': { cameraId: 'cam-03', screen: 5, on: true },
  'selection.set': { caseId: 3, origin: 'window-origin-1' },
  'filter.share': { filter: { categoryPrefixes: ['204'], urgent: true }, origin: 'window-origin-1' },
  'cameras.reportHealth': { health: { 'cam-01': 'live', 'cam-02': 'frozen' } },
};

/** Values that have broken parsers, schemas and SQL elsewhere. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 0.5, 2 ** 31, 2 ** 53, 8.64e15 + 1, 1e308, -1e308, '', ' ', '\u0000', '\ud800', '🚨', "' OR 1=1 --", '"; DROP TABLE cases; --', '%s%n', '__proto__', null, true, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer(),
  fc.double({ noNaN: true }),
);

type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'retype'; pick: number }
  | { kind: 'extra'; key: string; value: unknown }
  /** Wraps a field in arrays: around the depth limit, to find an off-by-one either way. */
  | { kind: 'nest'; pick: number; levels: number }
  | { kind: 'swapArgs'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: nastyValue }),
  fc.record({ kind: fc.constant('retype' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('extra' as const), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', '', 'id'), fc.string()), value: nastyValue }),
  fc.record({ kind: fc.constant('nest' as const), pick: fc.nat(), levels: fc.integer({ min: maxMessageDepth - 4, max: maxMessageDepth + 2 }) }),
  fc.record({ kind: fc.constant('swapArgs' as const), value: nastyValue }),
);

function retyped(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return Number(value) || value.length;
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 0;
  if (Array.isArray(value)) return Object.fromEntries(value.entries());
  return Object.values(value as object);
}

function mutated(example: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  let args: unknown = structuredClone(example);
  for (const change of mutations) {
    if (change.kind === 'swapArgs') {
      args = change.value;
      continue;
    }
    if (args === null || typeof args !== 'object' || Array.isArray(args)) continue;
    const record = args as Record<string, unknown>;
    const keys = Object.keys(record);
    const key = 'pick' in change && keys.length ? keys[change.pick % keys.length]! : null;
    if (change.kind === 'extra') Object.defineProperty(record, change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
    else if (key === null) continue;
    else if (change.kind === 'drop') delete record[key];
    else if (change.kind === 'replace') record[key] = change.value;
    else if (change.kind === 'retype') record[key] = retyped(record[key]);
    else for (let level = 0; level < change.levels; level++) record[key] = [record[key]];
  }
  return args;
}

type Envelope = { input: string | null; requestId: string | null; nameTwist: 'upper' | 'suffix' | 'unknown' | null; badId: 'string' | 'negative' | 'float' | 'huge' | 'missing' | null; extra: Record<string, unknown> | null };

const envelope: fc.Arbitrary<Envelope> = fc.record({
  input: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('mouse', 'keyboard', 'hotkey', 'command') }, { weight: 1, arbitrary: fc.constantFrom('feed', 'system', '', 'MOUSE') }, { weight: 1, arbitrary: fc.constant(null) }),
  requestId: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }, { weight: 1, arbitrary: fc.string({ maxLength: 80 }) }),
  nameTwist: fc.oneof({ weight: 14, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('upper' as const, 'suffix' as const, 'unknown' as const) }),
  badId: fc.oneof({ weight: 14, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('string' as const, 'negative' as const, 'float' as const, 'huge' as const, 'missing' as const) }),
  extra: fc.option(fc.dictionary(fc.string({ maxLength: 10 }), nastyValue, { maxKeys: 2 }), { freq: 8 }),
});

/** What to send, decided by fast-check; big texts are built only when sent. */
export type Shot =
  | { kind: 'request'; name: RequestName; mutations: Mutation[]; envelope: Envelope }
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array | number }
  /** Cut to fit the socket limit unless `overLimit`. */
  | { kind: 'deep'; levels: number; style: 'array' | 'object' | 'mixed'; closed: boolean; name: RequestName | null; overLimit: boolean }
  | { kind: 'huge'; length: number; unit: string; where: 'commandText' | 'description' | 'rawString' | 'key' };

export const hostileShot: fc.Arbitrary<Shot> = fc.oneof(
  {
    weight: 60,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      name: fc.constantFrom(...requestNames),
      // One in four as valid as the example, so the handlers run too (not only the refusals).
      mutations: fc.oneof({ weight: 1, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }),
      envelope,
    }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('json' as const), text: fc.json({ maxDepth: 6 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      text: fc
        .record({ id: nastyValue, name: fc.oneof(fc.constantFrom(...requestNames), fc.string()), args: fc.jsonValue({ maxDepth: 4 }), input: nastyValue }, { requiredKeys: [] })
        .map((value) => JSON.stringify(value)),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.string({ unit: 'binary', maxLength: 300 }) }) },
  // A length stands for random bytes drawn when sent (large binary frames without holding them all).
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('binary' as const), bytes: fc.oneof({ weight: 4, arbitrary: fc.uint8Array({ maxLength: 2_048 }) }, { weight: 1, arbitrary: fc.integer({ min: 10_000, max: maxSocketRequestBytes }) }) }) },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      // Most a few thousand levels deep, one in five up to 200,000: bytes cost time, depth is what matters.
      levels: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1_000, max: 20_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 200_000 }) }),
      overLimit: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      style: fc.constantFrom('array' as const, 'array' as const, 'object' as const, 'mixed' as const),
      closed: fc.boolean(),
      name: fc.option(fc.constantFrom(...requestNames), { freq: 3 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('huge' as const),
      length: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1_000, max: maxSocketRequestBytes / 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 2 * maxSocketRequestBytes, max: 4 * maxSocketRequestBytes }) }),
      unit: fc.constantFrom('a', '中', '"', '\\', '[', '{', '\n', '\u0000'),
      where: fc.constantFrom('commandText' as const, 'description' as const, 'rawString' as const, 'key' as const),
    }),
  },
);

/** How many levels of arrays and objects a value nests, walked without recursion. */
function nestingLevels(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [current, level] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, level);
    for (const child of Object.values(current)) stack.push([child, level + 1]);
  }
  return deepest;
}

/** A frame as sent: its payload, and for a request we can name, its id and whether it nests too deep to be served. */
export interface Frame {
  payload: string | Buffer;
  binary: boolean;
  tracked: { id: number; tooDeep: boolean; name: string; preview: string } | null;
}

const deepOpeners = { array: '[', object: '{"a":', mixed: '[{"a":' } as const;
const deepClosers = { array: ']', object: '}', mixed: '}]' } as const;

export function frameOf(item: Shot, id: number): Frame {
  const text = (payload: string, tracked: Omit<NonNullable<Frame['tracked']>, 'preview'> | null = null): Frame => ({
    payload,
    binary: false,
    tracked: tracked && { preview: payload.slice(0, 160), ...tracked },
  });
  switch (item.kind) {
    case 'request': {
      const { envelope: twist } = item;
      const args = mutated(validExamples[item.name], item.mutations);
      const name = twist.nameTwist === 'upper' ? item.name.toUpperCase() : twist.nameTwist === 'suffix' ? `${item.name}.x` : twist.nameTwist === 'unknown' ? 'case.delete' : item.name;
      const badIds = { string: String(id), negative: -id, float: id + 0.5, huge: 1e21, missing: undefined };
      const message = {
        id: twist.badId ? badIds[twist.badId] : id,
        name,
        args,
        ...(twist.input !== null ? { input: twist.input } : {}),
        ...(twist.requestId !== null ? { requestId: twist.requestId } : {}),
        ...twist.extra,
      };
      const payload = JSON.stringify(message);
      const tooDeep = nestingLevels(message) > maxMessageDepth;
      // The host refuses a message too deep to parse before parsing it: it names the request only when the text starts with its id.
      const named = !twist.badId && !(twist.extra && 'id' in twist.extra) && (!tooDeep || payload.startsWith(`{"id":${id},`));
      return text(payload, named ? { id, tooDeep, name } : null);
    }
    case 'json':
    case 'text':
      return text(item.text);
    case 'binary':
      return { payload: typeof item.bytes === 'number' ? randomBytes(item.bytes) : Buffer.from(item.bytes), binary: true, tracked: null };
    case 'deep': {
      const perLevel = deepOpeners[item.style].length + (item.closed ? deepClosers[item.style].length : 0);
      const levels = item.overLimit ? item.levels : Math.min(item.levels, Math.floor((maxSocketRequestBytes - 100) / perLevel));
      const body = deepOpeners[item.style].repeat(levels) + (item.closed ? `1${deepClosers[item.style].repeat(levels)}` : '');
      // Prefixed as windows write requests, the refusal can name the request it refuses.
      if (!item.name) return text(body);
      return text(`{"id":${id},"name":"${item.name}","args":${body}${item.closed ? '}' : ''}`, { id, tooDeep: true, name: item.name });
    }
    case 'huge': {
      const long = item.unit.repeat(item.length);
      const request = (name: string, args: unknown) => text(JSON.stringify({ id, name, args, input: 'keyboard' }), { id, tooDeep: false, name });
      if (item.where === 'commandText') return request('command.understand', { text: long });
      if (item.where === 'description') return request('case.create', { ...validExamples['case.create'], description: long });
      if (item.where === 'key') return request('session.hello', { [long]: 1 });
      return text(JSON.stringify(long));
    }
  }
}
