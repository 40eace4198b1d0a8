// Every setting is documented once, in src/server/settings.ts, and that list is what `--help` prints and
// `.env.example` holds; docs/configuration.md names each; writing a documented default changes nothing; a `.env`
// file is read beneath the environment.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { SETTINGS, envExample } from '../../src/server/settings.js';
import { spawnGateway } from '../support/gateway-process.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const settings = SETTINGS.flatMap((group) => group.settings);

async function runMain(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const gateway = spawnGateway({ args, env });
  const code = await gateway.exited;
  return { code, stdout: gateway.output(), stderr: gateway.stderr() };
}

describe('settings', () => {
  it('lists every variable the configuration reads', () => {
    const names = new Set([...read('src/server/config.ts').matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
    const listed = new Set(settings.flatMap((s) => [s.name, ...(s.aliases ?? [])]));
    expect([...names].filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !names.has(name))).toEqual([]);
  });

  it('names every setting in docs/configuration.md and keeps .env.example generated from the list', () => {
    const reference = read('docs/configuration.md');
    expect(settings.filter((s) => !reference.includes(`\`${s.name}\``)).map((s) => s.name)).toEqual([]);
    expect(read('.env.example')).toBe(envExample());
  });

  it('documents the defaults the configuration really has', () => {
    const defaults = loadConfig({});
    for (const setting of settings.filter((s) => s.default !== '')) {
      expect(loadConfig({ [setting.name]: setting.default }), setting.name).toEqual(defaults);
    }
  });

  it('prints the settings with --help instead of starting', async () => {
    const { code, stdout } = await runMain(['--help'], {});
    expect(code).toBe(0);
    for (const setting of settings) expect(stdout).toContain(setting.name);
    expect(stdout).not.toContain('GraphiQL:');
  });

  it('ends with one line naming the port and the PORT setting when the port is taken', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await runMain([], { PORT: String(port), HOST: '127.0.0.1' });
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(`Port ${port} on 127.0.0.1 is already in use: set PORT to a free port (PORT=0 picks one).`);
    } finally {
      blocker.close();
    }
  });

  it('reads .env in its working directory, the environment winning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-dotenv-'));
    // Started from .env.example, as docs/configuration.md says: one setting changed, and one the environment overrides.
    const example = read('.env.example');
    writeFileSync(join(dir, '.env'), `${example}GRAPHQL_INTROSPECTION=false\nPORT=not-a-port\n`);
    const gateway = spawnGateway({ cwd: dir, env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' } });
    try {
      const url = await gateway.waitFor(/GraphQL endpoint: (http:\/\/\S+) \(introspection and GraphiQL are off\)/);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
