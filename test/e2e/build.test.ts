// The production build: `npm run build` compiles to dist/, the compiled gateway serves without a
// TypeScript transpiler, `npm start` rebuilds only when the sources are newer, and the Dockerfile
// copies and runs only what exists in the built tree.
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnGateway } from '../support/gateway-process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scripts = (await import(join(root, 'scripts/build.mjs'))) as { build(): void; isStale(): boolean };
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Dockerfile instructions with their line continuations joined. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

/** The `dist/...` entry the image runs. */
const imageEntry = (() => {
  const cmd = instructions.find((line) => line.startsWith('CMD '))!;
  return (JSON.parse(cmd.slice(4)) as string[])[1]!;
})();

beforeAll(() => {
  if (scripts.isStale()) scripts.build();
}, 180_000);

describe('production build', () => {
  it('compiles every source to dist/ and knows when it is stale', () => {
    expect(scripts.isStale()).toBe(false);
    expect(existsSync(join(root, 'dist/simulator/cli.js'))).toBe(true);
    // A source newer than the build makes it stale; restoring its time makes it fresh again.
    const source = join(root, 'src/simulator/ids.ts');
    const { atime, mtime } = statSync(source);
    utimesSync(source, atime, new Date(Date.now() + 60_000));
    try {
      expect(scripts.isStale()).toBe(true);
    } finally {
      utimesSync(source, atime, mtime);
    }
    expect(scripts.isStale()).toBe(false);
  });

  it('runs compiled: npm start and the simulator script use node on dist/, tsx is a development tool', () => {
    expect(packageJson.scripts.start).toBe(`node scripts/run.mjs ${imageEntry.replace(/^dist\//, '')}`);
    expect(packageJson.scripts.simulator).toBe('node scripts/run.mjs simulator/cli.js');
    expect(packageJson.dependencies.tsx).toBeUndefined();
    expect(packageJson.devDependencies.tsx).toBeDefined();
  });

  it('has a Dockerfile whose copies and command exist in the built tree', () => {
    const copies = instructions.filter((line) => line.startsWith('COPY '));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const parts = copy.split(/\s+/).slice(1).filter((part) => !part.startsWith('--'));
      const sources = parts.slice(0, -1);
      const fromBuild = copy.includes('--from=build');
      for (const source of sources) {
        // The build stage works in /app: what it copies out must exist in the built tree here.
        const path = fromBuild ? source.replace(/^\/app\//, '') : source;
        expect(existsSync(join(root, path)), `${copy}: ${path}`).toBe(true);
      }
    }
    expect(existsSync(join(root, imageEntry)), imageEntry).toBe(true);
    expect(instructions.some((line) => /^USER (?!root)\w+/.test(line))).toBe(true);
    expect(instructions.some((line) => line.includes('HOST=0.0.0.0'))).toBe(true);
    expect(instructions.find((line) => line.startsWith('HEALTHCHECK'))).toContain('/healthz');
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('serves from the compiled entry, as the image runs it, and answers the health check', async () => {
    // As the image runs it (NODE_ENV=production), where the simulator serves only when asked for.
    const gateway = spawnGateway({ entry: [join(root, imageEntry)], env: { PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', ATLAS_UPSTREAM: 'simulator' } });
    try {
      const url = await gateway.waitFor(/GraphiQL: (http:\/\/\S+)\/graphql/);
      expect(gateway.output()).toContain('Upstream: simulator.');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organizations(first: 5) { totalCount } }' }),
      });
      expect(await response.json()).toEqual({ data: { organizations: { totalCount: 2 } } });
    } finally {
      gateway.child.kill('SIGTERM');
    }
    expect(await gateway.exited).toBe(0);
  }, 30_000);
});
