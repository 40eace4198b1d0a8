// A private key is shown once, in its create (or rotate) payload, and nowhere else: not in later
// responses, errors, the loader cache, or anything the gateway prints.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiKeyDetailDocument, CreateApiKeyDocument, CreateProjectApiKeyDocument, OrganizationDashboardDocument, RotateApiKeyDocument } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
const printed: string[] = [];

beforeAll(async () => {
  g = await startGraph('demo');
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    });
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await g.close();
});

describe('private keys', () => {
  it('appear only in the payload that created them', async () => {
    const org = g.sim.control.seeded.orgs[0]!;
    const staging = org.projects.find((p) => p.name === 'Staging')!.id;
    const responses: string[] = [];
    const secrets: string[] = [];
    const record = (result: unknown) => {
      const text = JSON.stringify(result);
      responses.push(text);
      return text;
    };

    const created = await g.run(CreateApiKeyDocument, { input: { organizationId: org.id, description: 'secret holder', roles: ['ORG_MEMBER'] } });
    const createdPayload = created.data!.createApiKey as { privateKey: string; apiKey: { id: string; atlasId: string } };
    secrets.push(createdPayload.privateKey);
    const projectKey = await g.run(CreateProjectApiKeyDocument, { input: { projectId: staging, description: 'project secret', roles: ['GROUP_READ_ONLY'] } });
    secrets.push((projectKey.data!.createProjectApiKey as { privateKey: string }).privateKey);
    const rotated = await g.run(RotateApiKeyDocument, { input: { id: createdPayload.apiKey.id, oldKey: 'KEEP' } });
    const rotatedPayload = rotated.data!.rotateApiKey as { privateKey: string; newApiKey: { atlasId: string } };
    secrets.push(rotatedPayload.privateKey);
    expect(secrets.every((s) => /^[0-9a-f-]{36}$/.test(s))).toBe(true);

    // Each secret is in its own payload once, and in nothing else.
    expect(JSON.stringify(created).split(secrets[0]!)).toHaveLength(2);
    expect(JSON.stringify(rotated).split(secrets[2]!)).toHaveLength(2);

    // Everything a console reads afterwards, in the same request as the create and in later ones.
    record(await g.run(OrganizationDashboardDocument, { id: org.id, first: 50 }));
    record(await g.run(ApiKeyDetailDocument, { organizationId: org.id, id: createdPayload.apiKey.atlasId }));
    record(await g.run(ApiKeyDetailDocument, { organizationId: org.id, id: rotatedPayload.newApiKey.atlasId }));
    record(
      await g.run(
        `mutation { createApiKey(input: { organizationId: "${org.id}", description: "same request", roles: [ORG_MEMBER] }) { ... on CreateApiKeyPayload { apiKey { maskedPrivateKey atlasId organization { apiKeys(first: 50) { edges { node { maskedPrivateKey } } } } } } } }`,
      ),
    );
    record(await g.run(`{ nodes(ids: ["${createdPayload.apiKey.id}"]) { ... on ApiKey { maskedPrivateKey } } }`));
    // Errors too: a failed rotation of the key, and a refused update.
    g.sim.control.injectFault('addGroupApiKey', { sequence: [500] });
    const old = await g.run(RotateApiKeyDocument, { input: { id: Buffer.from(`ApiKey:${org.id}:${org.apiKeys[0]!.id}`).toString('base64'), oldKey: 'DELETE_NOW' } });
    record(old);
    record(await g.run(`mutation { updateApiKey(input: { id: "${createdPayload.apiKey.id}", description: "" }) { __typename } }`, undefined, { expectErrors: true }));

    for (const secret of secrets) {
      for (const text of [...responses, ...printed]) expect(text).not.toContain(secret);
    }
    // The loader cache of a later request has only masked keys: the dashboard above showed them masked.
    expect(responses.join('\n')).toMatch(/\*{8}-\*{4}-\*{4}-/);
  });
});
