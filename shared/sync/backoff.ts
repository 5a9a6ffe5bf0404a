/**
 * How long to wait before trying the platform again: doubling from `baseMs`
 * up to `capMs`, each wait drawn between half and all of it ("equal
 * jitter"), so walls that lost the link together do not all return in the
 * same second and a long outage is retried every half minute or so.
 */
export function retryDelayMs(attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
