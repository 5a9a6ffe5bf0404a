import { drawsAtFullRate } from '../../../shared/video/drawRate';
import type { DrawRect, Placement, StreamError, StreamStatus, WindowMessage, WorkerMessage } from './stream/wallProtocol';

/**
 * The window's side of the wall worker: one canvas under the matrix,
 * transferred to the worker, and one stream per playing tile. It measures
 * where each tile's picture box is (in the canvas's device pixels) whenever
 * the layout moves, and tells the worker, batched in one animation frame.
 */

export interface StreamListener {
  playlist(endSN: number, live: boolean): void;
  frame(first: boolean): void;
  waiting(): void;
  error(error: StreamError): void;
  still(bitmap: ImageBitmap | null): void;
}

export interface StreamHandle {
  /** Latest once-a-second report from the worker. */
  readonly status: StreamStatus | null;
  /** The element whose box is the tile's picture box. */
  attach(element: HTMLElement): void;
  recover(): void;
  grab(): Promise<ImageBitmap | null>;
  close(keepPicture: boolean): void;
}

/** Whether this browser can play tiles on the canvas (WebCodecs and a canvas a worker can draw on). */
export function canvasWallSupported(): boolean {
  return typeof VideoDecoder === 'function' && typeof OffscreenCanvas === 'function' && 'transferControlToOffscreen' in HTMLCanvasElement.prototype && isSecureContext;
}

interface OpenStream {
  listener: StreamListener;
  element: HTMLElement | null;
  status: StreamStatus | null;
}

export class CanvasWall {
  private readonly canvas = document.createElement('canvas');
  private readonly worker = new Worker(new URL('./stream/wallWorker.ts', import.meta.url), { type: 'module' });
  private readonly streams = new Map<number, OpenStream>();
  private readonly grabs = new Map<number, (bitmap: ImageBitmap | null) => void>();
  private readonly resizeObserver = new ResizeObserver(() => this.requestLayout());
  private nextId = 1;
  private layoutFrame: number | null = null;
  private size = { width: 0, height: 0 };

  private readonly matrix: HTMLElement;

  /** `slot`: an empty box covering the matrix (its first child), where the canvas goes. */
  constructor(slot: HTMLElement) {
    this.matrix = slot.parentElement ?? slot;
    this.canvas.className = 'matrix-canvas';
    this.canvas.setAttribute('aria-hidden', 'true');
    slot.append(this.canvas);
    const offscreen = this.canvas.transferControlToOffscreen();
    this.send({ kind: 'canvas', canvas: offscreen }, [offscreen]);
    this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    // The worker contains each stream's failures itself; anything that still escapes is a bug worth seeing.
    this.worker.onerror = (event) => console.error('video wall worker:', event.message);
    this.resizeObserver.observe(this.matrix);
  }

  /** `staleEndSN`: the stream went stale at this sequence; a playlist that has not moved past it is not played. */
  open(url: string, listener: StreamListener, staleEndSN: number | null = null): StreamHandle {
    const id = this.nextId++;
    const stream: OpenStream = { listener, element: null, status: null };
    this.streams.set(id, stream);
    this.send({ kind: 'open', id, url, staleEndSN });
    return {
      get status() {
        return stream.status;
      },
      attach: (element) => {
        stream.element = element;
        this.requestLayout();
      },
      recover: () => this.send({ kind: 'recover', id }),
      grab: () =>
        new Promise((resolve) => {
          const request = this.nextId++;
          this.grabs.set(request, resolve);
          this.send({ kind: 'grab', id, request });
        }),
      close: (keepPicture) => {
        if (!this.streams.delete(id)) return;
        this.send({ kind: 'close', id, keepPicture });
        // A still is still to come for a failed stream: keep listening for it only.
        if (keepPicture) this.stills.set(id, listener);
      },
    };
  }

  private readonly stills = new Map<number, StreamListener>();

  /** Measures every tile's picture box in the next animation frame (layouts, enlarging, window resizes). */
  requestLayout(): void {
    this.layoutFrame ??= requestAnimationFrame(() => {
      this.layoutFrame = null;
      this.layout();
    });
  }

  private layout() {
    const scale = devicePixelRatio;
    const origin = this.canvas.getBoundingClientRect();
    const width = Math.round(origin.width * scale);
    const height = Math.round(origin.height * scale);
    if (width !== this.size.width || height !== this.size.height) {
      this.size = { width, height };
      this.send({ kind: 'resize', width, height });
    }
    const placements: Placement[] = [...this.streams].map(([id, stream]) => {
      const rect = stream.element && this.matrix.contains(stream.element) ? this.rectOf(stream.element, origin, scale) : null;
      return { id, rect, fullRate: rect !== null && drawsAtFullRate(rect) };
    });
    this.send({ kind: 'place', placements });
  }

  private rectOf(element: HTMLElement, origin: DOMRect, scale: number): DrawRect | null {
    const box = element.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return null;
    return { x: Math.round((box.left - origin.left) * scale), y: Math.round((box.top - origin.top) * scale), width: Math.round(box.width * scale), height: Math.round(box.height * scale) };
  }

  private receive(message: WorkerMessage) {
    switch (message.kind) {
      case 'status':
        for (const status of message.streams) {
          const stream = this.streams.get(status.id);
          if (stream) stream.status = status;
        }
        return;
      case 'grabbed':
        this.grabs.get(message.request)?.(message.bitmap);
        this.grabs.delete(message.request);
        return;
      case 'still':
        this.stills.get(message.id)?.still(message.bitmap);
        this.stills.delete(message.id);
        return;
    }
    const listener = this.streams.get(message.id)?.listener;
    if (!listener) return;
    if (message.kind === 'playlist') listener.playlist(message.endSN, message.live);
    else if (message.kind === 'frame') listener.frame(message.first);
    else if (message.kind === 'waiting') listener.waiting();
    else listener.error(message.error);
  }

  private send(message: WindowMessage, transfer: Transferable[] = []) {
    this.worker.postMessage(message, transfer);
  }

  destroy(): void {
    if (this.layoutFrame !== null) cancelAnimationFrame(this.layoutFrame);
    this.resizeObserver.disconnect();
    this.worker.terminate();
    this.canvas.remove();
    for (const resolve of this.grabs.values()) resolve(null);
    this.grabs.clear();
    this.streams.clear();
  }
}
