// The README's examples run as written, and what it names exists: every GraphQL example is executed,
// in order, against the gateway over the simulator's `demo` data, and its answer must be the one shown.
//
// How README.md marks its examples (fenced code blocks, read top to bottom):
//   - A ```graphql block is a document to run. One that holds only fragments is not run: its fragments
//     are appended to every later document that spreads them (as GraphiQL needs them pasted below).
//   - It may be followed by a ```json variables block: the variables to run it with.
//   - Then comes its answer, a ```json or ```jsonc block: the whole response body, compared exactly.
//   - In an answer, a line ending in `// varies: <kind>` holds a value that differs on every run
//     (a new key's ids, its private key). The README shows a plausible value; the test checks that the
//     shown value and the real one are both of that kind (see KINDS), and compares the rest exactly.
//   - A ```ts block's graphql(`...`) documents and its `schema: '...'` path are checked too: the
//     documents validate against schema/schema.graphql, and the path exists.
// Besides the examples: every `npm run X` / `npm start` / `npm test` names a script of package.json,
// every relative link of README.md and docs/*.md resolves (file and heading), every file path written
// in backticks exists, and every environment variable the README names is one config.ts reads.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { buildSchema, getNamedType, isUnionType, Kind, parse, validate, visit, type DocumentNode, type FragmentDefinitionNode, type GraphQLUnionType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphHarness, startGraph } from '../graph/harness.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const README = 'README.md';
const DOCS = readdirSync(new URL('docs/', root)).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
const schema = buildSchema(read('schema/schema.graphql'));

