/**
 * Service-account hygiene across an organization: `Organization.serviceAccountHygiene`, the
 * accounts judged together as keyHygiene judges keys (risks.ts's rules, shared). Each account's
 * access list and projects are two Atlas calls, read by a scan of the organization
 * (credential-scan.ts); its secrets come with the listing. Atlas v2 only.
 */
import { type ServiceAccountAccessListEntry, type ServiceAccountProject, fetchAllPages } from '../atlas/index.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { type Assessed, type CredentialScan, type ScanFamily, hygieneReportType, scanCompletenessType, scanCost, scanCredentials } from './credential-scan.js';
import { accountFacts, accountPolicy, accountUsageEntries, checkAccountDays } from './hygiene.js';
import { type OrgServiceAccount, apiKeyRef, withParent } from './loaders.js';
import { OrganizationRef, organizationPrefetch } from './organization.js';
import { type HygienePolicy, RISK_KINDS, assessCredential, credentialUsage } from './risks.js';

interface AccountReads {
  entries: ServiceAccountAccessListEntry[];
  projects: ServiceAccountProject[];
}

/** An organization's service accounts (those Atlas manages itself left out, as in its listing), as a scan reads them: each one's access list and projects. */
const ACCOUNTS: ScanFamily<OrgServiceAccount, AccountReads> = {
  name: 'serviceAccounts',
  list: async (ctx, orgId) => {
    const accounts = (await fetchAllPages((page) => ctx.atlas.listServiceAccounts(orgId, page))).map((account) => withParent(account, { orgId }));
    for (const account of accounts) ctx.loaders.serviceAccount.prime(apiKeyRef(orgId, account.clientId), account);
    return accounts;
  },
  id: (account) => account.clientId,
  callsPerItem: 2,
  read: async (ctx, view, orgId, account) => {
    const ref = apiKeyRef(orgId, account.clientId);
    // Both settled before either's failure is told: a read sent is never left running, and what one got is kept.
    const [entries, projects] = await Promise.allSettled([
      fetchAllPages((page) => view.listServiceAccountAccessList(orgId, account.clientId, page)),
      fetchAllPages((page) => view.listServiceAccountProjects(orgId, account.clientId, page)),
    ]);
    if (entries.status === 'fulfilled') ctx.loaders.wholeServiceAccountAccessList.prime(ref, entries.value);
    if (projects.status === 'fulfilled') ctx.loaders.serviceAccountProjects.prime(ref, projects.value);
    if (entries.status === 'rejected') throw entries.reason;
    if (projects.status === 'rejected') throw projects.reason;
    return { entries: entries.value, projects: projects.value };
  },
  forbidden: (error) => error.status === 403 || error.errorCode === 'SERVICE_ACCOUNT_ACCESS_LIST_ACCESS_DENIED',
};

const NOUNS = { field: 'accounts', plural: 'Accounts', reads: 'access list and projects' };

const CompletenessRef = scanCompletenessType('ServiceAccountScanCompleteness', NOUNS);
const ServiceAccountHygieneRef = hygieneReportType<OrgServiceAccount>('ServiceAccountHygiene', 'ServiceAccount', NOUNS, CompletenessRef, RISK_KINDS);

/** The accounts the scan could judge, with their usage and findings. */
function assessedAccounts(ctx: Context, scan: CredentialScan<OrgServiceAccount, AccountReads>, policy: HygienePolicy): Assessed<OrgServiceAccount>[] {
  const now = new Date();
  return scan.items.flatMap((account) => {
    const state = scan.states.get(account.clientId);
    if (state?.kind !== 'assessed') return [];
    const facts = { ...accountFacts(account, state.data.projects.length), entries: accountUsageEntries(state.data.entries), accessListRequired: scan.accessListRequired };
    return [{ item: account, usage: credentialUsage(facts), risks: assessCredential(facts, policy, now) }];
  });
}

// Its scan starts with the organization's own read.
organizationPrefetch('serviceAccountHygiene', (ctx, orgId) => scanCredentials(ctx, orgId, ACCOUNTS));

builder.objectFields(OrganizationRef, (t) => ({
  serviceAccountHygiene: t.field({
    type: ServiceAccountHygieneRef,
    nullable: true,
    description:
      "The organization's service accounts judged together, by the rules of ServiceAccount.risks: secrets expiring soon, expired secrets still listed, unused secrets, accounts usable from any address, Organization Owner. Reads every account's access list and projects (two Atlas calls per account, Atlas filters nothing): from the shared cache where read within HYGIENE_MAX_AGE_SECONDS, else from Atlas within HYGIENE_MAX_READS_PER_REQUEST calls and HYGIENE_BUDGET_SHARE of its rate limit; completeness says how much of the organization the answer covers. Counted in the cost limit as that many calls. Null, with UNSUPPORTED_BY_UPSTREAM, on flavors other than Atlas v2.",
    args: {
      unusedForDays: t.arg.int({ required: false, description: 'As on ServiceAccount.risks: 1 to 3650; HYGIENE_UNUSED_DAYS by default.' }),
      expiringWithinDays: t.arg.int({ required: false, description: 'As on ServiceAccount.risks: 1 to 365; HYGIENE_SECRET_EXPIRY_DAYS by default.' }),
    },
    extensions: { checkArguments: checkAccountDays },
    complexity: (_args, ctx) => scanCost(ctx),
    resolve: async (org, args, ctx) => {
      const scan = await scanCredentials(ctx, org.id, ACCOUNTS);
      return { scan: scan as CredentialScan<OrgServiceAccount, unknown>, assessed: assessedAccounts(ctx, scan, accountPolicy(ctx, args)) };
    },
  }),
}));
