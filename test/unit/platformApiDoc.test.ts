import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/testCore';

/** The OpenAPI document names every route the platform serves, and no route it does not. */
describe('docs/platform-openapi.yaml', () => {
  const doc = readFileSync(`${repoRoot}/docs/platform-openapi.yaml`, 'utf8');
  const routes = readFileSync(`${repoRoot}/electron/platform/http/routes.ts`, 'utf8');
  const documented = [...doc.matchAll(/^ {2}(\/[^:]+):$/gm)].map((match) => match[1]!.replace(/\{[^}]+\}/g, '{}'));
  const served = [
    ...[...routes.matchAll(/'(?:GET|POST) (\/[^']+)'/g)].map((match) => match[1]!),
    ...[...routes.matchAll(/\^\\\/((?:[a-z0-9]+\\\/)+)/g)].map((match) => `/${match[1]!.replaceAll('\\/', '/')}`),
    '/health',
  ];

  it('documents every route', () => {
    for (const path of served.filter((route) => !route.endsWith('/'))) expect(documented, path).toContain(path);
    // Routes with a parameter: each has a documented path under the same prefix.
    for (const prefix of served.filter((route) => route.endsWith('/'))) expect(documented.some((path) => path.startsWith(prefix) && path.includes('{}')), prefix).toBe(true);
  });

  it('documents nothing the platform does not serve', () => {
    for (const path of documented) expect(served.some((route) => path === route || (route.endsWith('/') && path.startsWith(route))), path).toBe(true);
  });
});
