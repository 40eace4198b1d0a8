/**
 * Service-account access tokens: `POST /api/oauth/token` with client credentials (HTTP Basic,
 * form body `grant_type=client_credentials`) issues a bearer token valid for `ttlSeconds` (one
 * hour, as Atlas). As Atlas', it is a signed JWT whose `exp` says when it expires; this server
 * signs with a key of its own and knows its tokens by their text. A token names its account by
 * client id only, so it stops working when the account is deleted.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { RoleAssignment } from './types.js';

/**
 * A service account the simulator itself holds, in no organization's data: its admin (a global
 * owner, roles undefined) and those made with the `createServiceAccount` control. Its one secret
 * never expires and no access list applies to it; an organization's own service accounts live in
 * the state.
 */
export interface SimulatorAccount {
  clientId: string;
  clientSecret: string;
  roles: RoleAssignment[] | undefined;
}

export class TokenStore {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly signingKey = randomBytes(32);

  constructor(private readonly ttlSeconds: number) {}

  issue(clientId: string): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    this.pruneExpired();
    const issuedAt = Date.now();
    const expiresAt = issuedAt + this.ttlSeconds * 1000;
    const token = this.sign({
      iss: 'https://cloud.mongodb.com',
      aud: 'https://cloud.mongodb.com/api',
      sub: clientId,
      iat: Math.floor(issuedAt / 1000),
      exp: Math.floor(expiresAt / 1000),
      jti: randomUUID(),
    });
    this.tokens.set(token, { clientId, expiresAt });
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds };
  }

  /** The client id a live token was issued to, or undefined for an unknown or expired token. */
  resolve(token: string): string | undefined {
    const record = this.tokens.get(token);
    if (!record || record.expiresAt <= Date.now()) return undefined;
    return record.clientId;
  }

  private sign(claims: Record<string, unknown>): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    return `${unsigned}.${createHmac('sha256', this.signingKey).update(unsigned).digest('base64url')}`;
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
