/**
 * One JSON line per entry, so a week of unattended running can be searched
 * with grep. The sink is injected: stderr in the hosts, an array in tests.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink, clock: () => number = Date.now): Logger {
  const write = (level: LogLevel, event: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ at: new Date(clock()).toISOString(), level, event, ...fields }));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);
export const silentLogger: Logger = createLogger(() => {});
