/**
 * Service accounts: OAuth2 client credentials at `{origin}/api/oauth/token`. The access token is
 * cached and refreshed about a minute before it expires; one refresh in flight serves every
 * caller waiting for it, because the token endpoint allows only about ten requests a minute.
 */
import { Buffer } from 'node:buffer';
import { z } from 'zod';
import type { Auth, AuthResponse, SentAuthorization, Signer } from './auth.js';
import { parseChallenges } from './digest.js';
import { AtlasApiError, AtlasResponseError } from './errors.js';
import type { Transport } from './http.js';

export const TOKEN_PATH = '/api/oauth/token';
export const TOKEN_OPERATION = 'createOAuthToken';

export interface TokenResponse {
  accessToken: string;
  expiresInSeconds: number;
}

export interface ServiceAccountAuthOptions {
  /** How long before expiry a token is replaced; default 60 s. */
  refreshEarlyMs?: number;
  /**
   * A 401 to a token younger than this is taken as "not allowed" (Atlas answers missing roles
   * with 401 too) rather than as a dead token, unless the server says `invalid_token`; default 30 s.
   */
  trustFreshTokenMs?: number;
  now?: () => number;
}

interface CachedToken {
  header: string;
  obtainedAt: number;
  refreshAt: number;
}

export class ServiceAccountAuth implements Auth {
  readonly #fetchToken: () => Promise<TokenResponse>;
  readonly #refreshEarlyMs: number;
  readonly #trustFreshTokenMs: number;
  readonly #now: () => number;
  #token: CachedToken | undefined;
  #refresh: Promise<CachedToken> | undefined;

  constructor(fetchToken: () => Promise<TokenResponse>, options: ServiceAccountAuthOptions = {}) {
    this.#fetchToken = fetchToken;
    this.#refreshEarlyMs = options.refreshEarlyMs ?? 60_000;
    this.#trustFreshTokenMs = options.trustFreshTokenMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  async prepare(): Promise<Signer> {
    const { header } = await this.#current();
    return () => ({ header });
  }

  received(sent: SentAuthorization | undefined, response: AuthResponse | undefined): boolean {
    if (response?.status !== 401 || sent === undefined) return false;
    const token = this.#token;
    if (token !== undefined && token.header === sent.header) {
      const dead = parseChallenges(response.wwwAuthenticate).some((c) => c.scheme === 'bearer' && c.params.error === 'invalid_token');
      if (!dead && this.#now() - token.obtainedAt < this.#trustFreshTokenMs) return false;
      this.#token = undefined;
    }
    // Sent with a token that is no longer the current one: try once with the current one.
    return true;
  }

  #current(): Promise<CachedToken> {
    const token = this.#token;
    if (token !== undefined && this.#now() < token.refreshAt) return Promise.resolve(token);
    this.#refresh ??= this.#obtain().finally(() => {
      this.#refresh = undefined;
    });
    return this.#refresh;
  }

  async #obtain(): Promise<CachedToken> {
    const obtainedAt = this.#now();
    const { accessToken, expiresInSeconds } = await this.#fetchToken();
    const lifetimeMs = expiresInSeconds * 1000;
    // A short-lived token is used for half its life rather than not at all.
    const token = { header: `Bearer ${accessToken}`, obtainedAt, refreshAt: obtainedAt + Math.max(lifetimeMs - this.#refreshEarlyMs, lifetimeMs / 2) };
    this.#token = token;
    return token;
  }
}

/** Atlas tokens live an hour; assumed when a response leaves `expires_in` out. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

const tokenSchema = z.object({
  access_token: z.string().regex(/^[A-Za-z0-9\-._~+/]+=*$/),
  token_type: z
    .string()
    .refine((type) => type.toLowerCase() === 'bearer')
    .optional(),
  expires_in: z.number().positive().optional(),
});

const oauthErrorSchema = z.object({ error: z.string().optional(), error_description: z.string().optional(), errorCode: z.string().optional() });

/** One token request; minting a token changes nothing else, so the transport may repeat it. */
export async function requestToken(transport: Transport, clientId: string, clientSecret: string): Promise<TokenResponse> {
  const response = await transport.send({
    operation: TOKEN_OPERATION,
    method: 'POST',
    path: TOKEN_PATH,
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
    auth: undefined,
    repeatable: true,
  });
  const json = parseJson(response.body);
  if (response.status !== 200) {
    // OAuth errors are `{error, error_description}`; keep the code and the description.
    const body = oauthErrorSchema.safeParse(json);
    const code = body.success ? (body.data.errorCode ?? body.data.error?.toUpperCase()) : undefined;
    const detail = body.success ? body.data.error_description : undefined;
    throw new AtlasApiError({
      status: response.status,
      body: { ...(code ? { errorCode: code } : {}), ...(detail ? { detail } : {}) },
      operation: TOKEN_OPERATION,
      path: TOKEN_PATH,
      ...(response.retryAfterSeconds !== undefined ? { retryAfterSeconds: response.retryAfterSeconds } : {}),
    });
  }
  const token = tokenSchema.safeParse(json);
  if (!token.success) throw new AtlasResponseError(TOKEN_OPERATION, TOKEN_PATH, 'not a bearer token response');
  return { accessToken: token.data.access_token, expiresInSeconds: token.data.expires_in ?? DEFAULT_TOKEN_LIFETIME_SECONDS };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
