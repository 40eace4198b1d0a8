/** Test helpers: a simulator per suite, and a small bearer-token client for its three flavors. */
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.js';

export const V2_MEDIA_TYPE = 'application/vnd.atlas.2023-01-01+json';
/** The one version of the service-account resources. */
export const SERVICE_ACCOUNT_VERSION = '2024-08-05';

export const BASE_PATHS = {
  'atlas-v2': '/api/atlas/v2',
  'atlas-v1': '/api/atlas/v1.0',
  'ops-manager': '/api/public/v1.0',
} as const;
export type Flavor = keyof typeof BASE_PATHS;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // Tests inspect arbitrary JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  body?: unknown;
  flavor?: Flavor;
  headers?: Record<string, string>;
  /** Bearer token to use; defaults to the admin service account's. */
  token?: string | null;
  /** The v2 resource version to ask for (Accept and Content-Type); default 2023-01-01. */
  version?: string;
}

export async function fetchToken(url: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${url}/api/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface Harness {
  sim: Simulator;
  /** The admin service account's bearer token; replace it after expiring tokens. */
  adminToken: string;
  /** A request to the simulator, authenticated with `adminToken` unless told otherwise. */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const sim = await createSimulator(options);
  const harness: Harness = {
    sim,
    adminToken: await fetchToken(sim.url, sim.control.admin.clientId, sim.control.admin.clientSecret),
    call: async (method: string, path: string, callOptions: CallOptions = {}): Promise<Reply> => {
    const flavor = callOptions.flavor ?? 'atlas-v2';
    const mediaType = flavor === 'atlas-v2' ? `application/vnd.atlas.${callOptions.version ?? '2023-01-01'}+json` : 'application/json';
    const token = callOptions.token === undefined ? harness.adminToken : callOptions.token;
    const headers: Record<string, string> = { accept: mediaType, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    if (callOptions.body !== undefined) headers['content-type'] = mediaType;
    const response = await fetch(`${sim.url}${BASE_PATHS[flavor]}${path}`, {
      method,
      headers: { ...headers, ...callOptions.headers },
      body: callOptions.body === undefined ? undefined : typeof callOptions.body === 'string' ? callOptions.body : JSON.stringify(callOptions.body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
    },
  };
  return harness;
}

/** The demo data's first org (Acme-Corp) and its projects by name. */
export function demoOrg(sim: Simulator) {
  const org = sim.control.seeded.orgs[0]!;
  const project = (name: string) => org.projects.find((p) => p.name === name)!;
  const key = (desc: string) => org.apiKeys.find((k) => k.desc === desc)!;
  return { org, project, key };
}
