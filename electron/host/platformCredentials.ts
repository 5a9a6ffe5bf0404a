import { readFileSync } from 'node:fs';
import { PlatformCredentialsSchema, type PlatformCredentials } from '../../shared/sync/protocol';

/**
 * The district platform's credentials file for this sub-centre (written by
 * `npm run platform` into its credentials folder), optionally pointed at
 * another address (`--platform <url>`: the platform as this room reaches it).
 * A wrong file stops the start with the file and the problem named.
 */
export function readPlatformCredentials(file: string, url?: string): PlatformCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`无法读取区平台凭据 ${file} / Cannot read the platform credentials ${file}: ${(error as Error).message}`);
  }
  const checked = PlatformCredentialsSchema.safeParse(url ? { ...(parsed as object), url } : parsed);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    throw new Error(`区平台凭据 ${file} 无效 / The platform credentials ${file} are not valid: ${problems}`);
  }
  return checked.data;
}
