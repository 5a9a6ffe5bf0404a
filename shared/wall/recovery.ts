/**
 * When a wall window's page dies or hangs, the shell re-creates it on its
 * display, in its role. A page that keeps dying is not re-created in a
 * loop: after `maxCrashes` within `windowMs` the window shows a plain page
 * with the reason instead, until someone asks it to try again.
 */
export interface RecoveryPolicy {
  /** Wait before re-creating, by how many times it already went wrong within the window (the last repeats). */
  delaysMs: readonly number[];
  maxCrashes: number;
  windowMs: number;
  /** A page that has not answered the shell's ping for this long is hung. */
  hangAfterMs: number;
  /** How often the shell pings each page. */
  pingEveryMs: number;
}

/**
 * A window must be back within 5 s of going wrong: re-created at once the
 * first time (then after 1 s, 2 s), and a page silent for 2 s is hung — well
 * above the longest legitimate main-thread stall measured here (a large map
 * update in software rendering, about 1.1 s), and leaving 2.5 s for the new
 * page to load and draw (docs/BENCHMARKS.md, shell).
 */
export const defaultRecoveryPolicy: RecoveryPolicy = {
  delaysMs: [0, 1_000, 2_000],
  maxCrashes: 4,
  windowMs: 5 * 60_000,
  hangAfterMs: 2_000,
  pingEveryMs: 500,
};

/** Why a window is being recovered. Electron's `render-process-gone` reasons, plus a hang the shell noticed itself. */
export type FailureReason = 'crashed' | 'oom' | 'killed' | 'launch-failed' | 'integrity-failure' | 'abnormal-exit' | 'hung' | 'load-failed';

export type RecoveryDecision = { action: 'recreate'; delayMs: number; attempt: number } | { action: 'giveUp'; failures: number };

/** `failures`: when this window went wrong before (ms), the one being handled now included as `now`. */
export function nextRecovery(failures: readonly number[], now: number, policy: RecoveryPolicy = defaultRecoveryPolicy): RecoveryDecision {
  const recent = failures.filter((at) => at > now - policy.windowMs && at <= now).length;
  if (recent >= policy.maxCrashes) return { action: 'giveUp', failures: recent };
  const delayMs = policy.delaysMs[Math.min(recent - 1, policy.delaysMs.length - 1)] ?? policy.delaysMs[0] ?? 0;
  return { action: 'recreate', delayMs, attempt: recent };
}

/** Electron's reason names are taken as they are; anything unknown is an abnormal exit. */
export function failureReasonOf(reason: string): FailureReason {
  const known: readonly FailureReason[] = ['crashed', 'oom', 'killed', 'launch-failed', 'integrity-failure', 'abnormal-exit', 'hung', 'load-failed'];
  return (known as readonly string[]).includes(reason) ? (reason as FailureReason) : 'abnormal-exit';
}
