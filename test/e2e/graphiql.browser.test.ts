// GraphiQL in a real browser (Debian's Chromium driven by playwright-core): it opens with the
// default query, runs it, and shows the demo data; its second tab reviews key hygiene.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`GraphiQL browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);

describe.skipIf(!available)('GraphiQL in Chromium', () => {
  let sim: Simulator;
  let atlas: AtlasClient;
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    sim = await createSimulator({ seed: 'demo' });
    atlas = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...sim.control.admin } });
    server = createServer(createGateway({ atlas }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await atlas?.close();
    await sim?.close();
  });

  it('runs the default query and shows the demo organizations', async () => {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    // The default query's operation name shows as the tab title once the editor has loaded it.
    await expect.poll(() => page.locator('.graphiql-tab').first().innerText(), { timeout: 30_000 }).toContain('Overview');
    const answered = page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST' && r.request().postData()?.includes('Overview') === true);
    await page.locator('.graphiql-execute-button').click();
    const body = await (await answered).json();
    expect(body.errors).toBeUndefined();
    expect(body.data.organizations.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Acme-Corp', 'Globex-Research']);
    // The editor shows spaces as non-breaking ones.
    const shown = () => page.locator('.graphiql-response').innerText().then((text) => text.replace(/\u00a0/g, ' '));
    await expect.poll(shown, { timeout: 30_000 }).toContain('"name": "Acme-Corp"');
  }, 60_000);

  it('has a second tab, Key hygiene, that shows the risks of the demo keys', async () => {
    // Tall enough for the whole answer: the editor draws only the lines in view.
    const page = await browser.newPage({ viewport: { width: 1280, height: 8000 } });
    await page.goto(url, { waitUntil: 'load' });
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.allInnerTexts(), { timeout: 30_000 }).toEqual([expect.stringContaining('Overview'), expect.stringContaining('KeyHygiene')]);
    await tabs.nth(1).locator('.graphiql-tab-button').click();
    const answered = page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST' && r.request().postData()?.includes('KeyHygiene') === true);
    await page.locator('.graphiql-execute-button').click();
    const body = await (await answered).json();
    expect(body.errors).toBeUndefined();
    const org = body.data.organizations.edges[0].node;
    expect(org.name).toBe('Acme-Corp');
    expect(org.settings).toEqual({ apiAccessListRequired: false });
    const kinds = new Set(org.apiKeys.edges.flatMap((e: { node: { risks: Array<{ kind: string }> } }) => e.node.risks.map((r) => r.kind)));
    expect([...kinds].sort()).toEqual(['LEFTOVER', 'NEVER_USED', 'ORGANIZATION_OWNER', 'UNUSED', 'USABLE_FROM_ANYWHERE', 'WIDE_ACCESS_LIST_RANGE']);
    const shown = () => page.locator('.graphiql-response').innerText().then((text) => text.replace(/\u00a0/g, ' '));
    await expect.poll(shown, { timeout: 30_000 }).toContain('"kind": "USABLE_FROM_ANYWHERE"');
  }, 60_000);
});
