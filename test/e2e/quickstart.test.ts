// The README's quick start: `npm start` with no Atlas credentials serves the demo data.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';

const root = new URL('../../', import.meta.url);

/** The environment without Atlas credentials, so the embedded simulator is used. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MONGODB_ATLAS_')));
  return { ...env, ...extra };
}

describe('quick start', () => {
  it('starts the gateway on the embedded simulator, answers a query, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: cleanEnv({ PORT: '0', HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /GraphiQL: (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
      });
      expect(output).toContain('embedded Atlas simulator');
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organizations(first: 5) { totalCount edges { node { name } } } }' }),
      });
      expect(await response.json()).toEqual({
        data: { organizations: { totalCount: 2, edges: [{ node: { name: 'Acme-Corp' } }, { node: { name: 'Globex-Research' } }] } },
      });
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('Atlas Keys Gateway');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('finishes a request in flight when told to stop', async () => {
    const sim = await createSimulator({ seed: 'demo', latencyMs: 600 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: cleanEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        MONGODB_ATLAS_BASE_URL: sim.url,
        MONGODB_ATLAS_PUBLIC_API_KEY: sim.control.admin.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: sim.control.admin.privateKey,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /GraphiQL: (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
      });
      expect(output).toContain(`Using atlas-v2 at ${sim.url} with the configured credentials.`);
      const inFlight = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organizations(first: 1) { totalCount } }' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // the query is waiting on Atlas
      child.kill('SIGTERM');
      const response = await inFlight;
      expect(await response.json()).toEqual({ data: { organizations: { totalCount: 2 } } });
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await sim.close();
    }
  });

  it('refuses to start with a bad configuration, naming every problem', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: cleanEnv({ PORT: 'x', MONGODB_ATLAS_FLAVOR: 'nope' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(errors).toContain('PORT');
    expect(errors).toContain('MONGODB_ATLAS_FLAVOR');
  });
});
