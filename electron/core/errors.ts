import type { ErrorCode } from '../../shared/contract/messages';

/**
 * An expected refusal (bad reference, unknown case ...). The core turns it
 * into a translated message for the window that asked; nothing was written.
 */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields?: { path: string; message: string }[],
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'CoreError';
  }
}
