/**
 * What the video window tells the end-to-end tests and the benchmark (`window.gridwallVideo`): what each tile
 * plays and shows, and how it is doing. Bare comparison pages in the benchmark expose the same shape.
 */
export interface VideoProbe {
  tiles(): Array<{
    screen: number;
    cameraId: string | null;
    health: string;
    latencyS: number | null;
    ttffMs: number | null;
    url: string | null;
    /** The picture as drawn, in device pixels, and the stream's own width. */
    picture: { width: number; height: number; native: boolean; streamWidth: number } | null;
    /** Moves while the picture moves (ms). */
    pictureTime: number | null;
  }>;
  players(): number;
  /** Stalls of the tiles on the canvas so far (a <video>'s are its own `waiting` events). */
  stalls(): { count: number; stalledMs: number };
}
