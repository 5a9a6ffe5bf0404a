import { z } from 'zod';
import { CaseDraftSchema, CaseSchema, type Audience, type Case } from '../domain/case';
import type { DistrictGeography } from '../domain/district';
import type { Category, Department, Source } from '../domain/organisation';
import type { WindowRole } from '../wall/roles';

/**
 * The contract between the core and every window. Each query and command has
 * a runtime schema for its arguments: the core validates every message at the
 * boundary (Electron IPC and WebSocket alike) before anything runs.
 *
 * Results are typed here but not re-validated: they come from our own core.
 */

const NoArgs = z.object({});
const CaseIdArgs = z.object({ caseId: z.number().int().positive() });
const CasesListArgs = z.object({
  scope: z.enum(['open', 'all']).default('open'),
  limit: z.number().int().min(1).max(100_000).default(5_000),
});
const SetUrgentArgs = z.object({ caseId: z.number().int().positive(), urgent: z.boolean() });

/** A snapshot carries the event sequence number it was read at, so a window
 * can apply only the events that came after it. */
export interface CaseListSnapshot {
  seq: number;
  cases: Case[];
}

export interface SessionInfo {
  role: WindowRole;
  audience: Audience;
  serverTime: number;
  seq: number;
  demo: boolean;
}

export interface ReferenceData {
  geography: DistrictGeography;
  departments: Department[];
  categories: Category[];
  sources: Source[];
}

/** Pairs an argument schema with the result type it answers with. */
function define<Result>() {
  return <Args extends z.ZodType>(args: Args) => ({ args, result: undefined as unknown as Result });
}

export const queries = {
  'session.hello': define<SessionInfo>()(NoArgs),
  'reference.get': define<ReferenceData>()(NoArgs),
  'cases.list': define<CaseListSnapshot>()(CasesListArgs),
  'case.get': define<Case>()(CaseIdArgs),
} as const;

export const commands = {
  'case.create': define<Case>()(CaseDraftSchema),
  'case.setUrgent': define<Case>()(SetUrgentArgs),
} as const;

export const events = {
  /** A case was created or changed; windows upsert it. */
  'case.changed': z.object({ change: z.enum(['created', 'updated']), case: CaseSchema }),
} as const;

export type QueryName = keyof typeof queries;
export type CommandName = keyof typeof commands;
export type EventName = keyof typeof events;
export type RequestName = QueryName | CommandName;

type Spec = { args: z.ZodType; result: unknown };
type Specs = typeof queries & typeof commands;
export type ArgsOf<N extends RequestName> = z.input<Specs[N]['args']>;
export type ParsedArgsOf<N extends RequestName> = z.output<Specs[N]['args']>;
export type ResultOf<N extends RequestName> = Specs[N] extends Spec ? Specs[N]['result'] : never;
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;

export const queryNames = Object.keys(queries) as QueryName[];
export const commandNames = Object.keys(commands) as CommandName[];
export const requestNames: RequestName[] = [...queryNames, ...commandNames];

export function isQuery(name: string): name is QueryName {
  return Object.hasOwn(queries, name);
}
export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

export function argsSchemaOf(name: RequestName): z.ZodType {
  return isQuery(name) ? queries[name].args : commands[name as CommandName].args;
}
