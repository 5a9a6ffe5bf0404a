/**
 * On a wall display nobody works at, the pointer would sit in the middle
 * of a camera tile for weeks. After `seconds` without pointer movement it
 * hides (the page gets `cursor-idle`); any movement brings it back. The
 * shell asks for it with `?hideCursorAfter=<seconds>` on wall windows
 * (not on the operator's queue); a browser-wall kiosk can add it too.
 */
export function hideIdleCursor(seconds: number, root: HTMLElement = document.documentElement): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const idle = () => root.classList.add('cursor-idle');
  const active = () => {
    root.classList.remove('cursor-idle');
    if (timer) clearTimeout(timer);
    timer = setTimeout(idle, seconds * 1_000);
  };
  const events = ['pointermove', 'pointerdown', 'wheel'] as const;
  for (const name of events) window.addEventListener(name, active, { passive: true });
  active();
  return () => {
    if (timer) clearTimeout(timer);
    for (const name of events) window.removeEventListener(name, active);
    root.classList.remove('cursor-idle');
  };
}

/** The seconds asked for in the window's URL, if a sensible number (1 s to 1 h). */
export function idleCursorSecondsFromUrl(href: string): number | null {
  const value = Number(new URL(href).searchParams.get('hideCursorAfter'));
  return Number.isFinite(value) && value >= 1 && value <= 3_600 ? value : null;
}
