/**
 * The REST shapes of the Atlas Admin API for programmatic API keys, checked at the boundary with
 * zod. Lenient where Atlas is: unknown fields are dropped, `count` may be 0, `lastUsed` may be
 * missing, and role names are open strings (Atlas adds roles over time).
 */
import { z } from 'zod';

const link = z.object({ rel: z.string().optional(), href: z.string().optional() });

export const roleAssignmentSchema = z.object({
  orgId: z.string().optional(),
  groupId: z.string().optional(),
  roleName: z.string(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  isDeleted: z.boolean().optional(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  created: z.string().optional(),
  clusterCount: z.number().optional(),
});
export type Project = z.infer<typeof projectSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  desc: z.string().optional(),
  publicKey: z.string(),
  /** Masked (`********-****-****-` + last 12) except in the create responses. */
  privateKey: z.string().optional(),
  roles: z.array(roleAssignmentSchema).default([]),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const accessListEntrySchema = z.object({
  ipAddress: z.string().optional(),
  cidrBlock: z.string().optional(),
  count: z.number().optional(),
  created: z.string().optional(),
  lastUsed: z.string().optional(),
  lastUsedAddress: z.string().optional(),
});
export type AccessListEntry = z.infer<typeof accessListEntrySchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    results: z.array(item),
    totalCount: z.number().optional(),
    links: z.array(link).optional(),
  });
}
export interface Page<T> {
  results: T[];
  /** Atlas' estimate of the whole list's length; absent when `includeCount` was false. */
  totalCount?: number;
  /** Whether Atlas linked a next page. */
  hasNext: boolean;
}

export interface PageRequest {
  pageNum?: number;
  itemsPerPage?: number;
  includeCount?: boolean;
}

/** One access list entry to add: an address or a CIDR block. */
export type AccessListInput = { ipAddress: string } | { cidrBlock: string };
