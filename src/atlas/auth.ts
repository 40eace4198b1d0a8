/**
 * How requests are authenticated upstream. A client uses exactly one scheme (HTTP Digest with an
 * API key, a service account's OAuth2 token, or the caller's own bearer token), so each request
 * carries at most one Authorization header. Secrets live in `#private` fields, which neither
 * `JSON.stringify` nor `util.inspect` shows.
 */

/** The gateway's own credentials. */
export type Credentials =
  | { kind: 'digest'; publicKey: string; privateKey: string }
  | { kind: 'serviceAccount'; clientId: string; clientSecret: string };

/** The Authorization header one request was sent with, and what it was computed from. */
export interface SentAuthorization {
  header: string;
  /** The Digest nonce it was signed with. */
  nonce?: string;
}

/** Signs one request: called once a connection slot is held, so signing order follows sending order. */
export type Signer = (method: string, uri: string) => SentAuthorization | undefined;

export interface AuthResponse {
  status: number;
  wwwAuthenticate: string[];
}

export interface Auth {
  /** Waits for what requests need first (a token, a Digest handshake in flight). */
  prepare(): Promise<Signer>;
  /**
   * Told how a request signed with `sent` went (`response` undefined: it failed on the network).
   * True asks to send it once more with a fresh signature.
   */
  received(sent: SentAuthorization | undefined, response: AuthResponse | undefined): boolean;
}

/** RFC 6750 `b64token`; anything else could not travel in a header and is refused up front. */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** The caller's own bearer token, passed through unchanged; a refusal is the caller's to handle. */
export class BearerAuth implements Auth {
  readonly #header: string;

  constructor(token: string) {
    // The token itself stays out of the message.
    if (!BEARER_TOKEN.test(token)) throw new TypeError('the bearer token has characters a token cannot have');
    this.#header = `Bearer ${token}`;
  }

  async prepare(): Promise<Signer> {
    const header = this.#header;
    return () => ({ header });
  }

  received(): boolean {
    return false;
  }
}
