/**
 * Upstream requests and connections that N sequential Digest-signed calls cost against the
 * simulator: `npx tsx bench/digest-handshake.ts`.
 */
import { AtlasClient } from '../src/atlas/index.js';
import { createSimulator } from '../src/simulator/index.js';

const sim = await createSimulator({ seed: 'demo' });
try {
  console.log('| sequential calls | upstream requests | Digest challenges | TCP connections |');
  console.log('|---:|---:|---:|---:|');
  for (const calls of [1, 10, 100, 1000]) {
    sim.control.resetStats();
    const client = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...sim.control.admin } });
    for (let i = 0; i < calls; i++) await client.listOrganizations();
    const { requests, challenges, connections } = sim.control.stats();
    console.log(`| ${calls} | ${requests} | ${challenges} | ${connections} |`);
    await client.close();
  }
} finally {
  await sim.close();
}
