import { mainStreamMinWidthPx, nativePictureSize, type PixelSize } from './layout';

/**
 * How often a tile's picture is drawn.
 *
 * Cameras send 25 frames a second, and every frame is decoded (each needs
 * the one before it). But nobody reads 25 pictures a second on a small tile
 * of a 16-split wall: five is movement enough to follow a person or a car,
 * and drawing them all is most of what a wall costs where there is no GPU
 * (the compositor redraws the wall for each new picture). So small tiles are
 * drawn five times a second, all in the same instant; a tile large enough to
 * play the main stream (an enlarged tile, the big tile of a 6-split) is
 * drawn at every frame.
 */
export const smallTileIntervalMs = 200;
export const fullRateIntervalMs = 40;

/** Full rate for a tile whose picture is main-stream sized (the same threshold as subOrMain), in device pixels. */
export function drawsAtFullRate(box: PixelSize, aspect = 16 / 9): boolean {
  return Math.min(box.width, box.height * aspect) >= mainStreamMinWidthPx;
}

/** Where a picture of `picture` size is drawn in `box` (device pixels): 1:1 when it nearly fits, else scaled to fit; centred. */
export function pictureRect(picture: PixelSize, box: PixelSize & { x: number; y: number }): { x: number; y: number; width: number; height: number; native: boolean } {
  const native = nativePictureSize(picture, box, 1);
  const scale = Math.min(box.width / picture.width, box.height / picture.height);
  const width = native ? native.width : Math.round(picture.width * scale);
  const height = native ? native.height : Math.round(picture.height * scale);
  return { x: box.x + Math.round((box.width - width) / 2), y: box.y + Math.round((box.height - height) / 2), width, height, native: native !== null };
}
