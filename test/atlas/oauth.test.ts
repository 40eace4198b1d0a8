// Service-account tokens: caching, early refresh, one refresh for all waiters, and the token request.
import { afterEach, describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasResponseError } from '../../src/atlas/index.js';
import { ServiceAccountAuth, type TokenResponse } from '../../src/atlas/oauth.js';
import { type Mocked, ORG, V2, everythingShown, failure, mocked } from './helpers.js';

/** A token source that answers when told, with a clock the test moves. */
function tokenSource() {
  let now = 1_000_000;
  const requests: Array<(token: TokenResponse | Error) => void> = [];
  let issued = 0;
  const fetchToken = () =>
    new Promise<TokenResponse>((resolve, reject) => {
      requests.push((answer) => (answer instanceof Error ? reject(answer) : resolve(answer)));
    });
  const auth = new ServiceAccountAuth(fetchToken, { now: () => now });
  return {
    auth,
    requests,
    advance: (ms: number) => (now += ms),
    answer: (expiresInSeconds = 3600) => requests.shift()!({ accessToken: `token-${++issued}`, expiresInSeconds }),
    fail: (error: Error) => requests.shift()!(error),
  };
}

const headerOf = async (auth: ServiceAccountAuth): Promise<string | undefined> => (await auth.prepare())('GET', '/')?.header;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ServiceAccountAuth', () => {
  it('fetches one token for every caller waiting at once, then serves it from the cache', async () => {
    const source = tokenSource();
    const waiting = Promise.all(Array.from({ length: 10 }, () => headerOf(source.auth)));
    await settle();
    expect(source.requests).toHaveLength(1);
    source.answer();
    expect(new Set(await waiting)).toEqual(new Set(['Bearer token-1']));
    expect(await headerOf(source.auth)).toBe('Bearer token-1');
    expect(source.requests).toHaveLength(0);
  });

  it('refreshes about a minute before expiry, once for all callers', async () => {
    const source = tokenSource();
    const first = headerOf(source.auth);
    await settle();
    source.answer(3600);
    await first;
    source.advance(3600_000 - 61_000);
    expect(await headerOf(source.auth)).toBe('Bearer token-1');
    source.advance(2_000); // 59 s before expiry
    const waiting = Promise.all([headerOf(source.auth), headerOf(source.auth), headerOf(source.auth)]);
    await settle();
    expect(source.requests).toHaveLength(1);
    source.answer(3600);
    expect(await waiting).toEqual(['Bearer token-2', 'Bearer token-2', 'Bearer token-2']);
  });

  it('uses a short-lived token for half its life', async () => {
    const source = tokenSource();
    const first = headerOf(source.auth);
    await settle();
    source.answer(60);
    await first;
    source.advance(29_000);
    expect(await headerOf(source.auth)).toBe('Bearer token-1');
    source.advance(2_000);
    void headerOf(source.auth);
    await settle();
    expect(source.requests).toHaveLength(1);
  });

  it('hands a failed refresh to every waiter, and tries again on the next call', async () => {
    const source = tokenSource();
    const waiting = Promise.allSettled([headerOf(source.auth), headerOf(source.auth)]);
    await settle();
    source.fail(new Error('token endpoint down'));
    expect((await waiting).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const next = headerOf(source.auth);
    await settle();
    expect(source.requests).toHaveLength(1);
    source.answer();
    expect(await next).toBe('Bearer token-1');
  });

  it('drops a token Atlas calls invalid, but not a fresh one refused for missing roles', async () => {
    const source = tokenSource();
    const first = headerOf(source.auth);
    await settle();
    source.answer();
    const sent = { header: (await first)! };
    const unauthorized = (wwwAuthenticate: string[]) => ({ status: 401, wwwAuthenticate });

    // A fresh token refused without `invalid_token`: Atlas says 401 for missing roles too.
    expect(source.auth.received(sent, unauthorized([]))).toBe(false);
    expect(await headerOf(source.auth)).toBe('Bearer token-1');
    // Other answers change nothing.
    expect(source.auth.received(sent, { status: 403, wwwAuthenticate: [] })).toBe(false);
    expect(source.auth.received(undefined, unauthorized([]))).toBe(false);

    // `invalid_token`: drop it and send again with a new one.
    expect(source.auth.received(sent, unauthorized(['Bearer error="invalid_token"']))).toBe(true);
    const next = headerOf(source.auth);
    await settle();
    source.answer();
    expect(await next).toBe('Bearer token-2');
    // A request that still carried the old token is sent again with the current one.
    expect(source.auth.received(sent, unauthorized(['Bearer error="invalid_token"']))).toBe(true);
    expect(source.requests).toHaveLength(0);

    // An older token refused without a reason is presumed dead.
    source.advance(31_000);
    expect(source.auth.received({ header: 'Bearer token-2' }, unauthorized([]))).toBe(true);
    void headerOf(source.auth);
    await settle();
    expect(source.requests).toHaveLength(1);
  });
});

