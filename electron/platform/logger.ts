/** One JSON line per entry on stderr (or wherever a test collects them). */
export interface PlatformLogger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createPlatformLogger(sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): PlatformLogger {
  const write = (level: string, event: string, fields: Record<string, unknown> = {}) => sink(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
