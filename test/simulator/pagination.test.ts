import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './helpers.js';

// One org with 1203 keys: pages of 500 end with a short page of 203.
let h: Harness;
let orgId: string;
const KEYS = 1203;

beforeAll(async () => {
  h = await startHarness({ seed: `1x3x${KEYS}x0` });
  orgId = h.sim.control.seeded.orgs[0]!.id;
});
afterAll(() => h.sim.close());

const rels = (links: Array<{ rel: string }>) => links.map((l) => l.rel);
const path = () => `/orgs/${orgId}/apiKeys`;

describe('pagination', () => {
  it('defaults to 100 items per page with a total count and a next link', async () => {
    const reply = await h.call('GET', path());
    expect(reply.json.results).toHaveLength(100);
    expect(reply.json.totalCount).toBe(KEYS);
    expect(rels(reply.json.links)).toEqual(['self', 'next']);
    const next = new URL(reply.json.links[1].href);
    expect(next.pathname).toBe(`/api/atlas/v2${path()}`);
    expect(next.searchParams.get('pageNum')).toBe('2');
    expect(next.searchParams.get('itemsPerPage')).toBe('100');
  });

  it('serves 500 items per page, with previous and next links in the middle', async () => {
    const reply = await h.call('GET', `${path()}?itemsPerPage=500&pageNum=2`);
    expect(reply.json.results).toHaveLength(500);
    expect(rels(reply.json.links)).toEqual(['previous', 'self', 'next']);
  });

  it('serves a short last page without a next link', async () => {
    const reply = await h.call('GET', `${path()}?itemsPerPage=500&pageNum=3`);
    expect(reply.json.results).toHaveLength(KEYS - 1000);
    expect(rels(reply.json.links)).toEqual(['previous', 'self']);
  });

  it('answers a page past the end with no results', async () => {
    const reply = await h.call('GET', `${path()}?itemsPerPage=500&pageNum=4`);
    expect(reply.status).toBe(200);
    expect(reply.json.results).toEqual([]);
    expect(reply.json.totalCount).toBe(KEYS);
  });

  it('answers an empty list with one empty page', async () => {
    const key = h.sim.control.seeded.orgs[0]!.apiKeys[0]!.id;
    const reply = await h.call('GET', `${path()}/${key}/accessList`);
    expect(reply.json).toMatchObject({ results: [], totalCount: 0 });
    expect(rels(reply.json.links)).toEqual(['self']);
  });

  it('omits totalCount when includeCount=false', async () => {
    const reply = await h.call('GET', `${path()}?includeCount=false&itemsPerPage=3`);
    expect(reply.json).not.toHaveProperty('totalCount');
    expect(reply.json.results).toHaveLength(3);
  });

  it('visits every item exactly once by following next links', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${path()}?itemsPerPage=250`;
    while (url) {
      const reply = await h.call('GET', url);
      seen.push(...reply.json.results.map((k: { id: string }) => k.id));
      const next = reply.json.links.find((l: { rel: string }) => l.rel === 'next');
      url = next ? next.href.slice(`${h.sim.url}/api/atlas/v2`.length) : undefined;
    }
    expect(seen).toHaveLength(KEYS);
    expect(new Set(seen).size).toBe(KEYS);
  });

  it.each([
    ['itemsPerPage=501', 'itemsPerPage'],
    ['itemsPerPage=0', 'itemsPerPage'],
    ['itemsPerPage=ten', 'itemsPerPage'],
    ['pageNum=0', 'pageNum'],
    ['pageNum=-1', 'pageNum'],
    ['includeCount=yes', 'includeCount'],
  ])('rejects %s with a 400 naming the parameter', async (query, field) => {
    const reply = await h.call('GET', `${path()}?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: 400, errorCode: 'VALIDATION_ERROR', badRequestDetail: { fields: [{ field }] } });
  });

  it('pages project lists and organization lists the same way', async () => {
    const projects = await h.call('GET', `/orgs/${orgId}/groups?itemsPerPage=2&pageNum=2`);
    expect(projects.json.results).toHaveLength(1);
    expect(projects.json.totalCount).toBe(3);
    const orgs = await h.call('GET', '/orgs?itemsPerPage=1');
    expect(orgs.json).toMatchObject({ totalCount: 1 });
  });
});
