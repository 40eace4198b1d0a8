/**
 * Client side of HTTP Digest (RFC 7616; Atlas asks for MD5 with qop=auth) with nonce reuse.
 * After one challenge every request is signed with the cached nonce and the next nonce count,
 * so steady traffic costs one round trip per call instead of two. While the first challenge is
 * being fetched, other requests wait for it rather than each fetching their own. A stale nonce,
 * or any new challenge answering a request signed with a cached nonce, replaces the cached one;
 * the transport then sends that request once more.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Auth, AuthResponse, SentAuthorization, Signer } from './auth.js';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

/** Strongest first: a server offering several challenges gets the strongest one we can answer. */
const ALGORITHMS: readonly DigestAlgorithm[] = ['SHA-256', 'SHA-256-sess', 'MD5', 'MD5-sess'];

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: DigestAlgorithm;
  /** `auth` when the server offers it; undefined for an RFC 2069 server without qop. */
  qop?: 'auth';
  stale: boolean;
}

export interface RawChallenge {
  /** Lower case. */
  scheme: string;
  /** Parameter names in lower case, values unquoted. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const QUOTED = /"((?:[^"\\]|\\.)*)"/y;
const SPACE_OR_COMMA = /[\s,]*/y;
const SPACE = /\s*/y;

function lengthAt(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0].length ?? 0;
}

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Every challenge of `WWW-Authenticate` values; one value may hold several, comma-separated. */
export function parseChallenges(header: string | readonly string[] | undefined): RawChallenge[] {
  const values = typeof header === 'string' ? [header] : (header ?? []);
  const challenges: RawChallenge[] = [];
  for (const value of values) {
    let current: RawChallenge | undefined;
    let at = 0;
    while (at < value.length) {
      at += lengthAt(SPACE_OR_COMMA, value, at);
      const token = matchAt(TOKEN, value, at);
      if (!token) break;
      at += token[0].length;
      const afterSpace = at + lengthAt(SPACE, value, at);
      if (value[afterSpace] === '=' && current) {
        // `name = value` or `name = "quoted value"`: a parameter of the current challenge.
        at = afterSpace + 1;
        at += lengthAt(SPACE, value, at);
        const quoted = matchAt(QUOTED, value, at);
        const bare = quoted ? null : matchAt(TOKEN, value, at);
        current.params[token[0].toLowerCase()] = quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : (bare?.[0] ?? '');
        at += (quoted ?? bare)?.[0].length ?? 0;
      } else {
        // A token without `=` starts the next challenge.
        current = { scheme: token[0].toLowerCase(), params: {} };
        challenges.push(current);
        at = afterSpace;
      }
    }
  }
  return challenges;
}

/** The Digest challenge this client can answer best, or undefined if there is none. */
export function selectChallenge(header: string | readonly string[] | undefined): DigestChallenge | undefined {
  const candidates: DigestChallenge[] = [];
  for (const { scheme, params } of parseChallenges(header)) {
    if (scheme !== 'digest' || params.realm === undefined || !params.nonce) continue;
    const algorithm = ALGORITHMS.find((a) => a.toLowerCase() === (params.algorithm ?? 'MD5').toLowerCase());
    const qops = params.qop?.split(',').map((q) => q.trim().toLowerCase());
    // Only qop=auth is implemented (auth-int would hash the body); no qop at all is RFC 2069.
    if (!algorithm || (qops !== undefined && !qops.includes('auth'))) continue;
    candidates.push({
      realm: params.realm,
      nonce: params.nonce,
      ...(params.opaque !== undefined ? { opaque: params.opaque } : {}),
      algorithm,
      ...(qops !== undefined ? { qop: 'auth' as const } : {}),
      stale: params.stale?.toLowerCase() === 'true',
    });
  }
  return candidates.sort((a, b) => ALGORITHMS.indexOf(a.algorithm) - ALGORITHMS.indexOf(b.algorithm))[0];
}

export interface DigestInput {
  username: string;
  password: string;
  method: string;
  /** The request target as sent: path and query. */
  uri: string;
  challenge: DigestChallenge;
  /** 8 hex digits. */
  nc: string;
  cnonce: string;
}

