// A wall's core in a child process for the kill -9 harness: it signs in,
// registers cases one after another as fast as the operator's answers come
// back, and prints "ack <description>" for each answer it got (what the
// operator was told was done). The parent kills it at a random moment.
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/runtime/logger';
import { PlatformCredentialsSchema } from '../../shared/sync/protocol';

const [dbPath, resourcesDir, credentialsJson, tag] = process.argv.slice(2) as [string, string, string, string];
const credentials = credentialsJson === '-' ? null : PlatformCredentialsSchema.parse(JSON.parse(credentialsJson));
const core = createCore({
  dbPath,
  resourcesDir,
  demo: { seed: 7, historyDays: 2, historyPerDay: 10, feedRatePerMinute: 0 },
  logger: silentLogger,
  signInHours: 24,
  ...(credentials ? { platform: { credentials, longPollMs: 1_000, uploadTimeoutMs: 2_000, pullGraceMs: 2_000, retryCapMs: 500 } } : {}),
});
const session = { connectionId: 'child', role: 'queue', audience: 'operator', locale: 'zh-CN' } as const;
await core.handle(session, { id: 1, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } });
process.stdout.write('ready\n');
for (let index = 1; ; index++) {
  const description = `${tag}-${index}`;
  const answer = await core.handle(session, { id: index + 1, name: 'case.create', args: { description, categoryCode: '20101', sourceId: 'street' }, input: 'mouse' });
  if (answer.ok) process.stdout.write(`ack ${description}\n`);
  // Let the sync loops and the event loop breathe between actions, as a room's pace would.
  await new Promise((resolve) => setImmediate(resolve));
}
