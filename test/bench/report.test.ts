// `npm run bench -- --quick` (a smaller set) must not overwrite the committed full report.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportDir } from '../../bench/lib.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const relative = (dir: URL) => fileURLToPath(dir).slice(root.length);

describe('benchmark report', () => {
  it('writes a full run over the committed report, and a quick run where git ignores it', () => {
    const full = relative(reportDir(false));
    const quick = relative(reportDir(true));
    expect(git('ls-files', `${full}report.md`, `${full}report.json`).trim().split('\n')).toEqual([`${full}report.json`, `${full}report.md`]);
    expect(quick).not.toBe(full);
    for (const file of ['report.md', 'report.json']) {
      // Exits non-zero (and throws) when the path is not ignored.
      expect(git('check-ignore', `${quick}${file}`).trim()).toBe(`${quick}${file}`);
    }
  });
});
