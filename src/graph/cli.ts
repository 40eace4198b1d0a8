/**
 * `npm run schema` writes schema/schema.graphql (the public contract) and schema/subgraph.graphql
 * (the federation subgraph SDL, with its directives) from the code; `npm run schema:check` fails
 * when a committed file differs from what the code builds.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { defaultSubgraphSdl, schema } from './index.js';

const files = [
  { name: 'schema/schema.graphql', sdl: `${printSchema(lexicographicSortSchema(schema))}\n` },
  { name: 'schema/subgraph.graphql', sdl: defaultSubgraphSdl },
];

const check = process.argv.includes('--check');
let stale = false;
for (const file of files) {
  const target = new URL(`../../${file.name}`, import.meta.url);
  if (check) {
    const committed = await readFile(target, 'utf8').catch(() => '');
    if (committed !== file.sdl) {
      console.error(`${file.name} is out of date: run \`npm run schema\` and commit the result.`);
      stale = true;
    }
  } else {
    await writeFile(target, file.sdl);
    console.log(`wrote ${file.name}`);
  }
}
if (check && stale) process.exit(1);
if (check) console.log('schema/schema.graphql and schema/subgraph.graphql are up to date.');
