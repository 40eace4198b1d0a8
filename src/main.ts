/**
 * `npm start`: configuration → (the embedded simulator with demo data when no Atlas credentials
 * are configured) → gateway → listen; SIGINT/SIGTERM stop it gracefully.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { AtlasClient } from './atlas/index.js';
import { createVerifier } from './auth.js';
import { ConfigError, loadConfig } from './config.js';
import { createGateway } from './gateway.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createSimulator } from './simulator/index.js';

/** A manifest as GraphQL Code Generator writes it: an object of hash → document. */
async function loadTrustedDocuments(file: string): Promise<Record<string, string>> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`TRUSTED_DOCUMENTS_FILE: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  const entries = typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest) ? Object.entries(manifest) : [];
  if (entries.length === 0 || entries.some(([, document]) => typeof document !== 'string')) {
    throw new ConfigError([`TRUSTED_DOCUMENTS_FILE: ${file} must be a non-empty object of hash → document`]);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

async function main(): Promise<void> {
  const config = loadConfig();
  let { atlas: atlasConfig } = config;
  const embedded = !atlasConfig.credentials && config.authMode === 'credentials';
  const simulator = embedded ? await createSimulator({ seed: 'demo' }) : undefined;
  if (simulator) {
    const { publicKey, privateKey } = simulator.control.admin;
    atlasConfig = { ...atlasConfig, baseUrl: simulator.url, flavor: 'atlas-v2', credentials: { kind: 'digest', publicKey, privateKey } };
  }
  const logger = createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  const atlas = AtlasClient.create({
    baseUrl: atlasConfig.baseUrl,
    flavor: atlasConfig.flavor,
    accessListSegment: atlasConfig.accessListSegment,
    credentials: atlasConfig.credentials,
    maxConcurrency: atlasConfig.maxConcurrency,
    connectTimeoutMs: atlasConfig.connectTimeoutMs,
    headersTimeoutMs: atlasConfig.requestTimeoutMs,
    bodyTimeoutMs: atlasConfig.requestTimeoutMs,
    retry: atlasConfig.retry,
    observer: metrics.observeUpstream,
  });
  const gateway = createGateway({ atlas, authMode: config.authMode, logger, metrics, limits: config.limits, corsOrigins: config.corsOrigins, introspection: config.introspection,
    verifier: config.jwt ? createVerifier(config.jwt) : undefined,
    trustedDocuments: config.trustedDocumentsFile ? await loadTrustedDocuments(config.trustedDocumentsFile) : undefined,
  });
  const server = createServer(gateway);
  server.listen(config.server.port, config.server.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;

  if (simulator) {
    console.log(`No Atlas credentials configured: using the embedded Atlas simulator at ${simulator.url} with demo data.`);
  } else {
    const who = config.authMode === 'passthrough' ? "each caller's bearer token" : 'the configured credentials';
    console.log(`Using ${atlasConfig.flavor} at ${atlasConfig.baseUrl} with ${who}.`);
  }
  console.log(`GraphiQL: http://${host}:${port}/graphql`);

  const stop = async (): Promise<void> => {
    server.close();
    server.closeIdleConnections();
    await once(server, 'close');
    await atlas.close();
    await simulator?.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
