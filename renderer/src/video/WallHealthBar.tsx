import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallPlayer } from './playerClock';

/** p95 by nearest rank. */
function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

/**
 * The wall at a glance: how many tiles are live out of those that should be,
 * and the p95 latency behind real time (from the streams' program date-time).
 * Read once a second from the players, without re-rendering the tiles.
 */
export function WallHealthBar({ players }: { players: RefObject<Map<number, WallPlayer>> }) {
  const { t } = useTranslation();
  const [figures, setFigures] = useState({ live: 0, total: 0, latency: null as number | null });
  useEffect(() => {
    const timer = window.setInterval(() => {
      const all = [...players.current.values()];
      const live = all.filter((player) => player.snapshot.health.kind === 'live');
      const latency = p95(live.flatMap((player) => (player.snapshot.latencyS === null ? [] : [player.snapshot.latencyS])));
      const next = { live: live.length, total: all.length, latency: latency === null ? null : Math.round(latency * 10) / 10 };
      // Repaint only when a figure reads differently.
      setFigures((shown) => (shown.live === next.live && shown.total === next.total && shown.latency === next.latency ? shown : next));
    }, 1_000);
    return () => window.clearInterval(timer);
  }, [players]);
  const state = figures.total === 0 ? 'idle' : figures.live === figures.total ? 'ok' : 'degraded';
  return (
    <span className={`wall-health wall-health-${state}`} data-testid="wall-health" role="status">
      <strong>{t('video.healthBar', { live: figures.live, total: figures.total })}</strong>
      {figures.latency !== null && <span className="muted">{t('video.latency', { seconds: figures.latency.toFixed(1) })}</span>}
    </span>
  );
}