describe('the token request', () => {
  let mock: Mocked;
  afterEach(() => mock.agent.close());

  const serviceAccount = { kind: 'serviceAccount', clientId: 'mdb_sa_id_abc', clientSecret: 'mdb_sa_sk_very-secret' } as const;
  const basic = `Basic ${Buffer.from('mdb_sa_id_abc:mdb_sa_sk_very-secret').toString('base64')}`;

  it('posts client credentials as a form, then sends the token as the only Authorization header', async () => {
    mock = mocked({ credentials: serviceAccount });
    let tokenBody = '';
    mock.pool
      .intercept({
        path: '/api/oauth/token',
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: (body) => ((tokenBody = body), true),
      })
      .reply(200, { access_token: 'eyJ.tok-1', token_type: 'Bearer', expires_in: 3600 });
    let seen: Record<string, string | string[] | undefined> = {};
    mock.pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}`, method: 'GET' }).reply(200, (options) => {
      seen = options.headers as Record<string, string>;
      return { id: ORG, name: 'Acme' };
    });
    await mock.client.getOrganization(ORG);
    expect(tokenBody).toBe('grant_type=client_credentials');
    expect(seen).toMatchObject({ authorization: 'Bearer eyJ.tok-1', accept: V2 });
    expect(Object.keys(seen).filter((name) => name.toLowerCase() === 'authorization')).toHaveLength(1);
  });

  it('reports a refused client without the secret', async () => {
    mock = mocked({ credentials: serviceAccount });
    mock.pool
      .intercept({ path: '/api/oauth/token', method: 'POST' })
      .reply(401, { error: 'invalid_client', error_description: 'Client authentication failed.' }, { headers: { 'www-authenticate': 'Basic realm="oauth"' } });
    const error = await failure(mock.client.getOrganization(ORG));
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toMatchObject({ status: 401, errorCode: 'INVALID_CLIENT', detail: 'Client authentication failed.', operation: 'createOAuthToken' });
    const shown = everythingShown(error);
    expect(shown).not.toContain('mdb_sa_sk_very-secret');
    expect(shown).not.toContain(basic.slice(6));
    expect(mock.events.map((e) => e.operation)).toEqual(['createOAuthToken']);
  });

  it('retries the token request on 503, since minting a token changes nothing else', async () => {
    mock = mocked({ credentials: serviceAccount });
    mock.pool.intercept({ path: '/api/oauth/token', method: 'POST' }).reply(503, 'unavailable');
    mock.pool.intercept({ path: '/api/oauth/token', method: 'POST' }).reply(200, { access_token: 'tok-2', token_type: 'bearer', expires_in: 3600 });
    mock.pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}`, method: 'GET', headers: { authorization: 'Bearer tok-2' } }).reply(200, { id: ORG, name: 'Acme' });
    expect((await mock.client.getOrganization(ORG)).name).toBe('Acme');
    expect(mock.events.map((e) => e.outcome)).toEqual([503, 200, 200]);
  });

  it('refuses a response that is not a bearer token', async () => {
    mock = mocked({ credentials: serviceAccount });
    mock.pool.intercept({ path: '/api/oauth/token', method: 'POST' }).reply(200, { access_token: 'zz9-plural-z-alpha', token_type: 'mac' });
    const error = await failure(mock.client.getOrganization(ORG));
    expect(error).toBeInstanceOf(AtlasResponseError);
    expect(everythingShown(error)).not.toContain('zz9-plural-z-alpha');
  });
});