interface Block {
  /** The info string after the opening fence, e.g. `json variables`. */
  info: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** The fenced code blocks of a Markdown text (fences of three backticks or more at the start of a line, up to three spaces in). */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,})\s*([^`]*)$/.exec(lines[i]!); // an info string has no backticks
    if (!open) continue;
    const fence = open[1]!;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !new RegExp(`^ {0,3}${fence}\\s*$`).test(lines[i]!); i++) body.push(lines[i]!.replace(/^ {0,3}/, ''));
    blocks.push({ info: open[2]!.trim(), body: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** The Markdown outside fenced blocks, where prose names files, settings and links. */
function prose(markdown: string): string {
  return markdown.replace(/^ {0,3}(`{3,})[^`\n]*\n[\s\S]*?^ {0,3}\1\s*$/gm, '');
}

const language = (block: Block) => block.info.split(/\s+/)[0];

/** What a value marked `// varies: <kind>` must look like. */
const KINDS: Record<string, (value: unknown) => boolean> = {
  'private key': (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v),
  'masked private key': (v) => typeof v === 'string' && /^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$/.test(v),
  'public key': (v) => typeof v === 'string' && /^[a-z]{8}$/.test(v),
  'Atlas id': (v) => typeof v === 'string' && /^[0-9a-f]{24}$/.test(v),
  'ApiKey id': (v) => typeof v === 'string' && /^ApiKey:[0-9a-f]{24}:[0-9a-f]{24}$/.test(Buffer.from(v, 'base64').toString()),
  'client id': (v) => typeof v === 'string' && /^mdb_sa_id_[0-9a-f]{24}$/.test(v),
  'ServiceAccount id': (v) => typeof v === 'string' && /^ServiceAccount:[0-9a-f]{24}:mdb_sa_id_[0-9a-f]{24}$/.test(Buffer.from(v, 'base64').toString()),
  'secret': (v) => typeof v === 'string' && /^mdb_sa_sk_[0-9a-f]{32}$/.test(v),
};

const VARIES = '\u0000varies:';

/**
 * An answer block as JSON, each `// varies: <kind>` value replaced by a marker that carries its
 * kind and the value shown. Any other comment is refused: it would hide text from the comparison.
 */
function parseAnswer(block: Block): unknown {
  const lines = block.body.split('\n').map((line, index) => {
    const marked = /^(\s*(?:"(?:[^"\\]|\\.)*"\s*:\s*)?)(.*?)(,?)\s*\/\/\s*varies:\s*(.+?)\s*$/.exec(line);
    if (!marked) {
      if (/\/\/|\/\*/.test(line.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) throw new Error(`README.md:${block.line + index + 1}: only \`// varies: <kind>\` comments are allowed in an answer`);
      return line;
    }
    const [, prefix, value, comma, kind] = marked;
    if (!KINDS[kind!]) throw new Error(`README.md:${block.line + index + 1}: unknown kind "${kind}"; known: ${Object.keys(KINDS).join(', ')}`);
    return `${prefix}${JSON.stringify(`${VARIES}${kind}\u0000${value}`)}${comma}`;
  });
  return JSON.parse(lines.join('\n'));
}

/**
 * `expected` with each varying marker replaced by the actual value at its place, once that value
 * (and the value the README shows) is checked to be of the marked kind.
 */
function resolveVarying(expected: unknown, actual: unknown, path: string): unknown {
  if (typeof expected === 'string' && expected.startsWith(VARIES)) {
    const [kind, shown] = expected.slice(VARIES.length).split('\u0000') as [string, string];
    const check = KINDS[kind]!;
    expect(check(JSON.parse(shown)), `the value the README shows at ${path} is a ${kind}`).toBe(true);
    expect(check(actual), `${path} is a ${kind}: ${JSON.stringify(actual)}`).toBe(true);
    return actual;
  }
  if (Array.isArray(expected)) return expected.map((item, i) => resolveVarying(item, Array.isArray(actual) ? actual[i] : undefined, `${path}[${i}]`));
  if (expected && typeof expected === 'object') {
    const other = (actual && typeof actual === 'object' ? actual : {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, resolveVarying(value, other[key], `${path}.${key}`)]));
  }
  return expected;
}

interface Example {
  line: number;
  document: string;
  variables: Record<string, unknown> | undefined;
  answer: unknown;
}

/** The README's runnable examples, in order, each document with the fragments it spreads. */
function examples(markdown: string): Example[] {
  const blocks = fencedBlocks(markdown);
  const fragments = new Map<string, FragmentDefinitionNode>();
  const found: Example[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (language(block) !== 'graphql') continue;
    const document = parse(block.body);
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length === 0) {
      for (const fragment of document.definitions as FragmentDefinitionNode[]) fragments.set(fragment.name.value, fragment);
      continue;
    }
    let variables: Record<string, unknown> | undefined;
    if (blocks[i + 1]?.info === 'json variables') variables = JSON.parse(blocks[++i]!.body) as Record<string, unknown>;
    const answer = blocks[i + 1];
    if (!answer || !['json', 'jsonc'].includes(language(answer)!) || answer.info === 'json variables') {
      throw new Error(`README.md:${block.line}: a GraphQL example must be followed by its answer (a json or jsonc block)`);
    }
    i++;
    found.push({ line: block.line, document: withFragments(block.body, document, fragments), variables, answer: parseAnswer(answer) });
  }
  return found;
}

/** The document text followed by the fragments it spreads, directly or through other fragments. */
function withFragments(text: string, document: DocumentNode, fragments: Map<string, FragmentDefinitionNode>): string {
  const own = new Set(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => d.name.value));
  const needed: FragmentDefinitionNode[] = [];
  const collect = (node: DocumentNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (own.has(name) || !fragment || needed.includes(fragment)) return;
        needed.push(fragment);
        collect(fragment);
      },
    });
  collect(document);
  return [text, ...needed.map((fragment) => fragment.loc!.source.body.slice(fragment.loc!.start, fragment.loc!.end))].join('\n\n');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchors(markdown: string): Set<string> {
  const slugs = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading!.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    let slug = base;
    for (let n = 1; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
  }
  return slugs;
}

