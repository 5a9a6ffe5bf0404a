import type { CanvasWall } from './canvasWall';
import { CanvasTilePlayer, needsMediaElement } from './canvasTilePlayer';
import type { WallPlayer } from './playerClock';
import { TilePlayer } from './tilePlayer';

/**
 * The window's players. A tile asks for a stream and gets a player; when it
 * shows something else the player is destroyed (never reused for another
 * camera: a full teardown is what keeps a wall from leaking for days).
 *
 * Pre-warming: shortly before a slot switch the core names the next slot's
 * cameras; their players start here, hidden but in the page (so Chromium
 * keeps decoding them), and a tile that then asks for that stream adopts the
 * running player: the switch shows a moving picture at once. Warm players no
 * tile adopted are destroyed when the pre-warm notice ends.
 */
export class PlayerPool {
  private readonly warm = new Map<string, WallPlayer>();
  private readonly inUse = new Set<WallPlayer>();

  /** `wall`: the window's canvas wall, where this browser has one; otherwise every tile plays on a <video>. */
  constructor(
    private readonly holder: HTMLElement,
    private readonly wall: CanvasWall | null,
  ) {}

  private create(url: string): WallPlayer {
    return this.wall && !needsMediaElement(url) ? new CanvasTilePlayer(url, this.wall) : new TilePlayer(url);
  }

  acquire(url: string): WallPlayer {
    const warmed = this.warm.get(url);
    if (warmed) {
      this.warm.delete(url);
      this.inUse.add(warmed);
      return warmed;
    }
    const player = this.create(url);
    this.inUse.add(player);
    return player;
  }

  release(player: WallPlayer): void {
    this.inUse.delete(player);
    player.destroy();
  }

  /** Starts players for these streams (those not already playing in a tile or warming). */
  prewarm(urls: readonly string[]): void {
    const playing = new Set([...this.inUse].map((player) => player.url));
    for (const url of urls) {
      if (playing.has(url) || this.warm.has(url)) continue;
      const player = this.create(url);
      this.warm.set(url, player);
      this.holder.append(player.element);
    }
  }

  /** Ends warm players that are no longer wanted. */
  coolDown(keep: readonly string[] = []): void {
    const wanted = new Set(keep);
    for (const [url, player] of this.warm) {
      if (wanted.has(url)) continue;
      this.warm.delete(url);
      player.destroy();
    }
  }

  players(): WallPlayer[] {
    return [...this.inUse];
  }

  warmCount(): number {
    return this.warm.size;
  }
}
