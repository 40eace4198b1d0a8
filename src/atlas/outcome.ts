/**
 * What a failed write may have done. Atlas applies a write before it answers, so only an answer
 * that refuses the request (4xx) or a request that provably never left this process says "not
 * applied"; a 5xx, a timeout after the request was written, a dropped connection or a 2xx whose
 * body cannot be read leave the outcome open until a read settles it.
 */
import { AtlasApiError, AtlasCallCancelledError, AtlasNetworkError, AtlasTimeoutError, UnsupportedByFlavorError } from './errors.js';

/** Errors only a connection attempt or a name lookup gives: nothing was written. */
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** True when the write that failed with `error` may nonetheless have been applied by Atlas. */
export function mayHaveBeenApplied(error: unknown): boolean {
  // The service-account token request failed: the write itself was never sent.
  if (error instanceof AtlasApiError) return error.status >= 500 && error.operation !== 'createOAuthToken';
  if (error instanceof AtlasCallCancelledError) return false;
  // The configured flavor has no such operation: the client refused it before any request.
  if (error instanceof UnsupportedByFlavorError) return false;
  if (error instanceof AtlasTimeoutError) return error.phase !== 'connect';
  if (error instanceof AtlasNetworkError) return !UNSENT_CODES.has(error.code);
  // Network failures, unreadable 2xx answers and anything unexpected.
  return true;
}
