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

export const schema = builder.toSchema({ sortSchema: false });
