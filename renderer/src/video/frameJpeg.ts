import { attachmentFits } from '../shell/attachmentSize';

/**
 * A picture as a JPEG (base64, no prefix), for tile → case. A frame too large for an attachment (a 4K camera) is
 * scaled down until it fits, rather than refused.
 */
export function frameToJpeg(source: CanvasImageSource, width: number, height: number): string | null {
  let frame: string | null = null;
  for (const scale of [1, 0.75, 0.5, 0.35]) {
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
    frame = canvas.toDataURL('image/jpeg', 0.85).split(',')[1] ?? null;
    if (frame === null || attachmentFits(Math.ceil((frame.length * 3) / 4))) break;
  }
  return frame;
}
