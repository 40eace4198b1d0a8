/**
 * `npm start`: configuration → (the embedded simulator with demo data when no Atlas credentials
 * are configured) → gateway → listen; SIGINT/SIGTERM stop it gracefully.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import { AtlasClient } from './atlas/index.js';
import { createVerifier } from './auth.js';
import { ConfigError, loadConfig } from './config.js';
import { createGateway } from './gateway.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createSimulator } from './simulator/index.js';

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
