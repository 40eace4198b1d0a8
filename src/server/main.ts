/**
 * `npm start`: configuration → (the embedded simulator with demo data when the configuration
 * chooses it) → gateway → listen; SIGINT/SIGTERM stop it gracefully, within the drain timeout.
 */
import { Kind, parse } from 'graphql';
import { AtlasClient, type UpstreamEvent } from '../atlas/index.js';
import { createVerifier } from './auth.js';
import { ConfigError, loadConfig, loadTrustedDocuments } from './config.js';
import { createSharedReads } from './create-shared-reads.js';
import { createApqStore } from './apq-store.js';
import { createAuditLog } from './audit-store.js';
import { ChangeFeed } from './change-feed.js';
import { createGateway } from './gateway.js';
import { createHttpServer } from './http-server.js';
import { attachWebSocket } from './websocket.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { helpText } from './settings.js';
import { createSimulator } from '../simulator/index.js';

async function main(): Promise<void> {
  const config = loadConfig();
  let { atlas: atlasConfig } = config;
  const simulator = config.upstream === 'simulator' ? await createSimulator({ seed: 'demo' }) : undefined;
  if (simulator) {
    const { publicKey, privateKey } = simulator.control.admin;
    atlasConfig = { ...atlasConfig, baseUrl: simulator.url, flavor: 'atlas-v2', credentials: { kind: 'digest', publicKey, privateKey } };
  }
  const logger = createLogger({ level: config.logLevel });
  const trustedDocuments = config.trustedDocumentsFile ? await loadTrustedDocuments(config.trustedDocumentsFile) : undefined;
  // With trusted documents, only their operation names can run: they are the metric labels.
  const upstream = { kind: config.upstream, flavor: atlasConfig.flavor };
  const metrics = createMetrics({ upstream, ...(trustedDocuments ? { operationNames: operationNamesOf(trustedDocuments) } : {}) });
  const sharedReads = await createSharedReads(config.sharedReads, { logger, metrics });
  const apq = config.apq ? await createApqStore({ redisUrl: config.sharedReads.redisUrl }) : undefined;
  const audit = await createAuditLog({ redisUrl: config.sharedReads.redisUrl, retentionDays: config.auditRetentionDays, logger });
  // Told of every Atlas call: the metrics, and the change feed once it exists (reads keep their organization watched).
  const observers: Array<(event: UpstreamEvent) => void> = [metrics.observeUpstream];
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
    observer: (event) => {
      for (const observe of observers) observe(event);
    },
    sharedReads,
  });
  // The change feed polls Atlas with the gateway's own credentials: none in pass-through mode.
  const feed =
    config.authMode !== 'passthrough' && config.feed.pollIntervalSeconds > 0
      ? await ChangeFeed.create({
          atlas,
          sharedReads,
          redisUrl: config.sharedReads.redisUrl,
          intervalMs: config.feed.pollIntervalSeconds * 1000,
          // As long as a cached read of the organization may be served (stale ones included).
          readInterestMs: Math.max(config.sharedReads.cacheTtlSeconds, config.sharedReads.cacheWatchedTtlSeconds, config.sharedReads.cacheMaxStaleSeconds, config.sharedReads.retainSeconds ?? 0) * 1000,
          maxSubscriptionsPerCaller: config.feed.maxSubscriptionsPerCaller,
          logger,
        })
      : undefined;
  if (feed) observers.push(feed.noticeCall);
  const gateway = createGateway({ atlas, authMode: config.authMode, logger, metrics, limits: config.limits, corsOrigins: config.corsOrigins, introspection: config.introspection,
    verifier: config.jwt ? createVerifier(config.jwt) : undefined,
    trustedDocuments,
    apq,
    audit,
    feed,
    hygiene: config.hygiene,
    nodeFields: config.federation.nodeFields,
    routerSecret: config.federation.routerSecret,
    inlineTraces: config.federation.inlineTraces,
    sharedReads,
    upstream,
  });
  const http = createHttpServer(gateway, { drainTimeoutMs: config.server.drainTimeoutMs });
  const origin = await http.listen(config.server.port, config.server.host).catch((error: unknown) => {
    throw listenFailure(error, config.server);
  });
  // Attached once listening: a failure to listen is reported as such, not by the WebSocket server.
  const websocket = feed ? attachWebSocket(http.server, gateway, { path: '/graphql', maxSubscriptionsPerConnection: config.feed.maxSubscriptionsPerConnection }) : undefined;

  if (simulator) {
    console.log(`Upstream: simulator. Using the embedded Atlas simulator at ${simulator.url} with demo data, not Atlas (Atlas credentials: see --help).`);
  } else {
    const who = config.authMode === 'passthrough' ? "each caller's bearer token" : 'the configured credentials';
    console.log(`Upstream: atlas. Using ${atlasConfig.flavor} at ${atlasConfig.baseUrl} with ${who}.`);
  }
  console.log(config.introspection ? `GraphiQL: ${origin}/graphql` : `GraphQL endpoint: ${origin}/graphql (introspection and GraphiQL are off)`);

  const stop = async (): Promise<void> => {
    // Subscriptions first: each ends with a complete message (SSE and WebSocket), then the sockets close.
    await feed?.close();
    await websocket?.close();
    const outcome = await http.shutdown();
    if (outcome === 'deadline') logger.warn({ drainTimeoutMs: config.server.drainTimeoutMs }, 'requests still in flight at the drain timeout were cut');
    // Upstream calls of cut requests may still be pending: closing the pool waits at most a second for them.
    await Promise.race([Promise.all([atlas.close(), sharedReads.close(), apq?.close(), audit.close(), simulator?.close()]), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
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

/** The names of the operations in a set of documents. */
function operationNamesOf(documents: Readonly<Record<string, string>>): string[] {
  return Object.values(documents).flatMap((document) =>
    parse(document).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [])),
  );
}

/** A failure to start that the operator can fix from its one-line message. */
class StartError extends Error {}

/** What a failure to listen means, in the terms of the settings. */
function listenFailure(error: unknown, { port, host }: { port: number; host: string }): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new StartError(`Port ${port} on ${host} is already in use: set PORT to a free port (PORT=0 picks one).`);
  if (code === 'EACCES') return new StartError(`Port ${port} on ${host} may not be opened by this user: set PORT to 1024 or above.`);
  if (code === 'EADDRNOTAVAIL') return new StartError(`Address ${host} is not an address of this machine: set HOST (0.0.0.0 listens on every interface).`);
  return error;
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(helpText());
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof StartError ? error.message : error);
    process.exit(1);
  });
}
