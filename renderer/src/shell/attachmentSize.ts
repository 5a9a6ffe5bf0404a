import { maxAttachmentBase64 } from '../../../shared/contract/contract';

/** Characters of base64 that `bytes` bytes become. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** The largest picture, in bytes, the contract takes (as base64 it must stay within maxAttachmentBase64). */
export const maxAttachmentBytes = Math.floor(maxAttachmentBase64 / 4) * 3;

/** Whether a picture of this many bytes may go with a case; checked before reading or sending it. */
export function attachmentFits(bytes: number): boolean {
  return base64Length(bytes) <= maxAttachmentBase64;
}

/** Sizes for the "too large" messages: megabytes with one decimal, kilobytes whole. */
export function sizeWords(bytes: number): { sizeMb: string; maxMb: string; sizeKb: number; maxKb: number } {
  return {
    sizeMb: (bytes / 1_000_000).toFixed(1),
    maxMb: (maxAttachmentBytes / 1_000_000).toFixed(1),
    sizeKb: Math.ceil(bytes / 1024),
    maxKb: Math.floor(maxAttachmentBytes / 1024),
  };
}
