import type { PixelSize } from '../../../shared/video/layout';
import type { PlayerView } from './tileWatch';

/**
 * What a tile asks of its player, whichever plays it: the canvas player (WebCodecs in the wall's worker,
 * canvasTilePlayer.ts) or hls.js on a <video> (tilePlayer.ts, for streams the canvas player cannot read).
 */
export interface WallPlayer {
  readonly url: string;
  /** Goes into the tile; the canvas player's is an empty box the wall measures to place the picture. */
  readonly element: HTMLElement;
  readonly snapshot: PlayerView;
  subscribe(listener: () => void): () => void;
  /** The tile's picture box in CSS pixels. */
  setBox(box: PixelSize): void;
  /** The current frame as a JPEG (base64, no prefix), for tile → case; null before the first frame. */
  grabFrame(): Promise<string | null>;
  /** What the benchmark and tests read: the picture as drawn, in device pixels. */
  picture(): { width: number; height: number; native: boolean; streamWidth: number } | null;
  /** A time that moves while the picture does (ms): the shown frame's program time, or the video's current time. */
  pictureTime(): number | null;
  destroy(): void;
}

let livePlayers = 0;
/** Players alive in this window (the benchmark checks that it equals the tiles after many camera changes). */
export const playerCount = () => livePlayers;
export const countPlayer = (delta: 1 | -1) => void (livePlayers += delta);

/**
 * One clock for every player in the window, not a timer each: the players' once-a-second updates then land in one
 * task, React renders them in one commit, and the page lays out and paints once a second instead of once per tile.
 */
const ticks = new Map<object, () => void>();
let ticker: number | null = null;

export function startTicking(player: object, tick: () => void) {
  ticks.set(player, tick);
  ticker ??= window.setInterval(() => {
    for (const each of [...ticks.values()]) each();
  }, 1_000);
}

export function stopTicking(player: object) {
  ticks.delete(player);
  if (ticks.size === 0 && ticker !== null) {
    window.clearInterval(ticker);
    ticker = null;
  }
}
