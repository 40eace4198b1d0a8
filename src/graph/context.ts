/**
 * The per-request context: the Atlas client view for this caller and fresh loaders. Nothing in
 * it outlives the request.
 */
import type { AtlasClient } from '../atlas/index.js';
import { type AuditCaller, type AuditLog, createMemoryAuditLog } from '../server/audit-store.js';
import type { Caller } from '../server/auth.js';
import type { ChangeFeed } from '../server/change-feed.js';
import { type LoaderOptions, type Loaders, createLoaders } from './loaders.js';
import { DEFAULT_HYGIENE_POLICY, type HygienePolicy } from './risks.js';

export interface Context {
  atlas: AtlasClient;
  loaders: Loaders;
  /** The verified caller, when inbound authentication is configured. */
  caller?: Caller;
  /** The thresholds credentials are judged by (HYGIENE_* settings). */
  hygiene: HygienePolicy;
  /** Where every mutation's audit record goes (audit.ts). */
  audit: AuditLog;
  /** Who asked, as the audit record names them. */
  auditCaller: AuditCaller;
  /** The request's id, as its log line gives it. */
  requestId?: string;
  /** The change feed subscriptions read and writes poke; absent in pass-through mode. */
  feed?: ChangeFeed;
}

export interface ContextOptions extends LoaderOptions {
  hygiene?: HygienePolicy;
  /** The audit log; absent (a context made outside a gateway), the context's own, in memory. */
  audit?: AuditLog;
  /** Who asked; the verified caller (or anonymous) when absent. */
  auditCaller?: AuditCaller;
  requestId?: string;
  feed?: ChangeFeed;
}

export function createContext(atlas: AtlasClient, options: ContextOptions = {}, caller?: Caller): Context {
  return {
    atlas,
    loaders: createLoaders(atlas, options),
    hygiene: options.hygiene ?? DEFAULT_HYGIENE_POLICY,
    audit: options.audit ?? createMemoryAuditLog(),
    auditCaller: options.auditCaller ?? (caller ? { kind: 'jwt', subject: caller.subject ?? null, issuer: caller.issuer ?? null } : { kind: 'anonymous' }),
    ...(options.requestId ? { requestId: options.requestId } : {}),
    ...(options.feed ? { feed: options.feed } : {}),
    ...(caller ? { caller } : {}),
  };
}