describe('README examples', () => {
  let g: GraphHarness;
  beforeAll(async () => {
    g = await startGraph('demo');
  });
  afterAll(() => g.close());

  const runnable = examples(read(README));

  it('has an example for each task the guide walks through', () => {
    const mutations = runnable.flatMap((e) => parse(e.document).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation' ? d.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '')) : [])));
    for (const name of ['createApiKey', 'addAccessListEntries', 'assignApiKeyToProject', 'rotateApiKey', 'deleteApiKey', 'updateOrganizationSettings']) expect(mutations).toContain(name);
  });

  it('selects __typename in every mutation and covers every member of its result union', () => {
    for (const example of runnable) {
      const document = parse(example.document);
      const fragmentTypes = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.typeCondition.name.value] as const] : [])));
      for (const operation of document.definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'mutation') continue;
        for (const field of operation.selectionSet.selections) {
          if (field.kind !== Kind.FIELD) continue;
          const where = `README.md:${example.line} ${field.name.value}`;
          const selections = field.selectionSet!.selections;
          expect(selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename'), `${where} selects __typename`).toBe(true);
          // A member is handled by a fragment on it, or on an interface it implements (MutationError for every typed error).
          const conditions = new Set(selections.flatMap((s) => (s.kind === Kind.INLINE_FRAGMENT ? [s.typeCondition!.name.value] : s.kind === Kind.FRAGMENT_SPREAD ? [fragmentTypes.get(s.name.value)!] : [])));
          const union = getNamedType(schema.getMutationType()!.getFields()[field.name.value]!.type);
          expect(isUnionType(union), where).toBe(true);
          const unhandled = schema.getPossibleTypes(union as GraphQLUnionType).filter((member) => !conditions.has(member.name) && !member.getInterfaces().some((i) => conditions.has(i.name)));
          expect(unhandled.map((t) => t.name), `${where} handles every member of ${union.name}`).toEqual([]);
        }
      }
    }
  });

  for (const example of runnable) {
    it(`README.md:${example.line} answers as shown`, async () => {
      const errors = validate(schema, parse(example.document));
      expect(errors.map((e) => e.message), `README.md:${example.line} validates against schema/schema.graphql`).toEqual([]);
      const { status, ...body } = await g.run(example.document, example.variables, { expectErrors: true });
      expect(status).toBe(200);
      expect(body).toEqual(resolveVarying(example.answer, body, 'answer'));
    });
  }

  it('shows TypeScript examples whose documents validate and whose schema path exists', () => {
    const ts = fencedBlocks(read(README)).filter((b) => language(b) === 'ts');
    const documents = ts.flatMap((b) => [...b.body.matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((m) => m[1]!));
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
    for (const [, path] of ts.flatMap((b) => [...b.body.matchAll(/\bschema:\s*'([^']+)'/g)])) expect(existsSync(new URL(path!, root)), path).toBe(true);
  });
});

describe('README and docs/ name what exists', () => {
  const files = [README, ...DOCS];

  it('names only npm scripts package.json has', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    for (const file of files) {
      const named = [...read(file).matchAll(/\bnpm (?:run ([\w:-]+)|(start|test)\b)/g)].map((m) => m[1] ?? m[2]!);
      expect(named.filter((name) => !scripts.includes(name)), file).toEqual([]);
    }
  });

  it('links only to files and headings that exist', () => {
    for (const file of files) {
      for (const [, target] of prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue; // http(s), mailto: outside the repository
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const url = new URL(path || file.split('/').pop()!, new URL(file, root));
        expect(existsSync(url), `${file} links to ${target}`).toBe(true);
        if (anchor) expect([...anchors(readFileSync(url, 'utf8'))], `${file} links to ${target}`).toContain(anchor);
      }
    }
  });

  it('names only files that exist', () => {
    // Written by `npm run bench -- --quick`, ignored by git.
    const generated = ['bench/results/quick/'];
    for (const file of files) {
      const paths = [...prose(read(file)).matchAll(/`((?:src|schema|test|bench|docs|scripts)\/[\w./-]*|codegen\.ts|Dockerfile|\.env\.example|package\.json)`/g)].map((m) => m[1]!);
      expect(paths.filter((path) => !generated.includes(path) && !existsSync(new URL(path, root))), file).toEqual([]);
    }
  });

  it('lists every error code of src/graph/errors.ts in docs/graphql-api.md', () => {
    const source = read('src/graph/errors.ts');
    const codes = ['ErrorCode', 'RequestErrorCode'].flatMap((type) => {
      const union = new RegExp(`export type ${type} =([^;]+);`).exec(source)![1]!;
      return [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
    });
    expect(codes.length).toBeGreaterThan(20);
    const docs = read('docs/graphql-api.md');
    expect(codes.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });

  it('names only environment variables the configuration reads', () => {
    const read_ = new Set([...read('src/server/config.ts').matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
    const readme = read(README);
    // A variable is named where it is set (NAME=value) or written in backticks with a settings prefix.
    const named = new Set([
      ...[...readme.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=/g)].map((m) => m[1]!),
      ...[...readme.matchAll(/`((?:MONGODB_ATLAS|ATLAS|AUTH_JWT|FEDERATION|GATEWAY|REDIS|TRUSTED_DOCUMENTS|SHUTDOWN|CORS|LOG|NODE|GRAPHQL_MAX|GRAPHQL_DEADLINE|GRAPHQL_INTROSPECTION|HYGIENE)(?:_[A-Z0-9]+)*)(?:=[^`]*)?`/g)].map((m) => m[1]!),
      ...[...readme.matchAll(/`(PORT|HOST)(?:=[^`]*)?`/g)].map((m) => m[1]!),
    ]);
    expect(named.size).toBeGreaterThan(0);
    expect([...named].filter((name) => !read_.has(name))).toEqual([]);
  });
});
