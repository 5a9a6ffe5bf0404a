import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import type { Logger } from '../runtime/logger';

/**
 * SQL as tagged templates: every interpolated value becomes a bound
 * parameter, fragments compose, and nothing is ever spliced into the text.
 *
 *   const where = sql`status = ${status}`;
 *   statements.all(sql`SELECT * FROM cases WHERE ${where} LIMIT ${limit}`);
 *
 * Only a `SqlFragment` (made by `sql`, `sqlJoin` or `sqlTrusted`) is inlined.
 */
export interface SqlFragment {
  readonly text: string;
  readonly params: readonly unknown[];
}

const fragmentMark = Symbol('sql fragment');
type Marked = SqlFragment & { readonly [fragmentMark]: true };

function fragment(text: string, params: readonly unknown[]): SqlFragment {
  return { text, params, [fragmentMark]: true } as Marked;
}

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && fragmentMark in value;
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, index) => {
    if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[index + 1]!;
  });
  return fragment(text, params);
}

/** Fragments joined by a separator (`AND`, `, ` …). */
export function sqlJoin(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return fragment(parts.map((part) => part.text).join(separator), parts.flatMap((part) => part.params));
}

/** `(?, ?, ?)` for a list of values; an empty list is `(NULL)`, which matches nothing. */
export function sqlList(values: readonly unknown[]): SqlFragment {
  return values.length === 0 ? fragment('(NULL)', []) : fragment(`(${values.map(() => '?').join(', ')})`, values);
}

/** Text written in this code base (a column name, an index hint), never data. */
export function sqlTrusted(text: string): SqlFragment {
  return fragment(text, []);
}

export const emptySql = sqlTrusted('');

/** Statements by text, prepared once, least recently used dropped beyond `capacity`. */
export interface StatementCache {
  all<Row>(query: SqlFragment): Row[];
  get<Row>(query: SqlFragment): Row | undefined;
  run(query: SqlFragment): { changes: number; lastInsertRowid: number | bigint };
  readonly size: number;
}

/** Queries slower than this are logged: at 100,000 cases every queue read should be far below it. */
export const slowQueryMs = 40;

export function createStatementCache(db: Db, options: { capacity?: number; logger?: Logger } = {}): StatementCache {
  const capacity = options.capacity ?? 200;
  const statements = new Map<string, Statement<unknown[]>>();

  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (statement) {
      // Re-inserted at the end: the Map's order is the recency order.
      statements.delete(text);
    } else {
      statement = db.prepare<unknown[]>(text);
      if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
    }
    statements.set(text, statement);
    return statement;
  };

  const timed = <T>(query: SqlFragment, run: () => T): T => {
    const started = performance.now();
    const result = run();
    const ms = performance.now() - started;
    if (ms > slowQueryMs) options.logger?.warn('sql.slow', { ms: Math.round(ms), sql: query.text.replace(/\s+/g, ' ').slice(0, 300) });
    return result;
  };

  return {
    all: <Row>(query: SqlFragment) => timed(query, () => prepared(query.text).all(...query.params) as Row[]),
    get: <Row>(query: SqlFragment) => timed(query, () => prepared(query.text).get(...query.params) as Row | undefined),
    run: (query) => timed(query, () => prepared(query.text).run(...query.params)),
    get size() {
      return statements.size;
    },
  };
}
