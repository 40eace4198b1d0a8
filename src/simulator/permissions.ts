/**
 * Who is calling and what they may do. Atlas answers both "who are you?" and "you may not"
 * with 401 USER_UNAUTHORIZED; the checks here throw that error.
 */
import { forbiddenRole } from './errors.js';
import type { ApiKey, Project } from './state.js';
import type { RoleAssignment } from './types.js';

/** A service account calling with a token: one of an org's, or one the simulator holds for tests. */
export interface AccountCaller {
  clientId: string;
  roles: RoleAssignment[];
}

export type Principal =
  | { kind: 'apiKey'; key: ApiKey }
  | { kind: 'serviceAccount'; account: AccountCaller }
  /** The simulator's own admin (its Digest key or its service account): a global owner of every org. */
  | { kind: 'admin'; via: 'digest' | 'serviceAccount' };

/** Org roles that imply a project role in every project of the org. */
const IMPLIED_PROJECT_ROLE: Record<string, string> = { ORG_OWNER: 'GROUP_OWNER', ORG_READ_ONLY: 'GROUP_READ_ONLY' };

function rolesOf(principal: Principal): RoleAssignment[] | undefined {
  if (principal.kind === 'apiKey') return principal.key.roles;
  if (principal.kind === 'serviceAccount') return principal.account.roles;
  return undefined;
}

export const isGlobalOwner = (principal: Principal): boolean => rolesOf(principal) === undefined;

export function orgRoles(principal: Principal, orgId: string): Set<string> {
  const roles = rolesOf(principal);
  if (roles === undefined) return new Set(['ORG_OWNER']);
  return new Set(roles.filter((r) => r.orgId === orgId).map((r) => r.roleName));
}

export function projectRoles(principal: Principal, project: Project): Set<string> {
  const roles = rolesOf(principal);
  if (roles === undefined) return new Set(['GROUP_OWNER']);
  const result = new Set(roles.filter((r) => r.groupId === project.id).map((r) => r.roleName));
  for (const role of orgRoles(principal, project.orgId)) {
    const implied = IMPLIED_PROJECT_ROLE[role];
    if (implied) result.add(implied);
  }
  return result;
}

const intersects = (roles: Set<string>, allowed: ReadonlySet<string>): boolean => [...roles].some((r) => allowed.has(r));

/** Organization Member: any role in the org. */
export function requireOrgMember(principal: Principal, orgId: string): void {
  if (orgRoles(principal, orgId).size === 0) throw forbiddenRole();
}

export function requireOrgRole(principal: Principal, orgId: string, allowed: ReadonlySet<string>): void {
  if (!intersects(orgRoles(principal, orgId), allowed)) throw forbiddenRole();
}

/** "Organization Member or Project Read Only" anywhere: any role at all. */
export function requireAnyRole(principal: Principal): void {
  const roles = rolesOf(principal);
  if (roles !== undefined && roles.length === 0) throw forbiddenRole();
}

/** Project Read Only: any role in the project, given or implied. */
export function requireProjectMember(principal: Principal, project: Project): void {
  if (projectRoles(principal, project).size === 0) throw forbiddenRole();
}

export function requireProjectRole(principal: Principal, project: Project, allowed: ReadonlySet<string>): void {
  if (!intersects(projectRoles(principal, project), allowed)) throw forbiddenRole();
}

export const canSeeOrg = (principal: Principal, orgId: string): boolean => orgRoles(principal, orgId).size > 0;

export const canSeeProject = (principal: Principal, project: Project): boolean => projectRoles(principal, project).size > 0;
