import { fullRateIntervalMs, pictureRect, smallTileIntervalMs } from '../../../../shared/video/drawRate';
import { LiveStream } from './liveStream';
import type { DrawRect, Placement, WindowMessage, WorkerMessage } from './wallProtocol';

/**
 * The video window's worker: every tile's stream is fetched, read, decoded
 * and drawn here, into one canvas under the whole matrix.
 *
 * Why one canvas at a lower rate: without a GPU, Chromium's compositor
 * redraws the wall for nearly every new video frame of any tile (several
 * unsynchronised 25 fps videos make ~30 redraws a second), and every
 * <video> keeps a media pipeline of its own. Here all small tiles are drawn
 * together, a few times a second, and the canvas changes only then; an
 * enlarged tile is drawn at every frame (docs/BENCHMARKS.md, video).
 */

/** The worker's global scope (the renderer compiles against the DOM library, not the worker one). */
const scope = self as unknown as {
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WindowMessage>) => void) | null;
};
const now = () => performance.timeOrigin + performance.now();
const post = (message: WorkerMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;
const streams = new Map<number, LiveStream>();
const placements = new Map<number, Placement>();
/** What each placed stream last drew, so an unchanged picture is not drawn again. */
const drawn = new Map<number, number>();
let tickCount = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

scope.onmessage = (event: MessageEvent<WindowMessage>) => {
  try {
    handle(event.data);
  } finally {
    schedule();
  }
};

function handle(message: WindowMessage) {
  switch (message.kind) {
    case 'canvas':
      canvas = message.canvas;
      context = canvas.getContext('2d', { alpha: false });
      clear({ x: 0, y: 0, width: canvas.width, height: canvas.height });
      break;
    case 'resize':
      if (!canvas) break;
      canvas.width = message.width;
      canvas.height = message.height;
      clear({ x: 0, y: 0, width: message.width, height: message.height });
      drawn.clear();
      break;
    case 'open':
      streams.get(message.id)?.close();
      streams.set(message.id, new LiveStream(message.id, message.url, message.staleEndSN, (streamEvent) => post(streamEvent), now, wake));
      break;
    case 'place':
      place(message.placements);
      break;
    case 'close':
      close(message.id, message.keepPicture);
      break;
    case 'recover':
      streams.get(message.id)?.recover();
      break;
    case 'grab':
      void grab(message.id, message.request);
      break;
  }
}

function place(next: Placement[]) {
  const wanted = new Map(next.map((placement) => [placement.id, placement]));
  for (const [id, old] of placements) {
    const moved = wanted.get(id);
    if (old.rect && (!moved?.rect || !sameRect(old.rect, moved.rect))) clear(old.rect);
    if (!moved) placements.delete(id);
  }
  for (const placement of next) {
    const old = placements.get(placement.id);
    if (!old || !sameRect(old.rect, placement.rect)) drawn.delete(placement.id);
    placements.set(placement.id, placement);
  }
}

/** Ends a stream; a failed one leaves its last picture on the wall and sends a copy back (the tile's still). */
function close(id: number, keepPicture: boolean) {
  const stream = streams.get(id);
  streams.delete(id);
  const rect = placements.get(id)?.rect;
  if (rect && !keepPicture) clear(rect);
  placements.delete(id);
  drawn.delete(id);
  if (!keepPicture) return stream?.close();
  // Always answered, with or without a picture: the window waits for it to let go of the tile.
  const last = stream?.current ?? null;
  if (!last) {
    stream?.close();
    return post({ kind: 'still', id, bitmap: null });
  }
  void createImageBitmap(last)
    .catch(() => null)
    .then((bitmap) => {
      stream?.close();
      post({ kind: 'still', id, bitmap }, bitmap ? [bitmap] : []);
    });
}

/** One clock for every tile: small tiles drawn together every `smallTileIntervalMs`, enlarged ones at every frame. */
function schedule() {
  if (timer !== null || streams.size === 0) return;
  const fast = [...placements.values()].some((placement) => placement.fullRate && placement.rect);
  timer = setTimeout(tick, fast ? fullRateIntervalMs : smallTileIntervalMs);
}

/** A stream without a picture yet has one to show: tick now. */
function wake() {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(tick, 0);
}

function tick() {
  timer = null;
  tickCount += 1;
  const fast = [...placements.values()].some((placement) => placement.fullRate && placement.rect);
  const smallDue = !fast || tickCount % Math.round(smallTileIntervalMs / fullRateIntervalMs) === 0;
  try {
    for (const stream of streams.values()) tickStream(stream, smallDue);
    reportOncePerSecond();
  } finally {
    // Whatever one stream did, the clock goes on for the others.
    schedule();
  }
}

/** One stream's turn: its clock, and its picture if one is due. A failure is that stream's media error, no one else's. */
function tickStream(stream: LiveStream, smallDue: boolean) {
  try {
    const frame = stream.tick();
    const placement = placements.get(stream.id);
    if (!frame || !placement?.rect || !context || (!placement.fullRate && !smallDue)) return;
    if (drawn.get(stream.id) === frame.timestamp) return;
    drawFrame(stream, frame, placement.rect);
    drawn.set(stream.id, frame.timestamp);
  } catch (error) {
    post({ kind: 'error', id: stream.id, error: { type: 'mediaError', details: `draw: ${error instanceof Error ? error.message : String(error)}`, fatal: true } });
  }
}

/** The picture 1:1 when it nearly fits its box (shared/video/layout.ts, nativePictureSize), else scaled to fit, centred. */
function drawFrame(stream: LiveStream, frame: VideoFrame, rect: DrawRect) {
  const picture = pictureRect({ width: frame.displayWidth, height: frame.displayHeight }, rect);
  const ctx = context!;
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x, rect.y, rect.width, rect.height);
  ctx.clip();
  ctx.drawImage(frame, picture.x, picture.y, picture.width, picture.height);
  ctx.restore();
  stream.drawn = { width: picture.width, height: picture.height, native: picture.native, streamWidth: frame.displayWidth };
}

function clear(rect: DrawRect) {
  if (!context) return;
  context.fillStyle = '#000';
  context.fillRect(rect.x, rect.y, rect.width, rect.height);
}

let lastReport = 0;
function reportOncePerSecond() {
  const at = now();
  if (at - lastReport < 1_000) return;
  lastReport = at;
  post({ kind: 'status', streams: [...streams.values()].map((stream) => ({ id: stream.id, atMs: at, lastFrameAtMs: stream.lastFrameAtMs, programMs: stream.programMs, endSN: stream.endSN, drawn: stream.drawn })) });
}

async function grab(id: number, request: number) {
  const frame = streams.get(id)?.current ?? null;
  const bitmap = frame ? await createImageBitmap(frame).catch(() => null) : null;
  post({ kind: 'grabbed', request, bitmap }, bitmap ? [bitmap] : []);
}

function sameRect(a: DrawRect | null, b: DrawRect | null): boolean {
  return a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
}
