/**
 * Server side of HTTP Digest (RFC 7616) as Atlas speaks it: realm "MMS Public API", MD5,
 * qop=auth. Nonces are remembered with the nonce counts they have signed, so a client may reuse a
 * nonce with a new `nc` each time (one round trip per call) while a replayed `nc` is refused.
 * An expired or unknown nonce with an otherwise correct response is answered `stale=true`.
 */
import { createHash, randomBytes } from 'node:crypto';

export const REALM = 'MMS Public API';
const MAX_NONCES = 50_000;
/** A nonce that has signed this many requests is retired (answered stale). */
const MAX_USES_PER_NONCE = 100_000;

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export type DigestOutcome =
  | { ok: true; username: string }
  /** `stale` tells the client its credentials were right and only the nonce must be renewed. */
  | { ok: false; stale: boolean };

export interface DigestParams {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
}

/** Parses the parameters of `Authorization: Digest ...`; undefined when required ones are missing. */
export function parseDigestHeader(header: string): DigestParams | undefined {
  const params: Record<string, string> = {};
  const pattern = /([a-zA-Z]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const match of header.slice('digest'.length).matchAll(pattern)) {
    const name = match[1]!.toLowerCase();
    params[name] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
  }
  const { username, realm, nonce, uri, response } = params;
  if (!username || realm === undefined || !nonce || !uri || !response) return undefined;
  return { username, realm, nonce, uri, response, qop: params.qop, nc: params.nc, cnonce: params.cnonce, algorithm: params.algorithm };
}

export class DigestVerifier {
  private readonly nonces = new Map<string, { issuedAt: number; used: Set<number> }>();

  constructor(private readonly ttlMs: number) {}

  challenge(stale: boolean): string {
    const nonce = randomBytes(24).toString('base64url');
    if (this.nonces.size >= MAX_NONCES) this.prune();
    this.nonces.set(nonce, { issuedAt: Date.now(), used: new Set() });
    return `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /** Makes every nonce issued so far stale. */
  expireAll(): void {
    for (const record of this.nonces.values()) record.issuedAt = 0;
  }

  /**
   * Checks a signed request. `password` is the private key of `params.username`, or undefined
   * when no such key exists. `requestUri` is the path and query the request was sent to.
   */
  verify(params: DigestParams, method: string, requestUri: string, password: string | undefined): DigestOutcome {
    if (password === undefined || params.realm !== REALM) return { ok: false, stale: false };
    if (params.algorithm !== undefined && params.algorithm.toUpperCase() !== 'MD5') return { ok: false, stale: false };
    if (params.qop !== 'auth' || !params.nc || !params.cnonce || !/^[0-9a-fA-F]{8}$/.test(params.nc)) return { ok: false, stale: false };
    if (params.uri !== requestUri) return { ok: false, stale: false };

    const ha1 = md5(`${params.username}:${REALM}:${password}`);
    const ha2 = md5(`${method}:${params.uri}`);
    const expected = md5(`${ha1}:${params.nonce}:${params.nc}:${params.cnonce}:auth:${ha2}`);
    if (expected !== params.response.toLowerCase()) return { ok: false, stale: false };

    const nc = Number.parseInt(params.nc, 16);
    if (nc === 0) return { ok: false, stale: false }; // nonce counts start at 00000001
    const record = this.nonces.get(params.nonce);
    if (!record || Date.now() - record.issuedAt > this.ttlMs) return { ok: false, stale: true };
    // Each nonce count may be used once (concurrent requests may arrive out of order); a
    // repeated one is a replay. The right response proves the password, so the client is told
    // to start over with a fresh nonce.
    if (record.used.has(nc) || record.used.size >= MAX_USES_PER_NONCE) return { ok: false, stale: true };
    record.used.add(nc);
    return { ok: true, username: params.username };
  }

  private prune(): void {
    const now = Date.now();
    for (const [nonce, record] of this.nonces) {
      if (now - record.issuedAt > this.ttlMs) this.nonces.delete(nonce);
    }
    // Still full of live nonces: drop the oldest half.
    if (this.nonces.size >= MAX_NONCES) {
      let drop = Math.floor(MAX_NONCES / 2);
      for (const nonce of this.nonces.keys()) {
        if (drop-- <= 0) break;
        this.nonces.delete(nonce);
      }
    }
  }
}
