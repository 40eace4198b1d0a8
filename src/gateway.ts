/**
 * createGateway: the GraphQL server (graphql-yoga) over an Atlas client. It never listens;
 * `main.ts` does. Every request gets a fresh context (client view and loaders).
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { AtlasClient } from './atlas/index.js';
import { createContext } from './context.js';
import { maskError } from './graph/errors.js';
import { subgraphSchema } from './graph/index.js';

export interface GatewayDeps {
  atlas: AtlasClient;
  /** Off: one upstream call per field, the benchmarks' baseline. On by default. */
  batching?: boolean;
}

/** The query GraphiQL opens with: it works on the simulator's demo data and on any real org. */
export const DEFAULT_QUERY = `# Organizations with their projects and API keys.
query Overview {
  organizations(first: 5) {
    totalCount
    edges {
      node {
        name
        atlasId
        projects(first: 10) { edges { node { name clusterCount } } }
        apiKeys(first: 10) {
          totalCount
          edges {
            node {
              description
              publicKey
              organizationRoles { role }
              projectAssignments { project { name } roles { role } }
            }
          }
        }
      }
    }
  }
}
`;

export function createGateway(deps: GatewayDeps) {
  return createYoga({
    // The subgraph schema: the public one plus _service and _entities for a federation router.
    schema: subgraphSchema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    context: () => createContext(deps.atlas, { batching: deps.batching ?? true }),
    maskedErrors: { maskError: (error) => maskError(error) },
    graphiql: { title: 'Atlas Keys Gateway', defaultQuery: DEFAULT_QUERY },
    // GraphiQL with its assets inlined: it works without reaching a CDN.
    renderGraphiQL,
    logging: false,
    plugins: [
      useReadinessCheck({
        endpoint: '/readyz',
        // Ready when Atlas answers with the configured credentials.
        check: async () => {
          try {
            await deps.atlas.listOrganizations({ itemsPerPage: 1, includeCount: false });
            return true;
          } catch {
            return false;
          }
        },
      }),
    ],
  });
}

export type Gateway = ReturnType<typeof createGateway>;
