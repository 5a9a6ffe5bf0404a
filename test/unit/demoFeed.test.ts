import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '../../shared/contract/messages';
import { smallDemo, startTestCore } from '../support/testCore';

afterEach(() => vi.useRealTimers());

describe('the demo feed', () => {
  it('adds cases at about the configured rate, through the case service, as the feed', () => {
    vi.useFakeTimers();
    const test = startTestCore({ demo: { ...smallDemo, feedRatePerMinute: 30 } });
    const events: EventMessage<'case.changed'>[] = [];
    test.core.subscribe((message) => {
      if (message.event === 'case.changed') events.push(message);
    });
    vi.advanceTimersByTime(10 * 60_000);
    test.core.close();

    // 30 a minute for 10 minutes, with random gaps: about 300.
    expect(events.length).toBeGreaterThan(220);
    expect(events.length).toBeLessThan(380);
    const created = events.filter((message) => message.payload.change === 'created');
    const updated = events.filter((message) => message.payload.change === 'updated');
    expect(created.length).toBeGreaterThan(events.length * 0.75);
    expect(updated.length).toBeGreaterThan(0);
    expect(updated.every((message) => message.payload.case.urgent)).toBe(true);
    expect(created.every((message) => message.payload.case.gridId !== null)).toBe(true);

    const db = new Database(test.dbPath, { readonly: true });
    const feedEvents = db.prepare("SELECT count(*) AS n FROM audit_events WHERE actor = 'demo-feed' AND input = 'feed'").get() as { n: number };
    const outbox = db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
    db.close();
    expect(feedEvents.n).toBe(events.length);
    expect(outbox.n).toBe(events.length);
    test.close();
  });

  it('stays still at rate 0', () => {
    vi.useFakeTimers();
    const test = startTestCore({ demo: { ...smallDemo, feedRatePerMinute: 0 } });
    const events: EventMessage<'case.changed'>[] = [];
    test.core.subscribe((message) => {
      if (message.event === 'case.changed') events.push(message);
    });
    vi.advanceTimersByTime(60 * 60_000);
    expect(events).toHaveLength(0);
    test.close();
  });
});
