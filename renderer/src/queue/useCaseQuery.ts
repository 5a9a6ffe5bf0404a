import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, CaseQuery } from '../../../shared/contract/contract';
import type { Case } from '../../../shared/domain/case';
import type { WallState } from '../state/wallStore';
import { messageOf, selectSnapshotsLoaded } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';

export type QueueFilters = Omit<ArgsOf<'cases.query'>, 'offset' | 'limit'>;
export const pageSize = 100;

const selectSeq = (state: WallState) => state.seq;
const selectLastChanged = (state: WallState) => state.lastChanged;

export interface CaseQueryView {
  total: number;
  /** The row at an index, or undefined while its page loads. */
  rowAt(index: number): Case | undefined;
  /** Ask for the pages that cover these rows (the virtualiser's visible range). */
  need(first: number, last: number): void;
  /** The rows loaded so far, in order (keyboard navigation, drill-down). */
  loaded(): Case[];
  loading: boolean;
  /** Why the last read failed; the list shows it in its place until a read succeeds. */
  error: string | null;
  /** Read the pages in view again now. */
  retry(): void;
}

/**
 * The queue's rows come from the core a page at a time, filtered and sorted
 * there (so 100,000 cases never travel to the window). A changed case is
 * patched in place at once; then the loaded pages are read again, so order,
 * membership and the total stay true.
 */
export function useCaseQuery(filters: QueueFilters): CaseQueryView {
  const { bridge } = useWall();
  const seq = useWallState(selectSeq);
  // A read that failed while the link was down is made again once the window has its new snapshot.
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  const [retries, setRetries] = useState(0);
  const lastChanged = useWallState(selectLastChanged);
  const filterKey = JSON.stringify(filters);
  // Pages belong to the filters they were read with; new filters start from nothing.
  const [result, setResult] = useState<{ key: string; total: number; pages: ReadonlyMap<number, Case[]>; error: string | null }>({
    key: filterKey,
    total: 0,
    pages: new Map(),
    error: null,
  });
  // Pages asked for, per filter set (only read in callbacks and effects).
  const requested = useRef(new Map<string, Set<number>>());
  const requestedPages = useCallback((key: string) => {
    let pages = requested.current.get(key);
    if (!pages) {
      requested.current = new Map([[key, (pages = new Set())]]);
    }
    return pages;
  }, []);
  const current = result.key === filterKey ? result : { key: filterKey, total: 0, pages: new Map<number, Case[]>(), error: null };

  const fetchPage = useCallback(
    async (page: number) => {
      const key = filterKey;
      requestedPages(key).add(page);
      try {
        const answer = await bridge.request('cases.query', { ...(JSON.parse(key) as QueueFilters), offset: page * pageSize, limit: pageSize });
        setResult((previous) => {
          const pages = previous.key === key ? new Map(previous.pages) : new Map<number, Case[]>();
          pages.set(page, answer.cases);
          return { key, total: answer.total, pages, error: null };
        });
      } catch (failure) {
        // The page stays "asked for": scrolling must not ask again in a loop (a stopped core refuses at once);
        // it is read again on retry, on the next change, or when the link is back.
        const error = messageOf(failure);
        setResult((previous) => (previous.key === key ? { ...previous, error } : { key, total: 0, pages: new Map(), error }));
      }
    },
    [bridge, filterKey, requestedPages],
  );

  // New filters, or something changed in the core: (re)read the pages in view.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const pages = [...requestedPages(filterKey)];
      for (const page of pages.length ? pages : [0]) void fetchPage(page);
    }, seq === 0 ? 0 : 60);
    return () => window.clearTimeout(timer);
  }, [seq, snapshotsLoaded, retries, fetchPage, requestedPages, filterKey]);

  /** A changed case shows its new state at once, before the re-read brings order and totals. */
  const fresh = (row: Case | undefined) => (row && lastChanged && row.id === lastChanged.id && lastChanged.updatedAt >= row.updatedAt ? lastChanged : row);

  return {
    total: current.total,
    loading: current.pages.size === 0 && current.error === null,
    error: current.error,
    retry: () => setRetries((count) => count + 1),
    rowAt: (index) => fresh(current.pages.get(Math.floor(index / pageSize))?.[index % pageSize]),
    need(first, last) {
      for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize); page++) {
        if (!requestedPages(filterKey).has(page)) void fetchPage(page);
      }
    },
    loaded: () =>
      [...current.pages.keys()]
        .sort((a, b) => a - b)
        .flatMap((page) => current.pages.get(page) ?? [])
        .map((row) => fresh(row)!),
  };
}

export const defaultFilters: QueueFilters = { sort: 'priority' } satisfies Partial<CaseQuery>;
