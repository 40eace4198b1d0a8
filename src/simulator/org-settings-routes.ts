/**
 * `GET` and `PATCH /orgs/{orgId}/settings` (v2 only, 2023-01-01): the organization settings,
 * kept on the org in the state. Any org role may read them; only an Organization Owner may change
 * them. A PATCH changes the fields it sends and leaves the others as they are.
 */
import { pathParamError } from './errors.js';
import * as bodies from './bodies.js';
import { requireOrgMember, requireOrgRole } from './permissions.js';
import type { HandlerContext, RouteSpec } from './routes.js';
import type { Org } from './state.js';
import { orgSettingsView } from './views.js';

const OBJECT_ID = /^[a-f0-9]{24}$/;
const ORG_OWNER = new Set(['ORG_OWNER']);

function org(ctx: HandlerContext): Org {
  const orgId = ctx.params.orgId ?? '';
  if (!OBJECT_ID.test(orgId)) throw pathParamError('orgId', orgId);
  return ctx.state.getOrg(orgId);
}

function apply(target: Org, patch: bodies.OrgSettingsPatch): void {
  const { settings } = target;
  if (patch.apiAccessListRequired !== undefined) target.apiAccessListRequired = patch.apiAccessListRequired;
  if (patch.multiFactorAuthRequired !== undefined) settings.multiFactorAuthRequired = patch.multiFactorAuthRequired;
  if (patch.restrictEmployeeAccess !== undefined) settings.restrictEmployeeAccess = patch.restrictEmployeeAccess;
  if (patch.genAIFeaturesEnabled !== undefined) settings.genAIFeaturesEnabled = patch.genAIFeaturesEnabled;
  if (patch.streamsCrossGroupEnabled !== undefined) settings.streamsCrossGroupEnabled = patch.streamsCrossGroupEnabled;
  if (patch.maxServiceAccountSecretValidityInHours !== undefined) {
    settings.maxServiceAccountSecretValidityInHours = patch.maxServiceAccountSecretValidityInHours;
  }
  // `null` unsets: the field leaves the answer (and the default applies, for the timeouts).
  if (patch.securityContact !== undefined) {
    if (patch.securityContact === null) delete settings.securityContact;
    else settings.securityContact = patch.securityContact;
  }
  if (patch.operationsContact !== undefined) {
    if (patch.operationsContact === null) delete settings.operationsContact;
    else settings.operationsContact = patch.operationsContact;
  }
  if (patch.customSessionTimeouts !== undefined) {
    if (patch.customSessionTimeouts === null) delete settings.customSessionTimeouts;
    else settings.customSessionTimeouts = patch.customSessionTimeouts;
  }
}

export function orgSettingsRoutes(): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/orgs/:orgId/settings',
      operation: 'getOrgSettings',
      handle: (ctx) => {
        const target = org(ctx);
        requireOrgMember(ctx.principal, target.id);
        return { status: 200, body: orgSettingsView(target) };
      },
    },
    {
      method: 'PATCH',
      path: '/orgs/:orgId/settings',
      operation: 'updateOrgSettings',
      handle: (ctx) => {
        const target = org(ctx);
        requireOrgRole(ctx.principal, target.id, ORG_OWNER);
        apply(target, bodies.orgSettingsBody(ctx.body()));
        return { status: 200, body: orgSettingsView(target) };
      },
    },
  ];
}
