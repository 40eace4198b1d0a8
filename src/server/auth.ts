/**
 * Who calls: with inbound JWT verification configured, every request carries a bearer JWT (JWKS
 * or shared secret; issuer and audience checked), whose scopes become the caller's. What those
 * scopes allow is the graph's rule (src/graph/scopes.ts). A token must carry `exp`: one without
 * would never expire.
 */
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';
import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Caller } from '../graph/scopes.js';

export type { Caller } from '../graph/scopes.js';

export interface JwtConfig {
  jwksUrl?: string;
  secret?: string;
  issuer?: string;
  audience?: string;
}

export type Verifier = (authorization: string | null) => Promise<Caller>;

const unauthenticated = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export function createVerifier(config: JwtConfig): Verifier {
  const key: JWTVerifyGetKey | Uint8Array = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : new TextEncoder().encode(config.secret);
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Send a bearer token: `Authorization: Bearer <JWT>`.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        ...(config.issuer ? { issuer: config.issuer } : {}),
        ...(config.audience ? { audience: config.audience } : {}),
        // A token without `exp` would never expire.
        requiredClaims: ['exp'],
      }));
    } catch {
      throw unauthenticated('The bearer token is not valid for this gateway (it must be signed for it, unexpired, and carry an `exp`).');
    }
    const raw = payload.scope ?? payload.scp;
    const scopes = typeof raw === 'string' ? raw.split(/\s+/) : Array.isArray(raw) ? raw.map(String) : [];
    return { subject: payload.sub, issuer: payload.iss, scopes: new Set(scopes.filter(Boolean)), ...(payload.exp !== undefined ? { expiresAt: payload.exp * 1000 } : {}) };
  };
}

/**
 * Who a pass-through caller is, for the audit record, without keeping its token: the subject of
 * the Atlas token (Atlas access tokens are JWTs; a service account's is its client id), else the
 * first 16 hex digits of the token's SHA-256. The token is not verified here: Atlas does that.
 */
export function atlasTokenIdentity(token: string): { subject: string | null; tokenHash: string | null } {
  try {
    const { sub } = decodeJwt(token);
    if (typeof sub === 'string' && sub !== '') return { subject: sub, tokenHash: null };
  } catch {
    // Not a JWT: named by its hash.
  }
  return { subject: null, tokenHash: createHash('sha256').update(token).digest('hex').slice(0, 16) };
}
