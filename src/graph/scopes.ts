/**
 * Who may see and do what: the one rule of the graph.
 *
 * A verified caller's token carries scopes: `atlas:read` / `atlas:write` for every organization,
 * `atlas:read:<orgId>` / `atlas:write:<orgId>` for one (write implies read), and `atlas:audit` /
 * `atlas:audit:<orgId>` for key history and the gateway's audit records, which neither read nor
 * write implies. Without inbound authentication (no caller) everything is allowed.
 *
 * Fields declare their rule with `authScopes` (@pothos/plugin-scope-auth, set up in builder.ts):
 * `{ read: orgId }`, `{ write: orgId }`, `{ audit: orgId }`, or `EVERY_ORGANIZATION` for what
 * spans them all. Every root field has one (test/graph/scopes.test.ts holds the list of those
 * that check per object instead: `node`, `nodes` and the federation's `_entities`, whose types'
 * loaders call `requireScope`). A refusal is FORBIDDEN with the scope that would allow it
 * (`requiredScope`); a mutation's is its typed ForbiddenError.
 *
 * Projects as a caller whose token names organizations may see them: such a caller learns nothing
 * about a project outside those organizations, not even whether it exists: it is looked for only
 * in their project lists, so "not yours" and "does not exist" get the same answer and Atlas is
 * never asked about the other organization's project.
 */
import { GraphQLError } from 'graphql';
import type { AuthFailure } from '@pothos/plugin-scope-auth';
import type { Project } from '../atlas/index.js';
import type { Context } from './context.js';

export type Access = 'read' | 'write' | 'audit';

/** What a verified caller may do; undefined in a context means no inbound authentication is configured. */
export interface Caller {
  subject: string | undefined;
  /** The JWT's `iss`. */
  issuer: string | undefined;
  scopes: ReadonlySet<string>;
  /** When the token expires (ms since the epoch): a subscription ends then. */
  expiresAt?: number;
}

/** The scope parameter of a rule that spans every organization (listing them, who the gateway is). */
export const EVERY_ORGANIZATION = '*';

/** The rules fields declare: each access, in one organization or in every one. */
export interface AuthScopes {
  read: string;
  write: string;
  audit: string;
}

/** Whether the caller may read, write or audit in `orgId`, or in every organization when it is absent. */
export function allows(caller: Caller | undefined, access: Access, orgId?: string): boolean {
  if (!caller) return true;
  const { scopes } = caller;
  const levels: Access[] = access === 'read' ? ['read', 'write'] : [access];
  return levels.some((level) => scopes.has(`atlas:${level}`) || (orgId !== undefined && scopes.has(`atlas:${level}:${orgId}`)));
}

const ACCESS_WORDS: Record<Access, string> = { read: 'reading', write: 'changing', audit: 'reading the history and audit records of' };

export class ScopeError extends GraphQLError {
  constructor(access: Access, orgId?: string) {
    super(`The token's scopes do not allow ${ACCESS_WORDS[access]} ${orgId ? `organization ${orgId}` : 'every organization'}.`, {
      extensions: { code: 'FORBIDDEN', requiredScope: `atlas:${access}${orgId ? `:${orgId}` : ''}` },
    });
  }
}

/** For objects loaded by id (node, nodes, entity references), where the rule is the type's, not a field's. */
export function requireScope(caller: Caller | undefined, access: Access, orgId?: string): void {
  if (!allows(caller, access, orgId)) throw new ScopeError(access, orgId);
}

/** The scope loaders of a request, as scope-auth evaluates the rules fields declare. */
export function scopeLoaders(ctx: Pick<Context, 'caller'>): { [A in Access]: (orgId: string) => boolean } {
  const check = (access: Access) => (orgId: string) => allows(ctx.caller, access, orgId === EVERY_ORGANIZATION ? undefined : orgId);
  return { read: check('read'), write: check('write'), audit: check('audit') };
}

/** The access and organization of the rule that refused, from scope-auth's account of it. */
export function refusedRule(failure: AuthFailure): { access: Access; orgId: string | undefined } {
  if (failure.kind === 'AuthScope' && (failure.scope === 'read' || failure.scope === 'write' || failure.scope === 'audit')) {
    const orgId = String(failure.parameter);
    return { access: failure.scope, orgId: orgId === EVERY_ORGANIZATION ? undefined : orgId };
  }
  if ((failure.kind === 'AnyAuthScopes' || failure.kind === 'AllAuthScopes') && failure.failures[0]) return refusedRule(failure.failures[0]);
  throw new Error(`A scope rule refused in a way the graph does not declare: ${failure.kind}.`);
}

/** The refusal of a query or subscription field: FORBIDDEN, with the scope that would allow it. */
export function scopeRefusal(failure: AuthFailure): ScopeError {
  const { access, orgId } = refusedRule(failure);
  return new ScopeError(access, orgId);
}

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

const SCOPE = /^atlas:(read|write):([a-f0-9]{24})$/;

/** The project among the projects of `orgIds`, or undefined when none of them has it. */
export async function projectAmong(ctx: Context, orgIds: readonly string[], projectId: string): Promise<Project | undefined> {
  const listings = await Promise.all(orgIds.map((orgId) => ctx.loaders.projectsOf(orgId)));
  return listings.map((projects) => projects.get(projectId)).find((project) => project !== undefined);
}
