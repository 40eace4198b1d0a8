/**
 * Client side of HTTP Digest (RFC 7616: MD5, qop=auth) with nonce reuse: after one challenge,
 * every request is signed with the cached nonce and the next nonce count, so steady traffic
 * costs one round trip per call. A new challenge (stale or not) replaces the cached one.
 */
import { createHash, randomBytes } from 'node:crypto';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm?: string;
  qop?: string;
  stale: boolean;
}

/** The Digest challenge of a `WWW-Authenticate` header, or undefined if it has none. */
export function parseChallenge(header: string | string[] | undefined): DigestChallenge | undefined {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  const digest = values.find((v) => /^digest\s/i.test(v));
  if (!digest) return undefined;
  const params: Record<string, string> = {};
  for (const match of digest.slice(6).matchAll(/([a-zA-Z]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[match[1]!.toLowerCase()] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
  }
  if (params.realm === undefined || !params.nonce) return undefined;
  return {
    realm: params.realm,
    nonce: params.nonce,
    opaque: params.opaque,
    algorithm: params.algorithm,
    qop: params.qop,
    stale: params.stale?.toLowerCase() === 'true',
  };
}

export class DigestSigner {
  private challenge: DigestChallenge | undefined;
  private nonceCount = 0;

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  get hasChallenge(): boolean {
    return this.challenge !== undefined;
  }

  /** Remembers a new challenge; its nonce count starts again at 1. */
  accept(challenge: DigestChallenge): void {
    this.challenge = challenge;
    this.nonceCount = 0;
  }

  forget(): void {
    this.challenge = undefined;
  }

  /** The Authorization header for `method` on `uri` (path and query), or undefined before any challenge. */
  sign(method: string, uri: string): string | undefined {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    this.nonceCount += 1;
    const nc = this.nonceCount.toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const ha1 = md5(`${this.username}:${challenge.realm}:${this.password}`);
    const ha2 = md5(`${method}:${uri}`);
    const qopAuth = challenge.qop === undefined || challenge.qop.split(',').some((q) => q.trim() === 'auth');
    const response = qopAuth ? md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${challenge.nonce}:${ha2}`);
    const parts = [
      `username="${this.username}"`,
      `realm="${challenge.realm}"`,
      `nonce="${challenge.nonce}"`,
      `uri="${uri}"`,
      'algorithm=MD5',
      `response="${response}"`,
      ...(qopAuth ? ['qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`] : []),
      ...(challenge.opaque !== undefined ? [`opaque="${challenge.opaque}"`] : []),
    ];
    return `Digest ${parts.join(', ')}`;
  }
}
