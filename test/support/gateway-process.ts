/** The gateway as its own process (`npm start` does the same), for tests of start-up and shutdown. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SETTINGS } from '../../src/server/settings.js';

const root = new URL('../../', import.meta.url);

/**
 * From TypeScript with tsx, as in development; `['dist/server/main.js']` runs the build. Absolute,
 * so that the gateway can run in another working directory.
 */
export const FROM_SOURCES = ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, fileURLToPath(new URL('src/server/main.ts', root))];

const settingNames = new Set(SETTINGS.flatMap((group) => group.settings.flatMap((s) => [s.name, ...(s.aliases ?? [])])));

/** This process's environment without any gateway setting (so the developer's own don't leak in), plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !settingNames.has(name) && name !== 'NODE_OPTIONS'));
  return { ...env, ...extra };
}

export interface GatewayProcess {
  child: ChildProcessWithoutNullStreams;
  /** stdout and stderr so far. */
  output(): string;
  stderr(): string;
  /** The first match group of `pattern` in stdout; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<string>;
  /** The exit code. */
  exited: Promise<number | null>;
}

let emptyDir: string | undefined;

/**
 * The working directory of a gateway whose test gives none: an empty one, so that a developer's
 * own `.env` in the repository does not leak in.
 */
function emptyWorkingDir(): string {
  if (!emptyDir) {
    const dir = (emptyDir = mkdtempSync(join(tmpdir(), 'gateway-cwd-')));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return emptyDir;
}

/** `entry`: absolute paths. `cwd`: the working directory, an empty one by default. */
export function spawnGateway(options: { entry?: string[]; args?: string[]; env?: Record<string, string>; cwd?: string } = {}): GatewayProcess {
  const child = spawn(process.execPath, [...(options.entry ?? FROM_SOURCES), ...(options.args ?? [])], {
    cwd: options.cwd ?? emptyWorkingDir(),
    env: cleanEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    output: () => output,
    stderr: () => stderr,
    exited,
    waitFor: (pattern) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) resolve(match[1] ?? match[0]);
        };
        check();
        child.stdout.on('data', check);
        void exited.then((code) => reject(new Error(`exited with ${code} before ${pattern}: ${output}`)));
      }),
  };
}
