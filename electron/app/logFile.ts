import { join } from 'node:path';
import { createStream } from 'rotating-file-stream';
import type { LogSink } from '../core/runtime/logger';

export const logFileName = 'gridwall.log';

export interface LogFileOptions {
  /** Rotate when the file reaches this size (rotating-file-stream's notation: '10M'). */
  size?: string;
  /** Rotated files kept (gzip-compressed): gridwall.log.1.gz … */
  keep?: number;
}

/**
 * The shell's log: one JSON line per entry (the core's logger format), in
 * `<user data>/logs/gridwall.log`, rotated by size so weeks of unattended
 * running never fill the disk. rotating-file-stream does the rotation
 * (classic numbered files, compressed); a failing disk never stops the
 * wall: the error goes to stderr and the line to the journal.
 */
export function openLogFile(userDataDir: string, options: LogFileOptions = {}) {
  const dir = join(userDataDir, 'logs');
  const stream = createStream(logFileName, { path: dir, size: options.size ?? '10M', rotate: options.keep ?? 10, compress: 'gzip', mode: 0o600 });
  let failed = false;
  stream.on('error', (error: Error) => {
    if (!failed) process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level: 'error', event: 'log.fileFailed', error: error.message })}\n`);
    failed = true;
  });
  const sink: LogSink = (line) => {
    if (!stream.destroyed && !stream.writableEnded) stream.write(`${line}\n`);
  };
  return {
    path: join(dir, logFileName),
    dir,
    sink,
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}

/** Every line to each sink: the file, and stderr for the OS supervisor's journal. */
export function teeSink(...sinks: LogSink[]): LogSink {
  return (line) => {
    for (const sink of sinks) sink(line);
  };
}
