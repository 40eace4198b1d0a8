/** Project: the node, its organization, the keys assigned to it, and the root query. */
import { GraphQLError } from 'graphql';
import { AtlasApiError, type Project } from '../atlas/index.js';
import type { Context } from './context.js';
import { builder } from './builder.js';
import { atlasConnection, prefetchConnection, totalCountField } from './connections.js';
import { LOADED_OBJECT, connectionCost } from './cost.js';
import { atlasId, objectIdArg } from './ids.js';
import { selectedChildren } from './prefetch.js';
import { OrganizationRef } from './organization.js';
import { DateTimeScalar } from './scalars.js';
import { notFound } from './errors.js';
import { projectAmong, requireScope, scopedOrganizations } from './scopes.js';

export const ProjectRef = builder.objectRef<Project>('Project');

/**
 * A project, once the caller is known to be allowed to read its organization. Atlas answers 401
 * both for credentials it refuses and for a project they may not see; when the same credentials
 * can list projects, it is the latter: FORBIDDEN, not UNAUTHENTICATED.
 */
export async function readableProject(ctx: Context, id: string): Promise<Project> {
  // A token that names organizations learns nothing of projects elsewhere, not even that they exist.
  const scoped = scopedOrganizations(ctx.caller, 'read');
  if (scoped !== undefined) {
    const found = scoped.length === 0 ? undefined : await projectAmong(ctx, scoped, id);
    if (!found) throw notFound(`No project ${id} in an organization this token may read.`);
    return found;
  }
  let project: Project;
  try {
    project = await ctx.loaders.project.load({ id });
  } catch (error) {
    if (error instanceof AtlasApiError && error.status === 401 && (await ctx.loaders.canListProjects())) {
      throw new GraphQLError(`The credentials may not see project ${id}.`, {
        extensions: { code: 'FORBIDDEN', atlas: { status: error.status, errorCode: error.errorCode } },
      });
    }
    throw error;
  }
  requireScope(ctx.caller, 'read', project.orgId);
  return project;
}

builder.node(ProjectRef, {
  description: 'An Atlas project (a "group" in the Admin API) in an organization.',
  id: { resolve: (project) => project.id, description: 'Global id of the project: what every argument that names it takes (project, projectId, node).' },
  loadOne: (id, ctx) => readableProject(ctx, atlasId(id, 'id')),
  fields: (t) => ({
    atlasId: t.exposeString('id', { description: 'The 24-hexadecimal Atlas id of the project (its group id).' }),
    name: t.exposeString('name', { description: 'Human-readable name of the project.' }),
    created: t.field({
      type: DateTimeScalar,
      nullable: true,
      description: 'When the project was created.',
      resolve: (project) => project.created ?? null,
    }),
    clusterCount: t.int({ description: 'How many clusters the project has.', resolve: (project) => project.clusterCount ?? 0 }),
    organization: t.field({
      type: OrganizationRef,
      description: 'The organization the project belongs to.',
      resolve: (project, _args, ctx) => ctx.loaders.organization.load(project.orgId),
    }),
  }),
});

builder.objectFields(OrganizationRef, (t) => ({
  projects: t.connection(
    {
      type: ProjectRef,
      description: "The organization's projects.",
      complexity: connectionCost(),
      resolve: (org, args, ctx) => atlasConnection(ctx.loaders, 'organizationProjects', org.id, args, (project: Project) => project),
    },
    { name: 'ProjectConnection', description: 'A page of projects.', fields: totalCountField('projects') },
    { name: 'ProjectEdge', description: 'A project in a page.' },
  ),
}));

builder.queryFields((t) => ({
  project: t.field({
    type: ProjectRef,
    nullable: true,
    description: 'One project; null, with a NOT_FOUND error, when there is none.',
    complexity: LOADED_OBJECT,
    args: { id: t.arg.id({ required: true, description: 'The project: its Project.id (or its Project.atlasId, the group id).' }) },
    resolve: (_root, args, ctx, info) => {
      const [id = ''] = objectIdArg(args.id, 'Project', 'id').parts;
      for (const child of selectedChildren(ctx, info)) {
        if (child.name === 'apiKeys') prefetchConnection(ctx.loaders, 'projectApiKeys', id, child.args);
      }
      return readableProject(ctx, id);
    },
  }),
}));
