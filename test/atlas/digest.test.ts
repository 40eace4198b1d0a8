// Client-side Digest: known answers from the RFCs, challenge parsing, and the nonce cache.
import { describe, expect, it } from 'vitest';
import {
  type DigestChallenge,
  DigestAuth,
  authorizationHeader,
  digestResponse,
  parseChallenges,
  selectChallenge,
} from '../../src/atlas/digest.js';

/** RFC 7616 §3.9.1: one nonce offered with SHA-256 and with MD5. */
const RFC7616 = {
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};
const rfc7616Header = (algorithm: string): string =>
  `Digest realm="${RFC7616.realm}", qop="auth, auth-int", algorithm=${algorithm}, nonce="${RFC7616.nonce}", opaque="${RFC7616.opaque}"`;

const md5Challenge: DigestChallenge = { realm: 'MMS Public API', nonce: 'n-1', algorithm: 'MD5', qop: 'auth', stale: false };
const challengeHeader = (nonce: string, extra = ''): string => `Digest realm="MMS Public API", nonce="${nonce}", algorithm=MD5, qop="auth"${extra}`;

describe('digest response', () => {
  it('matches the RFC 7616 example for SHA-256 and MD5', () => {
    for (const [algorithm, expected] of [
      ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
      ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ] as const) {
      const challenge = selectChallenge(rfc7616Header(algorithm))!;
      expect(challenge).toMatchObject({ algorithm, qop: 'auth', opaque: RFC7616.opaque });
      const input = { username: 'Mufasa', password: 'Circle of Life', method: 'GET', uri: '/dir/index.html', challenge, nc: '00000001', cnonce: RFC7616.cnonce };
      expect(digestResponse(input)).toBe(expected);
    }
  });

  it('matches the RFC 2617 example', () => {
    const challenge = selectChallenge('Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"')!;
    const input = { username: 'Mufasa', password: 'Circle Of Life', method: 'GET', uri: '/dir/index.html', challenge, nc: '00000001', cnonce: '0a4f113b' };
    expect(digestResponse(input)).toBe('6629fae49393a05397450978507c4ef1');
    const header = authorizationHeader(input);
    expect(header).toMatch(/^Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="\/dir\/index.html", algorithm=MD5, /);
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('qop=auth, nc=00000001, cnonce="0a4f113b", opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('answers a server without qop the RFC 2069 way, with no nonce count', () => {
    const challenge = selectChallenge('Digest realm="r", nonce="abc"')!;
    expect(challenge.qop).toBeUndefined();
    const header = authorizationHeader({ username: 'u', password: 'p', method: 'GET', uri: '/x', challenge, nc: '00000001', cnonce: 'c' });
    expect(header).not.toContain('nc=');
    expect(header).not.toContain('qop=');
  });

  it('escapes quotes and backslashes in quoted values', () => {
    const header = authorizationHeader({ username: 'a"b\\c', password: 'p', method: 'GET', uri: '/x', challenge: md5Challenge, nc: '00000001', cnonce: 'c' });
    expect(header).toContain('username="a\\"b\\\\c"');
  });
});

describe('challenge parsing', () => {
  it('reads several challenges in one header, with commas inside quoted values', () => {
    const challenges = parseChallenges('Basic realm="a, b", Digest realm="MMS Public API", nonce="x,y", qop="auth", stale=TRUE, Bearer error="invalid_token"');
    expect(challenges).toEqual([
      { scheme: 'basic', params: { realm: 'a, b' } },
      { scheme: 'digest', params: { realm: 'MMS Public API', nonce: 'x,y', qop: 'auth', stale: 'TRUE' } },
      { scheme: 'bearer', params: { error: 'invalid_token' } },
    ]);
    expect(selectChallenge('Basic realm="a, b", Digest realm="MMS Public API", nonce="x,y", qop="auth", stale=TRUE')).toEqual({
      realm: 'MMS Public API',
      nonce: 'x,y',
      algorithm: 'MD5',
      qop: 'auth',
      stale: true,
    });
  });

  it('picks the strongest challenge it can answer, across header values', () => {
    expect(selectChallenge([rfc7616Header('MD5'), rfc7616Header('SHA-256')])?.algorithm).toBe('SHA-256');
    expect(selectChallenge('Digest realm="r", nonce="n", algorithm="MD5-sess", qop="auth"')?.algorithm).toBe('MD5-sess');
  });

  it('finds nothing it can answer in other schemes, unknown algorithms or auth-int only', () => {
    expect(selectChallenge(undefined)).toBeUndefined();
    expect(selectChallenge('Basic realm="x"')).toBeUndefined();
    expect(selectChallenge('Digest realm="r", nonce="n", algorithm=SHA-512-256, qop="auth"')).toBeUndefined();
    expect(selectChallenge('Digest realm="r", nonce="n", qop="auth-int"')).toBeUndefined();
    expect(selectChallenge('Digest realm="r"')).toBeUndefined();
  });
});

describe('DigestAuth', () => {
  const unauthorized = (header: string) => ({ status: 401, wwwAuthenticate: [header] });
  const nc = (header: string | undefined): string | undefined => /nc=([0-9a-f]{8})/.exec(header ?? '')?.[1];

  it('sends the first request unsigned and holds the others until its challenge is back', async () => {
    const auth = new DigestAuth('pub', 'priv');
    const first = await auth.prepare();
    let released = 0;
    const waiting = Array.from({ length: 3 }, () => auth.prepare().then((sign) => (released++, sign)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(0);
    expect(first('GET', '/a')).toBeUndefined();

    expect(auth.received(undefined, unauthorized(challengeHeader('n-1')))).toBe(true);
    const signers = await Promise.all(waiting);
    const headers = signers.map((sign) => sign('GET', '/a')?.header);
    // Signed on one nonce, each with its own count, in order.
    expect(headers.map(nc)).toEqual(['00000001', '00000002', '00000003']);
    expect(headers.every((h) => h?.includes('nonce="n-1"'))).toBe(true);
  });

  it('lets the waiting requests go unsigned when the first one brought no challenge', async () => {
    const auth = new DigestAuth('pub', 'priv');
    await auth.prepare();
    const waiting = auth.prepare();
    expect(auth.received(undefined, undefined)).toBe(false); // a network failure
    expect((await waiting)('GET', '/')).toBeUndefined();
  });

  it('renews a stale or replaced nonce, but gives up on refused credentials', async () => {
    const auth = new DigestAuth('pub', 'priv');
    await auth.prepare();
    auth.received(undefined, unauthorized(challengeHeader('n-1')));
    const sign = await auth.prepare();
    const sent = sign('GET', '/a')!;
    expect(sent.nonce).toBe('n-1');

    // Same nonce, not stale: the password is wrong, another try would fail the same way.
    expect(auth.received(sent, unauthorized(challengeHeader('n-1')))).toBe(false);
    // Same nonce but stale, or a new nonce: take it and send again.
    expect(auth.received(sent, unauthorized(challengeHeader('n-1', ', stale=true')))).toBe(true);
    expect(auth.received(sent, unauthorized(challengeHeader('n-2')))).toBe(true);
    expect(sign('GET', '/a')).toMatchObject({ nonce: 'n-2' });
    expect(nc(sign('GET', '/a')?.header)).toBe('00000002');
    // A 401 without a Digest challenge, or a success, changes nothing.
    expect(auth.received(sent, { status: 401, wwwAuthenticate: [] })).toBe(false);
    expect(auth.received(sent, { status: 200, wwwAuthenticate: [] })).toBe(false);
  });

  it('never repeats a nonce count when a server offers an old nonce again', async () => {
    const auth = new DigestAuth('pub', 'priv');
    await auth.prepare();
    auth.received(undefined, unauthorized(challengeHeader('n-1')));
    const sign = await auth.prepare();
    const first = sign('GET', '/a')!;
    sign('GET', '/a');
    auth.received(first, unauthorized(challengeHeader('n-2', ', stale=true')));
    sign('GET', '/a');
    auth.received(first, unauthorized(challengeHeader('n-1', ', stale=true')));
    expect(nc(sign('GET', '/a')?.header)).toBe('00000003');
  });

  it('signs the method and the exact request target', async () => {
    const auth = new DigestAuth('pub', 'priv', { cnonce: () => 'fixed' });
    await auth.prepare();
    auth.received(undefined, unauthorized(challengeHeader('n-1')));
    const header = (await auth.prepare())('DELETE', '/api/atlas/v2/orgs/x/apiKeys/y/accessList/10.0.0.0%2F8?pretty=false')!.header;
    expect(header).toContain('uri="/api/atlas/v2/orgs/x/apiKeys/y/accessList/10.0.0.0%2F8?pretty=false"');
    const expected = digestResponse({
      username: 'pub',
      password: 'priv',
      method: 'DELETE',
      uri: '/api/atlas/v2/orgs/x/apiKeys/y/accessList/10.0.0.0%2F8?pretty=false',
      challenge: { ...md5Challenge, nonce: 'n-1' },
      nc: '00000001',
      cnonce: 'fixed',
    });
    expect(header).toContain(`response="${expected}"`);
  });

  it('draws a fresh 16-byte client nonce for every request, across refills of its random pool', async () => {
    const auth = new DigestAuth('pub', 'priv');
    await auth.prepare();
    auth.received(undefined, unauthorized(challengeHeader('n-1')));
    const sign = await auth.prepare();
    // 4096 random bytes serve 256 nonces: 1000 signatures cross several refills.
    const cnonces = Array.from({ length: 1000 }, () => /cnonce="([^"]+)"/.exec(sign('GET', '/a')!.header)![1]!);
    expect(cnonces.every((c) => /^[0-9a-f]{32}$/.test(c))).toBe(true);
    expect(new Set(cnonces).size).toBe(1000);
  });
});
