/**
 * Service-account access tokens: `POST /api/oauth/token` with client credentials (HTTP Basic,
 * form body `grant_type=client_credentials`) issues an opaque bearer token valid for
 * `ttlSeconds` (one hour, as Atlas).
 */
import { randomBytes } from 'node:crypto';
import type { ServiceAccount } from './state.js';

export class TokenStore {
  private readonly tokens = new Map<string, { account: ServiceAccount; expiresAt: number }>();

  constructor(private readonly ttlSeconds: number) {}

  issue(account: ServiceAccount): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    this.pruneExpired();
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { account, expiresAt: Date.now() + this.ttlSeconds * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds };
  }

  /** The account a live token belongs to, or undefined for an unknown or expired token. */
  resolve(token: string): ServiceAccount | undefined {
    const record = this.tokens.get(token);
    if (!record || record.expiresAt <= Date.now()) return undefined;
    return record.account;
  }

  expireAll(): void {
    this.tokens.clear();
  }

  private pruneExpired(): void {
    const now = Date.now();
    for (const [token, record] of this.tokens) if (record.expiresAt <= now) this.tokens.delete(token);
  }
}

/** Client id and secret from `Authorization: Basic ...`, or undefined when absent or malformed. */
export function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header || !/^basic\s/i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
