/**
 * What makes a credential risky, decided from what Atlas keeps about it: its roles, its access
 * list (whose entries carry usage data), its creation time (in its ObjectId), whether its
 * organization requires an access list, and for a service account its secrets (which expire, and
 * record when each last obtained a token). Pure: the same for API keys and service accounts; the
 * graph loads the inputs and shows the findings.
 *
 * Usage is unknown, never zero, when Atlas has nothing to say: a key with an empty access list has
 * no entry to record its use on. A service account's secrets record its use first (Atlas' advice),
 * its access-list entries second.
 */

import { presentedAddress } from './inputs.js';

/** The thresholds an organization judges its credentials by (settings; `unusedDays` per field too). */
export interface HygienePolicy {
  /** A credential whose last use is older than this many days is unused. */
  unusedDays: number;
  /** An IPv4 range wider than this prefix (a shorter prefix length) is a wide range. */
  widestIpv4Prefix: number;
  /** An IPv6 range wider than this prefix is a wide range. */
  widestIpv6Prefix: number;
  /** A service-account secret expiring within this many days is SECRET_EXPIRING. */
  secretExpiryDays: number;
  /** How a scan over every key of an organization reads Atlas (key-hygiene.ts). */
  scan: ScanPolicy;
}

export interface ScanPolicy {
  /** Access lists read up to this long ago serve a scan (and are kept that long in the shared cache). */
  maxAgeSeconds: number;
  /** The most of each Atlas rate-limit bucket a scan may use (0..1); the rest stays for interactive reads. */
  budgetShare: number;
  /** Access lists one request may read from Atlas for a scan; the others come from the cache or wait for later requests. */
  maxReadsPerRequest: number;
}

export const DEFAULT_HYGIENE_POLICY: HygienePolicy = {
  unusedDays: 90,
  widestIpv4Prefix: 16,
  widestIpv6Prefix: 48,
  secretExpiryDays: 14,
  scan: { maxAgeSeconds: 3_600, budgetShare: 0.5, maxReadsPerRequest: 100 },
};

/** What can be found about any credential. */
export const KEY_RISK_KINDS = ['USABLE_FROM_ANYWHERE', 'WIDE_ACCESS_LIST_RANGE', 'ORGANIZATION_OWNER', 'UNUSED', 'NEVER_USED', 'LEFTOVER'] as const;
/** What can be found about a service account's secrets besides. */
export const RISK_KINDS = [...KEY_RISK_KINDS, 'SECRET_EXPIRING', 'SECRET_EXPIRED', 'SECRET_UNUSED'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];
export const RISK_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];

/** The severity a kind is reported with (assessCredential's; the lower where it depends on the case), for a count in which no credential has it. */
export const DEFAULT_SEVERITY: Record<RiskKind, RiskSeverity> = {
  USABLE_FROM_ANYWHERE: 'HIGH',
  WIDE_ACCESS_LIST_RANGE: 'MEDIUM',
  ORGANIZATION_OWNER: 'MEDIUM',
  UNUSED: 'MEDIUM',
  NEVER_USED: 'MEDIUM',
  LEFTOVER: 'LOW',
  SECRET_EXPIRING: 'LOW',
  SECRET_EXPIRED: 'LOW',
  SECRET_UNUSED: 'MEDIUM',
};

export interface RiskEvidence {
  /** The access-list entry behind the finding (a CIDR block or an address). */
  accessListEntry?: string;
  /** The role behind the finding, as Atlas names it. */
  role?: string;
  /** The date behind the finding: the last use, or the creation of a credential never used. */
  date?: Date;
  /** Whether the organization requires an access list; undefined when it could not be read. */
  accessListRequired?: boolean | null;
  /** The service-account secret behind the finding (its Atlas id). */
  secretId?: string;
}

export interface Risk {
  kind: RiskKind;
  severity: RiskSeverity;
  message: string;
  evidence: RiskEvidence;
}

/** An access-list entry as Atlas returns it, with the usage it records. */
export interface UsageEntry {
  ipAddress?: string;
  cidrBlock?: string;
  created?: string;
  lastUsed?: string;
  lastUsedAddress?: string;
  count?: number;
}

export type Usage =
  | { known: false; reason: 'EMPTY_ACCESS_LIST' }
  | {
      known: true;
      /** The most recent use through any entry; undefined when no entry was ever used. */
      lastUsedAt?: Date;
      lastUsedFrom?: string;
      /** The sum of the entries' counts: each counts requests from its lastUsedAddress only. */
      requestCount: number;
    };

/** Usage as Atlas records it on the access-list entries. */
export function usageOf(entries: readonly UsageEntry[]): Usage {
  if (entries.length === 0) return { known: false, reason: 'EMPTY_ACCESS_LIST' };
  let last: UsageEntry | undefined;
  let requestCount = 0;
  for (const entry of entries) {
    requestCount += entry.count ?? 0;
    if (entry.lastUsed !== undefined && (last?.lastUsed === undefined || Date.parse(entry.lastUsed) > Date.parse(last.lastUsed))) last = entry;
  }
  return {
    known: true,
    requestCount,
    ...(last?.lastUsed !== undefined ? { lastUsedAt: new Date(last.lastUsed), ...(last.lastUsedAddress ? { lastUsedFrom: last.lastUsedAddress } : {}) } : {}),
  };
}

