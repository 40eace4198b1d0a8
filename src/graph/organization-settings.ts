/**
 * An organization's settings (Atlas v2 only): whether every Admin API call must come from an
 * address on the calling credential's access list, and the rest Atlas returns with it; and the
 * mutation that requires or stops requiring an access list, with the three outcomes of every write.
 */
import type { OrganizationSettings } from '../atlas/index.js';
import { builder } from './builder.js';
import { atlasIdInput } from './inputs.js';
import { ValidationError, mutationErrors, writeRefusal } from './mutation-errors.js';
import { OrganizationRef } from './organization.js';
import { settledWrite } from './write-outcome.js';

type SettingsModel = OrganizationSettings & { orgId: string };

const SessionTimeoutsRef = builder.objectRef<NonNullable<OrganizationSettings['customSessionTimeouts']>>('SessionTimeouts').implement({
  description: "The organization's console session timeouts; a null field is Atlas' default.",
  fields: (t) => ({
    absoluteSessionTimeoutInSeconds: t.int({ nullable: true, description: 'A session ends this long after sign-in (3600 to 43200).', resolve: (s) => s.absoluteSessionTimeoutInSeconds ?? null }),
    idleSessionTimeoutInSeconds: t.int({ nullable: true, description: 'A session ends after this long without activity (300 or more).', resolve: (s) => s.idleSessionTimeoutInSeconds ?? null }),
  }),
});

const bool = (description: string, pick: (s: SettingsModel) => boolean | undefined) => ({ description, pick });

const SETTINGS_BOOLEANS = {
  apiAccessListRequired: bool('Every Admin API call must come from an address on the calling key\'s (or service account\'s) access list. When false, a key with an empty access list can be used from anywhere.', (s) => s.apiAccessListRequired),
  multiFactorAuthRequired: bool('Members must use multi-factor authentication.', (s) => s.multiFactorAuthRequired),
  restrictEmployeeAccess: bool("MongoDB Support may not reach the organization's infrastructure and logs without a bypass.", (s) => s.restrictEmployeeAccess),
  genAIFeaturesEnabled: bool('Generative AI features are enabled.', (s) => s.genAIFeaturesEnabled),
  streamsCrossGroupEnabled: bool('Stream processing may connect across projects.', (s) => s.streamsCrossGroupEnabled),
};

export const OrganizationSettingsRef = builder.objectRef<SettingsModel>('OrganizationSettings').implement({
  description: "An organization's settings as Atlas returns them (Atlas Admin API v2 only). A null field is one Atlas did not return.",
  fields: (t) => ({
    ...Object.fromEntries(
      Object.entries(SETTINGS_BOOLEANS).map(([name, { description, pick }]) => [name, t.boolean({ nullable: true, description, resolve: (s) => pick(s) ?? null })]),
    ),
    maxServiceAccountSecretValidityInHours: t.int({
      nullable: true,
      description: 'The longest a new service-account secret may live, in hours (8 to 8760).',
      resolve: (s) => s.maxServiceAccountSecretValidityInHours ?? null,
    }),
    securityContact: t.string({ nullable: true, description: 'The email address Atlas sends security notices to.', resolve: (s) => s.securityContact || null }),
    operationsContact: t.string({ nullable: true, description: 'The email address Atlas sends operational notices to.', resolve: (s) => s.operationsContact || null }),
    customSessionTimeouts: t.field({ type: SessionTimeoutsRef, nullable: true, description: "Console session timeouts; null for Atlas' defaults.", resolve: (s) => s.customSessionTimeouts ?? null }),
  }),
});

builder.objectFields(OrganizationRef, (t) => ({
  settings: t.field({
    type: OrganizationSettingsRef,
    nullable: true,
    description:
      "The organization's settings (one Atlas call). Null with an UNSUPPORTED_BY_UPSTREAM error on Atlas v1.0 and Ops Manager, which have no such endpoint.",
    complexity: 1,
    resolve: async (org, _args, ctx) => ({ ...(await ctx.loaders.organizationSettings.load(org.id)), orgId: org.id }),
  }),
}));

const UpdateSettingsInput = builder.inputType('UpdateOrganizationSettingsInput', {
  description: "A change to an organization's settings; a field left out stays as it is.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: 'The organization: its Organization.id (or its Organization.atlasId).' }),
    apiAccessListRequired: t.boolean({
      required: false,
      description: "Require every Admin API call to come from an address on the calling credential's access list. Turning it on locks out every key with an empty list.",
    }),
  }),
});

const SettingsPayloadRef = builder.objectRef<{ settings: SettingsModel }>('UpdateOrganizationSettingsPayload').implement({
  description: "The organization's settings after the change.",
  fields: (t) => ({
    settings: t.field({ type: OrganizationSettingsRef, description: 'The settings as Atlas holds them now.', resolve: (p) => p.settings }),
  }),
});

builder.mutationFields((t) => ({
  updateOrganizationSettings: t.field({
    type: SettingsPayloadRef,
    description: "Changes an organization's settings (Organization Owner). Atlas v2 only.",
    args: { input: t.arg({ type: UpdateSettingsInput, required: true }) },
    errors: mutationErrors('UpdateOrganizationSettings'),
    authScopes: (_root, { input }) => ({ write: atlasIdInput(input.organizationId, 'Organization', 'input.organizationId') }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const orgId = atlasIdInput(input.organizationId, 'Organization', 'input.organizationId');
      if (input.apiAccessListRequired == null) throw new ValidationError('Give at least one setting to change.', 'input');
      const wanted = input.apiAccessListRequired;
      let settled: OrganizationSettings | undefined;
      try {
        const result = await settledWrite(() => ctx.atlas.updateOrganizationSettings(orgId, { apiAccessListRequired: wanted }), {
          what: 'Changing the settings',
          field: 'input',
          settle: async () => {
            settled = await ctx.atlas.getOrganizationSettings(orgId);
            return settled.apiAccessListRequired === wanted;
          },
          unknown: () => ({
            mayHaveHappened: `Organization ${orgId} may now ${wanted ? 'require' : 'no longer require'} an API access list.`,
            check: "Read the organization's settings, and send the change again only if apiAccessListRequired is not what you asked for.",
          }),
        });
        const settings = result.answered ? result.value : settled!;
        ctx.loaders.organizationSettings.clear(orgId).prime(orgId, settings);
        return { settings: { ...settings, orgId } };
      } catch (error) {
        ctx.loaders.organizationSettings.clear(orgId);
        throw error;
      }
    },
  }),
}));
