/**
 * Projects as a caller whose token names organizations may see them. Such a caller learns nothing
 * about a project outside those organizations, not even whether it exists: it is looked for only
 * in their project lists, so "not yours" and "does not exist" get the same answer and Atlas is
 * never asked about the other organization's project.
 */
import type { Project } from '../atlas/index.js';
import { type Access, type Caller, allows } from '../server/auth.js';
import type { Context } from './context.js';

const SCOPE = /^atlas:(read|write):([a-f0-9]{24})$/;

/** The organizations a caller's scopes name for `access`; undefined when it may act in every one. */
export function scopedOrganizations(caller: Caller | undefined, access: Access): string[] | undefined {
  if (!caller || allows(caller, access)) return undefined;
  const orgs = new Set<string>();
  for (const scope of caller.scopes) {
    const match = SCOPE.exec(scope);
    if (match && allows(caller, access, match[2]!)) orgs.add(match[2]!);
  }
  return [...orgs];
}

/** The project among the projects of `orgIds`, or undefined when none of them has it. */
export async function projectAmong(ctx: Context, orgIds: readonly string[], projectId: string): Promise<Project | undefined> {
  const listings = await Promise.all(orgIds.map((orgId) => ctx.loaders.projectsOf(orgId)));
  return listings.map((projects) => projects.get(projectId)).find((project) => project !== undefined);
}
