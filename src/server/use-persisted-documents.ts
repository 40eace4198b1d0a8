/**
 * Documents sent by hash instead of in full: trusted documents (a manifest fixed at start) and
 * automatic persisted queries (APQ, Apollo's `persistedQuery` extension: a client sends the
 * SHA-256 of its document; on `PersistedQueryNotFound` it sends hash and document once, and the
 * hash alone afterwards). Apollo Gateway's `RemoteGraphQLDataSource({ apq: true })`, Apollo
 * Client's persisted-queries link and urql's persisted exchange speak it.
 *
 * When both are configured, trusted documents stay stricter: only callers that may send arbitrary
 * documents (the federation router, recognised by its secret) may register or use APQ documents;
 * anyone else may run the manifest's operations only. Without a manifest anyone may use APQ: it
 * lets a caller run nothing it could not send in full.
 *
 * A document is registered only once it has parsed and validated (it reached execution), so the
 * store holds no garbage a caller made up; the hash is checked against the document before that.
 * Yoga's own APQ plugin registers before validation, and its peer range excludes the
 * `@graphql-tools/utils` this tree uses; the hooks below are the same ones it uses.
 */
import { createHash } from 'node:crypto';
import { defaultExtractPersistedOperationId, usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withoutDataStatus } from '../graph/errors.js';
import type { ApqStore } from './apq-store.js';

export interface PersistedDocumentsOptions {
  /** Trusted documents (hash → document): when given, only these operations are accepted, and any from the router. */
  trusted?: Readonly<Record<string, string>>;
  /** Where APQ documents are kept; none turns APQ off. */
  apq?: ApqStore;
  /** Whether a request may run documents outside the manifest (the router's). */
  fromRouter: (request: Request) => boolean;
}

export function usePersistedDocuments({ trusted, apq, fromRouter }: PersistedDocumentsOptions): Plugin[] {
  const plugins: Plugin[] = [];
  // Without a manifest, anyone may send arbitrary documents, so anyone may use APQ.
  if (apq) plugins.push(useApq(apq, trusted ? fromRouter : () => true, trusted));
  if (trusted) plugins.push(useTrustedDocuments(trusted, fromRouter));
  return plugins;
}

/** Apollo's extension, version 1: `{"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}`. */
function persistedQueryOf(extensions: unknown): { hash: string } | 'unsupported' | undefined {
  const value = (extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery;
  if (value === undefined || value === null) return undefined;
  const { version, sha256Hash } = value as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1 || typeof sha256Hash !== 'string') return 'unsupported';
  return { hash: sha256Hash.toLowerCase() };
}

const refusal = (message: string, code: string, status: number) =>
  new GraphQLError(message, { extensions: { code, http: withoutDataStatus(status) } });

function useApq(store: ApqStore, mayUse: (request: Request) => boolean, trusted: Readonly<Record<string, string>> | undefined): Plugin {
  /** Documents to register once they reach execution, by request. */
  const pending = new WeakMap<Request, { hash: string; document: string }>();
  return {
    async onParams({ params, request, setParams }) {
      const persisted = persistedQueryOf(params.extensions);
      if (persisted === undefined || !mayUse(request)) return;
      if (persisted === 'unsupported') {
        throw refusal('Only version 1 of the persistedQuery extension is supported: {"version": 1, "sha256Hash": "<hex>"}.', 'PERSISTED_QUERY_NOT_SUPPORTED', 400);
      }
      if (params.query) {
        const hash = createHash('sha256').update(params.query).digest('hex');
        if (hash !== persisted.hash) {
          throw refusal('The persistedQuery sha256Hash is not the SHA-256 of the query sent with it.', 'PERSISTED_QUERY_MISMATCH', 400);
        }
        pending.set(request, { hash, document: params.query });
        return;
      }
      // A manifest's operation sent by hash is the trusted-documents plugin's to answer.
      if (trusted && Object.hasOwn(trusted, persisted.hash)) return;
      const document = await store.get(persisted.hash);
      // Apollo's clients resend the document on exactly this message; with application/json it
      // answers 200, which Apollo Gateway needs (it treats any other status as a failure).
      if (document === null) throw refusal('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 404);
      setParams({ ...params, query: document });
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const registration = request && pending.get(request);
      if (!registration) return;
      pending.delete(request);
      // Never holds up the answer: a lost registration costs the client one more round trip later.
      void store.set(registration.hash, registration.document).catch(() => undefined);
    },
  };
}

/**
 * Only the operations of a manifest, sent by hash as `documentId` or Apollo's `persistedQuery`
 * extension; the router (it sends the configured secret) may send any, its own safelist decides.
 */
function useTrustedDocuments(documents: Readonly<Record<string, string>>, fromRouter: (request: Request) => boolean): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: fromRouter,
    getPersistedOperation: (key) => (Object.hasOwn(documents, key) ? documents[key]! : null),
    extractPersistedOperationId: (params, request, context) => {
      const documentId = (params as { documentId?: unknown }).documentId;
      return typeof documentId === 'string' ? documentId : defaultExtractPersistedOperationId(params, request, context);
    },
    customErrors: {
      persistedQueryOnly: { message: 'Only trusted documents are accepted: send a documentId from the manifest.', extensions: { code: 'TRUSTED_DOCUMENTS_ONLY', http: withoutDataStatus(403) } },
      notFound: { message: 'This documentId is not in the trusted-documents manifest.', extensions: { code: 'TRUSTED_DOCUMENT_NOT_FOUND', http: withoutDataStatus(404) } },
    },
  });
}
