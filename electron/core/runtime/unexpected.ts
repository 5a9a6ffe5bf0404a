import type { Logger } from './logger';

/**
 * One place for errors nobody asked for (VS Code's onUnexpectedError): a
 * throwing event listener or timer is logged with where it happened and
 * contained, so it never turns a committed command into a failure, stops a
 * timer for good, or takes the core's thread down.
 */
export type UnexpectedErrorHandler = (error: unknown, where: string) => void;

export function logUnexpected(logger: Logger): UnexpectedErrorHandler {
  return (error, where) => logger.error('unexpected', { where, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

/** Runs `work`, reporting (not throwing) whatever it throws. */
export function contained(onUnexpected: UnexpectedErrorHandler, where: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    onUnexpected(error, where);
  }
}
