#!/usr/bin/env node
// `node scripts/run.mjs <entry> [args]`: runs the compiled dist/<entry>, building first when
// dist/ is missing or older than the sources (so `npm install && npm start` works on a fresh
// clone). In an image, run `node dist/<entry>` directly.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, isStale, root } from './build.mjs';

const [entry] = process.argv.splice(2, 1);
if (!entry) {
  console.error('Usage: node scripts/run.mjs <entry under dist/> [args]');
  process.exit(2);
}
try {
  if (isStale()) {
    console.error('Compiling to dist/ (the sources are newer than the last build) ...');
    build();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
await import(pathToFileURL(join(root, 'dist', entry)).href);