/** The `response` value of RFC 7616 §3.4.1. */
export function digestResponse(input: DigestInput): string {
  const { username, password, method, uri, challenge, nc, cnonce } = input;
  const algorithm = challenge.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  const hash = (text: string): string => createHash(algorithm).update(text).digest('hex');
  let ha1 = hash(`${username}:${challenge.realm}:${password}`);
  if (challenge.algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = hash(`${method}:${uri}`);
  return challenge.qop ? hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${challenge.qop}:${ha2}`) : hash(`${ha1}:${challenge.nonce}:${ha2}`);
}

const quote = (text: string): string => `"${text.replace(/["\\]/g, '\\$&')}"`;

/** The `Authorization: Digest ...` header value for one request. */
export function authorizationHeader(input: DigestInput): string {
  const { challenge } = input;
  const parts = [
    `username=${quote(input.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(input.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `response=${quote(digestResponse(input))}`,
  ];
  if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${input.nc}`);
  if (challenge.qop || challenge.algorithm.endsWith('-sess')) parts.push(`cnonce=${quote(input.cnonce)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

/** Nonce counts are 8 hex digits; a nonce that used them all is given up for a new handshake. */
const MAX_NONCE_COUNT = 0xffffffff;
/** Recent nonces keep their last count, so a nonce offered again never repeats a count. */
const REMEMBERED_NONCES = 16;

export interface DigestAuthOptions {
  /** For tests with known vectors; 16 random bytes by default. */
  cnonce?: () => string;
}

// Client nonces come from one pool of random bytes, refilled when used up, rather than a
// system call per request.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** 16 random bytes in hex. */
function randomCnonce(): string {
  if (poolOffset + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  poolOffset += 16;
  return pool.toString('hex', poolOffset - 16, poolOffset);
}

/** HTTP Digest with an API key: the public key is the user name, the private key the password. */
export class DigestAuth implements Auth {
  readonly #username: string;
  readonly #password: string;
  readonly #cnonce: () => string;
  #challenge: DigestChallenge | undefined;
  /** Last nonce count used, per recent nonce, oldest first. */
  readonly #counts = new Map<string, number>();
  #handshake: { done: Promise<void>; end: () => void } | undefined;

  constructor(publicKey: string, privateKey: string, options: DigestAuthOptions = {}) {
    this.#username = publicKey;
    this.#password = privateKey;
    this.#cnonce = options.cnonce ?? randomCnonce;
  }

  async prepare(): Promise<Signer> {
    if (this.#challenge === undefined) {
      if (this.#handshake) {
        // Someone is fetching the challenge: wait for theirs instead of fetching another.
        await this.#handshake.done;
      } else {
        // This request goes unsigned and brings the challenge back for everyone.
        let end!: () => void;
        const done = new Promise<void>((resolve) => (end = resolve));
        this.#handshake = { done, end };
      }
    }
    return this.#sign;
  }

  received(sent: SentAuthorization | undefined, response: AuthResponse | undefined): boolean {
    const challenge = response?.status === 401 ? selectChallenge(response.wwwAuthenticate) : undefined;
    // Same nonce and not stale: the credentials themselves were refused, and sending again won't help.
    const renewed = challenge !== undefined && (sent === undefined || challenge.stale || challenge.nonce !== sent.nonce);
    if (renewed) this.#adopt(challenge);
    // An unsigned request came back, with or without a challenge: whoever waited for it may go.
    if (sent === undefined) this.#endHandshake();
    return renewed;
  }

  #adopt(challenge: DigestChallenge): void {
    this.#challenge = challenge;
    const count = this.#counts.get(challenge.nonce) ?? 0;
    this.#counts.delete(challenge.nonce);
    this.#counts.set(challenge.nonce, count);
    if (this.#counts.size > REMEMBERED_NONCES) this.#counts.delete(this.#counts.keys().next().value!);
    this.#endHandshake();
  }

  #endHandshake(): void {
    this.#handshake?.end();
    this.#handshake = undefined;
  }

  /** Synchronous, so concurrent requests on one nonce each get their own, increasing count. */
  readonly #sign = (method: string, uri: string): SentAuthorization | undefined => {
    const challenge = this.#challenge;
    if (!challenge) return undefined;
    const count = (this.#counts.get(challenge.nonce) ?? 0) + 1;
    if (count > MAX_NONCE_COUNT) {
      this.#challenge = undefined;
      return undefined;
    }
    this.#counts.set(challenge.nonce, count);
    const header = authorizationHeader({
      username: this.#username,
      password: this.#password,
      method,
      uri,
      challenge,
      nc: count.toString(16).padStart(8, '0'),
      cnonce: this.#cnonce(),
    });
    return { header, nonce: challenge.nonce };
  };
}
