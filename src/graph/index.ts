/** The schema: every domain file registers its types on the builder. */
import { builder } from './builder.js';
import './scalars.js';
import './roles.js';
import './organization.js';
import './project.js';
import './api-key.js';
import './access-list.js';
import './mutation-errors.js';
import './api-key-mutations.js';
import './rotation.js';

import './federation.js';

/** The public schema: what consoles query and codegen reads. */
export const schema = builder.toSchema({ sortSchema: false });

/** The same schema as an Apollo Federation v2 subgraph (adds _service and _entities); the server runs this one. */
export const subgraphSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@shareable'],
  sortSchema: false,
});
