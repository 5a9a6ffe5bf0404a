/**
 * Messages between a video window and its wall worker (renderer/src/video/stream/wallWorker.ts).
 * Rectangles are in the canvas's device pixels.
 */

export interface DrawRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Placement {
  id: number;
  /** Where the tile's picture goes; null: decoded but not drawn (pre-warming, hidden by an enlarged tile). */
  rect: DrawRect | null;
  /** Every frame (an enlarged tile) or at the wall's small-tile rate. */
  fullRate: boolean;
}

export type WindowMessage =
  | { kind: 'canvas'; canvas: OffscreenCanvas }
  | { kind: 'resize'; width: number; height: number }
  | { kind: 'open'; id: number; url: string; staleEndSN: number | null }
  | { kind: 'place'; placements: Placement[] }
  /** `keepPicture`: the stream failed and its last picture stays on the wall, dimmed by the tile; otherwise it is cleared. */
  | { kind: 'close'; id: number; keepPicture: boolean }
  | { kind: 'recover'; id: number }
  | { kind: 'grab'; id: number; request: number };

export interface StreamError {
  type: 'networkError' | 'mediaError' | 'otherError';
  details: string;
  fatal: boolean;
  httpStatus?: number;
  fragmentBytesLoaded?: number;
}

export type StreamEvent =
  | { kind: 'playlist'; id: number; endSN: number; live: boolean }
  /** A picture: the first of the stream, or the first after a stall. */
  | { kind: 'frame'; id: number; first: boolean }
  | { kind: 'waiting'; id: number }
  | { kind: 'error'; id: number; error: StreamError };

export interface StreamStatus {
  id: number;
  /** When this was taken (ms since the epoch, the worker's monotonic clock): the program time has moved on since. */
  atMs: number;
  /** When the last new picture came due (ms since the epoch, on the worker's monotonic clock), and its program time. */
  lastFrameAtMs: number | null;
  programMs: number | null;
  /** The last sequence number of the newest playlist seen. */
  endSN: number | null;
  /** The picture as last drawn (device pixels), and the stream's own width; null before the first draw. */
  drawn: DrawnPicture | null;
}

export interface DrawnPicture {
  width: number;
  height: number;
  /** Pixel for pixel (shared/video/layout.ts, nativePictureSize) rather than scaled. */
  native: boolean;
  streamWidth: number;
}

export type WorkerMessage =
  | StreamEvent
  /** Once a second, every stream at once: one message, not one per frame. */
  | { kind: 'status'; streams: StreamStatus[] }
  | { kind: 'grabbed'; request: number; bitmap: ImageBitmap | null }
  /** The last picture of a stream closed because it failed. */
  | { kind: 'still'; id: number; bitmap: ImageBitmap | null };
