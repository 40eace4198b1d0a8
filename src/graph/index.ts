/** The schema: every domain file registers its types on the builder. */
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './node.js';
import './roles.js';
import './organization.js';
import './project.js';
import './api-key.js';
import './access-list.js';
import './mutation-errors.js';
import './api-key-mutations.js';
import './rotation.js';
import './hygiene.js';
import './key-hygiene.js';
import './api-key-events.js';
import './organization-settings.js';
import './service-account.js';
import './service-account-mutations.js';
import './service-account-events.js';
import './service-account-hygiene.js';
import './migration.js';
import './viewer.js';
import './audit-records.js';
import './subscriptions.js';

import './federation.js';
import { type NodeFields, servedSubgraph, subgraphSdl } from './subgraph.js';
import { settleListItems } from './settled-lists.js';
import { auditMutations } from './audit.js';

/** The public schema: what consoles query and codegen reads. */
export const schema = builder.toSchema({ sortSchema: false });

/** The same schema as an Apollo Federation v2 subgraph (adds _service and _entities). */
const federated = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@shareable'],
  sortSchema: false,
});

/** The subgraph the server runs, by whether its published SDL has `node`/`nodes` (see subgraph.ts). */
export const subgraphSchemas: Readonly<Record<NodeFields, GraphQLSchema>> = {
  omit: auditMutations(settleListItems(servedSubgraph(federated, 'omit'))),
  publish: auditMutations(settleListItems(servedSubgraph(federated, 'publish'))),
};

/** The default: `node` and `nodes` left out of the published SDL. */
export const subgraphSchema = subgraphSchemas.omit;

/** What `schema/subgraph.graphql` holds: the SDL a router composes, by default. */
export const defaultSubgraphSdl = subgraphSdl(federated, 'omit');