/** A secret of a service account, as Atlas shows it. */
export interface SecretFacts {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  /** When it last obtained a token; undefined when Atlas has no record of a use. */
  lastUsedAt?: Date;
}

/**
 * Usage of a credential: a service account's from its secrets (which record every token they
 * obtain) and its entries, whichever is later; a key's from its entries alone.
 */
export function credentialUsage(facts: Pick<CredentialFacts, 'entries' | 'secrets'>): Usage {
  const fromEntries = usageOf(facts.entries);
  if (!facts.secrets) return fromEntries;
  const lastSecretUse = facts.secrets.map((s) => s.lastUsedAt).filter((d): d is Date => d !== undefined).sort((a, b) => b.getTime() - a.getTime())[0];
  const entries = fromEntries.known ? fromEntries : { known: true as const, requestCount: 0 };
  if (lastSecretUse && (!entries.lastUsedAt || lastSecretUse > entries.lastUsedAt)) {
    return { known: true, requestCount: entries.requestCount, lastUsedAt: lastSecretUse };
  }
  return entries;
}

export interface CredentialFacts {
  /** What to call it in messages: "Key ab12cd34 (CI deployer)". */
  label: string;
  createdAt: Date | undefined;
  /** Organization role names. */
  organizationRoles: readonly string[];
  /** Projects it is assigned to. */
  projectCount: number;
  entries: readonly UsageEntry[];
  /** Whether its organization requires an access list; undefined when it could not be read. */
  accessListRequired: boolean | undefined;
  /** False when the entries came without their usage (Atlas' "who am I" lists them so): no finding about use is made. */
  usageRecorded?: boolean;
  /** A service account's secrets; absent for an API key. */
  secrets?: readonly SecretFacts[];
}

const DAY_MS = 86_400_000;
const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);
/** Organization roles that grant nothing beyond reading: a credential with only these and no project does nothing. */
const READ_ONLY_ORG_ROLES = new Set(['ORG_MEMBER', 'ORG_READ_ONLY']);

const prefixOf = (cidr: string): { v6: boolean; length: number } | undefined => {
  const match = /^(.+)\/(\d{1,3})$/.exec(cidr);
  return match ? { v6: match[1]!.includes(':'), length: Number(match[2]) } : undefined;
};

const days = (ms: number): number => Math.floor(ms / DAY_MS);
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** The findings for one credential, most severe first. */
export function assessCredential(facts: CredentialFacts, policy: HygienePolicy, now: Date): Risk[] {
  const risks: Risk[] = [];
  const { label, entries } = facts;

  if (entries.length === 0 && facts.accessListRequired !== true) {
    const unknown = facts.accessListRequired === undefined;
    risks.push({
      kind: 'USABLE_FROM_ANYWHERE',
      severity: 'HIGH',
      message: unknown
        ? `${label} has an empty access list: it can be used from any address unless the organization requires an access list, which could not be read. Add the addresses it is used from.`
        : `${label} has an empty access list and the organization does not require one: it can be used from any address. Add the addresses it is used from, or require an access list for the organization.`,
      evidence: { accessListRequired: facts.accessListRequired ?? null },
    });
  }
  for (const entry of entries) {
    // Atlas may write IPv6 in full (0:0:0:0:0:0:0:0/0): judged and shown in RFC 5952 form.
    const cidr = presentedAddress(entry.cidrBlock ?? entry.ipAddress ?? '');
    if (ANYWHERE.has(cidr)) {
      risks.push({
        kind: 'USABLE_FROM_ANYWHERE',
        severity: 'HIGH',
        message: `${label} allows ${cidr} on its access list: it can be used from any address. Replace the entry with the addresses it is used from.`,
        evidence: { accessListEntry: cidr },
      });
      continue;
    }
    const prefix = prefixOf(cidr);
    const widest = prefix?.v6 ? policy.widestIpv6Prefix : policy.widestIpv4Prefix;
    if (prefix && prefix.length < widest) {
      risks.push({
        kind: 'WIDE_ACCESS_LIST_RANGE',
        severity: 'MEDIUM',
        message: `${label} allows ${cidr}, wider than /${widest}. Narrow it to the addresses it is used from.`,
        evidence: { accessListEntry: cidr },
      });
    }
  }
  if (facts.organizationRoles.includes('ORG_OWNER')) {
    risks.push({
      kind: 'ORGANIZATION_OWNER',
      severity: 'MEDIUM',
      message: `${label} is an Organization Owner: it can change every key, project and setting of the organization. Give it only the roles its work needs.`,
      evidence: { role: 'ORG_OWNER' },
    });
  }
  const usage = credentialUsage(facts);
  if (usage.known && facts.usageRecorded !== false) {
    if (usage.lastUsedAt) {
      const idle = days(now.getTime() - usage.lastUsedAt.getTime());
      if (idle > policy.unusedDays) {
        risks.push({
          kind: 'UNUSED',
          severity: 'MEDIUM',
          message: `${label} was last used ${idle} days ago (${isoDay(usage.lastUsedAt)}), more than ${policy.unusedDays}. Delete it if nothing needs it.`,
          evidence: { date: usage.lastUsedAt },
        });
      }
    } else if (facts.createdAt && days(now.getTime() - facts.createdAt.getTime()) > policy.unusedDays) {
      risks.push({
        kind: 'NEVER_USED',
        severity: 'MEDIUM',
        message: `${label} was created ${days(now.getTime() - facts.createdAt.getTime())} days ago (${isoDay(facts.createdAt)}) and has never been used${facts.secrets ? '' : ' from an address on its access list'}. Delete it if nothing needs it.`,
        evidence: { date: facts.createdAt },
      });
    }
  }
  if (facts.projectCount === 0 && facts.organizationRoles.every((role) => READ_ONLY_ORG_ROLES.has(role))) {
    risks.push({
      kind: 'LEFTOVER',
      severity: 'LOW',
      message: `${label} has no project and no organization role beyond ${facts.organizationRoles.length ? facts.organizationRoles.join(', ') : 'none'}: it can do little but read. Delete it if it is left over.`,
      evidence: { ...(facts.organizationRoles[0] ? { role: facts.organizationRoles[0] } : {}) },
    });
  }
  if (facts.secrets) risks.push(...secretRisks(label, facts.secrets, usage, policy, now));
  const rank = (severity: RiskSeverity) => RISK_SEVERITIES.indexOf(severity);
  return risks.sort((a, b) => rank(b.severity) - rank(a.severity));
}

