/**
 * useSharedReads: each request's session with the shared reads (src/atlas/shared-reads.ts). A
 * request sent with `Cache-Control: no-cache` (or `Pragma: no-cache`) reads from Atlas and
 * refreshes the cache. When Atlas' rate limit made the gateway serve cached data past its time to
 * live, the response says so in `extensions.staleData`: the age of the oldest such data, when
 * Atlas may be asked again, and the Atlas operations concerned.
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ReadSession } from '../atlas/index.js';

export interface SharedReadsPlugin extends Plugin {
  /** The session of this request; the same one for every call with the same request. */
  sessionFor(request: Request): ReadSession;
}

const NO_CACHE = /(^|,)\s*no-cache\s*(,|$)/i;

export function useSharedReads(): SharedReadsPlugin {
  const sessions = new WeakMap<Request, ReadSession>();
  const sessionFor = (request: Request): ReadSession => {
    let session = sessions.get(request);
    if (!session) {
      const refresh = NO_CACHE.test(request.headers.get('cache-control') ?? '') || NO_CACHE.test(request.headers.get('pragma') ?? '');
      session = new ReadSession(refresh);
      sessions.set(request, session);
    }
    return session;
  };
  return {
    sessionFor,
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      return {
        onExecuteDone({ result, setResult }) {
          const stale = request ? sessions.get(request)?.staleReads : undefined;
          if (!stale?.length || Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          setResult({
            ...single,
            extensions: {
              ...single.extensions,
              staleData: {
                ageSeconds: Math.max(...stale.map((read) => read.ageSeconds)),
                retryAfterSeconds: Math.max(...stale.map((read) => read.retryAfterSeconds)),
                operations: [...new Set(stale.map((read) => read.operation))],
              },
            },
          });
        },
      };
    },
  };
}
