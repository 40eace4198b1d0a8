/**
 * The three ways to authenticate upstream. Each request carries exactly one Authorization
 * header (none only for the first Digest request, which fetches the challenge).
 */
import { DigestSigner, parseChallenge } from './digest.js';

export interface Auth {
  /** The Authorization header for a request, or undefined to send it unsigned. */
  header(method: string, uri: string): Promise<string | undefined>;
  /**
   * Called with a 401's WWW-Authenticate header and the Authorization header that was sent;
   * true means the request should be sent once more with a fresh header.
   */
  unauthorized(wwwAuthenticate: string | string[] | undefined, sent: string | undefined): Promise<boolean>;
}

/** HTTP Digest with the public key as user name and the private key as password. */
export class DigestAuth implements Auth {
  private readonly signer: DigestSigner;

  constructor(publicKey: string, privateKey: string) {
    this.signer = new DigestSigner(publicKey, privateKey);
  }

  async header(method: string, uri: string): Promise<string | undefined> {
    return this.signer.sign(method, uri);
  }

  async unauthorized(wwwAuthenticate: string | string[] | undefined): Promise<boolean> {
    const challenge = parseChallenge(wwwAuthenticate);
    if (!challenge) return false;
    this.signer.accept(challenge);
    return true;
  }
}

/** The caller's own bearer token, passed through unchanged. */
export class BearerAuth implements Auth {
  constructor(private readonly token: string) {}

  async header(): Promise<string> {
    return `Bearer ${this.token}`;
  }

  async unauthorized(): Promise<boolean> {
    return false;
  }
}

export interface TokenResponse {
  accessToken: string;
  expiresInSeconds: number;
}

/**
 * Service-account tokens (OAuth2 client credentials), cached until shortly before they expire;
 * one refresh in flight serves every waiting caller.
 */
export class ServiceAccountAuth implements Auth {
  private token: { value: string; refreshAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<TokenResponse>,
    private readonly refreshEarlyMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async header(): Promise<string> {
    return `Bearer ${await this.current()}`;
  }

  async unauthorized(_wwwAuthenticate: string | string[] | undefined, sent: string | undefined): Promise<boolean> {
    // The token was refused (revoked or expired early): drop it, unless another request already did.
    if (this.token && sent === `Bearer ${this.token.value}`) this.token = undefined;
    return sent !== undefined;
  }

  private current(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return Promise.resolve(this.token.value);
    this.inFlight ??= this.fetchToken()
      .then(({ accessToken, expiresInSeconds }) => {
        const lifetimeMs = expiresInSeconds * 1000;
        this.token = { value: accessToken, refreshAt: this.now() + Math.max(lifetimeMs - this.refreshEarlyMs, lifetimeMs / 2) };
        return accessToken;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}