/**
 * A service account's secrets: one about to expire (HIGH when nothing working outlives it: its
 * workloads are about to be locked out), expired ones still listed (MEDIUM when none works any
 * more), and a working one that obtains no token while the account is in use (a leftover).
 */
function secretRisks(label: string, secrets: readonly SecretFacts[], usage: Usage, policy: HygienePolicy, now: Date): Risk[] {
  const risks: Risk[] = [];
  const working = secrets.filter((s) => s.expiresAt > now);
  const soon = now.getTime() + policy.secretExpiryDays * DAY_MS;
  const lastExpiry = Math.max(...working.map((s) => s.expiresAt.getTime()));
  for (const secret of working) {
    if (secret.expiresAt.getTime() > soon) continue;
    const last = secret.expiresAt.getTime() === lastExpiry;
    const left = Math.max(0, Math.ceil((secret.expiresAt.getTime() - now.getTime()) / DAY_MS));
    risks.push({
      kind: 'SECRET_EXPIRING',
      severity: last ? 'HIGH' : 'LOW',
      message: last
        ? `Secret ${secret.id} of ${label} expires in ${left} days (${isoDay(secret.expiresAt)}), and no other secret outlives it: rotate it (rotateServiceAccountSecret) and move its workloads to the new one before then.`
        : `Secret ${secret.id} of ${label} expires in ${left} days (${isoDay(secret.expiresAt)}); a newer secret outlives it. Move what still uses it to the newer one, then delete it.`,
      evidence: { secretId: secret.id, date: secret.expiresAt },
    });
  }
  for (const secret of secrets.filter((s) => s.expiresAt <= now)) {
    risks.push({
      kind: 'SECRET_EXPIRED',
      severity: working.length === 0 ? 'MEDIUM' : 'LOW',
      message:
        working.length === 0
          ? `Secret ${secret.id} of ${label} expired on ${isoDay(secret.expiresAt)} and the account has no working secret: nothing can obtain a token with it. Rotate it to give it one, or delete the account if nothing needs it.`
          : `Secret ${secret.id} of ${label} expired on ${isoDay(secret.expiresAt)} and is still listed: delete it (deleteServiceAccountSecret).`,
      evidence: { secretId: secret.id, date: secret.expiresAt },
    });
  }
  // A secret nobody uses beside one that is used: only while the account itself is in use.
  const inUse = usage.known && usage.lastUsedAt !== undefined && days(now.getTime() - usage.lastUsedAt.getTime()) <= policy.unusedDays;
  if (inUse && working.length > 1) {
    for (const secret of working) {
      const idleSince = secret.lastUsedAt ?? secret.createdAt;
      const idle = days(now.getTime() - idleSince.getTime());
      if (idle <= policy.unusedDays) continue;
      risks.push({
        kind: 'SECRET_UNUSED',
        severity: 'MEDIUM',
        message: secret.lastUsedAt
          ? `Secret ${secret.id} of ${label} last obtained a token ${idle} days ago (${isoDay(secret.lastUsedAt)}), while the account is in use: delete it if nothing uses it.`
          : `Secret ${secret.id} of ${label} was made ${idle} days ago and never obtained a token, while the account is in use: delete it if nothing uses it.`,
        evidence: { secretId: secret.id, date: idleSince },
      });
    }
  }
  return risks;
}
