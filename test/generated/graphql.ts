/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 8601 timestamp in UTC, e.g. 2024-01-31T12:00:00Z. */
  DateTime: { input: string; output: string; }
};

/** An entry of an API key's access list: the key may be used only from listed addresses. */
export type AccessListEntry = Node & {
  __typename?: 'AccessListEntry';
  /** The key the entry belongs to. */
  apiKey: ApiKey;
  /** The entry as a CIDR block (a single IPv4 address shows as /32). */
  cidrBlock?: Maybe<Scalars['String']['output']>;
  /** Requests made from lastUsedAddress through this entry (0 until it is used). */
  count: Scalars['Int']['output'];
  /** When the entry was added. */
  created?: Maybe<Scalars['DateTime']['output']>;
  /** Global id of the entry; it carries the key and the organization. */
  id: Scalars['ID']['output'];
  /** The address, when the entry is a single address. */
  ipAddress?: Maybe<Scalars['String']['output']>;
  /** When the key was last used through this entry. */
  lastUsed?: Maybe<Scalars['DateTime']['output']>;
  /** The address of the last request through this entry. */
  lastUsedAddress?: Maybe<Scalars['String']['output']>;
};

/** A page of access list entries. */
export type AccessListEntryConnection = {
  __typename?: 'AccessListEntryConnection';
  /** The items of this page, with their cursors. */
  edges: Array<AccessListEntryEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many entries there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An access list entry in a page. */
export type AccessListEntryEdge = {
  __typename?: 'AccessListEntryEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: AccessListEntry;
};

/** A programmatic API key of an organization. Its private key is never readable here: Atlas shows it once, when it is created. */
export type ApiKey = Node & {
  __typename?: 'ApiKey';
  /** The key's IP access list. An empty list lets the key be used from anywhere unless the organization requires one. */
  accessList: AccessListEntryConnection;
  /** The 24-hexadecimal Atlas id of the key (its apiUserId). */
  atlasId: Scalars['String']['output'];
  /** What the key is for. */
  description: Scalars['String']['output'];
  /** Global id of the key; it carries the organization id. */
  id: Scalars['ID']['output'];
  /** The private key as Atlas shows it after creation: masked, with only its last 12 characters. */
  maskedPrivateKey?: Maybe<Scalars['String']['output']>;
  /** The organization the key belongs to. */
  organization: Organization;
  /** The key's roles in its organization. */
  organizationRoles: Array<OrganizationRoleAssignment>;
  /** The projects the key is assigned to, each with its roles there. */
  projectAssignments: Array<ProjectAssignment>;
  /** The public key: the Digest user name. */
  publicKey: Scalars['String']['output'];
};


/** A programmatic API key of an organization. Its private key is never readable here: Atlas shows it once, when it is created. */
export type ApiKeyAccessListArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of API keys. */
export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  /** The items of this page, with their cursors. */
  edges: Array<ApiKeyEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many API keys there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An API key in a page. */
export type ApiKeyEdge = {
  __typename?: 'ApiKeyEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ApiKey;
};

/** An object with a global id that `node` and `nodes` can fetch. */
export type Node = {
  /** Global id of the object, usable with node and nodes. */
  id: Scalars['ID']['output'];
};

/** An Atlas organization: it owns projects and programmatic API keys. */
export type Organization = Node & {
  __typename?: 'Organization';
  /** The organization's programmatic API keys. */
  apiKeys: ApiKeyConnection;
  /** The 24-hexadecimal Atlas id of the organization. */
  atlasId: Scalars['String']['output'];
  /** Global id of the organization (for node queries and caches). */
  id: Scalars['ID']['output'];
  /** Whether the organization has been deleted. */
  isDeleted: Scalars['Boolean']['output'];
  /** Human-readable name of the organization. */
  name: Scalars['String']['output'];
  /** The organization's projects. */
  projects: ProjectConnection;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of organizations. */
export type OrganizationConnection = {
  __typename?: 'OrganizationConnection';
  /** The items of this page, with their cursors. */
  edges: Array<OrganizationEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many organizations there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An organization in a page. */
export type OrganizationEdge = {
  __typename?: 'OrganizationEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Organization;
};

/** A role an API key can hold in its organization. UNKNOWN stands for a role this gateway does not know yet. */
export type OrganizationRole =
  /** Organization Billing Admin: manages billing. */
  | 'ORG_BILLING_ADMIN'
  /** Organization Billing Viewer: reads billing. */
  | 'ORG_BILLING_READ_ONLY'
  /** Organization Project Creator: may create projects. */
  | 'ORG_GROUP_CREATOR'
  /** Organization Member: read access to the organization. */
  | 'ORG_MEMBER'
  /** Organization Owner: full control of the organization, its keys and every project. */
  | 'ORG_OWNER'
  /** Organization Read Only: reads the organization and every project. */
  | 'ORG_READ_ONLY'
  /** Organization Stream Processing Admin. */
  | 'ORG_STREAM_PROCESSING_ADMIN'
  /** Organization User Admin (Ops Manager): manages users and API keys. */
  | 'ORG_USER_ADMIN'
  /** A role Atlas reported that this gateway does not know; see roleName. */
  | 'UNKNOWN';

/** A role an API key holds in its organization. */
export type OrganizationRoleAssignment = {
  __typename?: 'OrganizationRoleAssignment';
  /** The role; UNKNOWN for a role this gateway does not know yet. */
  role: OrganizationRole;
  /** The role name exactly as Atlas reports it. */
  roleName: Scalars['String']['output'];
};

/** Where a page of a connection sits in the whole list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of this page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items come before this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of this page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** An Atlas project (a "group" in the Admin API) in an organization. */
export type Project = Node & {
  __typename?: 'Project';
  /** The API keys assigned to the project; each edge carries the roles the key has here. */
  apiKeys: ProjectApiKeyConnection;
  /** The 24-hexadecimal Atlas id of the project (its group id). */
  atlasId: Scalars['String']['output'];
  /** How many clusters the project has. */
  clusterCount: Scalars['Int']['output'];
  /** When the project was created. */
  created?: Maybe<Scalars['DateTime']['output']>;
  /** Global id of the project. */
  id: Scalars['ID']['output'];
  /** Human-readable name of the project. */
  name: Scalars['String']['output'];
  /** The organization the project belongs to. */
  organization: Organization;
};


/** An Atlas project (a "group" in the Admin API) in an organization. */
export type ProjectApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of the API keys of a project. */
export type ProjectApiKeyConnection = {
  __typename?: 'ProjectApiKeyConnection';
  /** The items of this page, with their cursors. */
  edges: Array<ProjectApiKeyEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many API keys there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An API key assigned to a project, with its roles there. */
export type ProjectApiKeyEdge = {
  __typename?: 'ProjectApiKeyEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ApiKey;
  /** The key's roles in this project. */
  roles: Array<ProjectRoleAssignment>;
};

/** A project an API key is assigned to, with its roles there. */
export type ProjectAssignment = {
  __typename?: 'ProjectAssignment';
  /** The project. */
  project: Project;
  /** The key's roles in the project. */
  roles: Array<ProjectRoleAssignment>;
};

/** A page of projects. */
export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  /** The items of this page, with their cursors. */
  edges: Array<ProjectEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many projects there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** A project in a page. */
export type ProjectEdge = {
  __typename?: 'ProjectEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Project;
};

/** A role an API key can hold in a project (Atlas and Ops Manager roles). UNKNOWN stands for a role this gateway does not know yet. */
export type ProjectRole =
  /** The GROUP_AUTOMATION_ADMIN project role. */
  | 'GROUP_AUTOMATION_ADMIN'
  /** The GROUP_BACKUP_ADMIN project role. */
  | 'GROUP_BACKUP_ADMIN'
  /** The GROUP_BACKUP_MANAGER project role. */
  | 'GROUP_BACKUP_MANAGER'
  /** The GROUP_CLUSTER_MANAGER project role. */
  | 'GROUP_CLUSTER_MANAGER'
  /** The GROUP_DATABASE_ACCESS_ADMIN project role. */
  | 'GROUP_DATABASE_ACCESS_ADMIN'
  /** The GROUP_DATA_ACCESS_ADMIN project role. */
  | 'GROUP_DATA_ACCESS_ADMIN'
  /** The GROUP_DATA_ACCESS_READ_ONLY project role. */
  | 'GROUP_DATA_ACCESS_READ_ONLY'
  /** The GROUP_DATA_ACCESS_READ_WRITE project role. */
  | 'GROUP_DATA_ACCESS_READ_WRITE'
  /** The GROUP_MONITORING_ADMIN project role. */
  | 'GROUP_MONITORING_ADMIN'
  /** The GROUP_OBSERVABILITY_VIEWER project role. */
  | 'GROUP_OBSERVABILITY_VIEWER'
  /** The GROUP_OWNER project role. */
  | 'GROUP_OWNER'
  /** The GROUP_READ_ONLY project role. */
  | 'GROUP_READ_ONLY'
  /** The GROUP_SEARCH_INDEX_EDITOR project role. */
  | 'GROUP_SEARCH_INDEX_EDITOR'
  /** The GROUP_STREAM_PROCESSING_OWNER project role. */
  | 'GROUP_STREAM_PROCESSING_OWNER'
  /** The GROUP_USER_ADMIN project role. */
  | 'GROUP_USER_ADMIN'
  /** A role Atlas reported that this gateway does not know; see roleName. */
  | 'UNKNOWN';

/** A role an API key holds in a project. */
export type ProjectRoleAssignment = {
  __typename?: 'ProjectRoleAssignment';
  /** The role; UNKNOWN for a role this gateway does not know yet. */
  role: ProjectRole;
  /** The role name exactly as Atlas reports it. */
  roleName: Scalars['String']['output'];
};

/** Reads over organizations, projects, programmatic API keys and their access lists. */
export type Query = {
  __typename?: 'Query';
  /** One API key by its organization and Atlas id; null, with a NOT_FOUND error, when there is none. */
  apiKey?: Maybe<ApiKey>;
  /** Fetches an object by its global id. */
  node?: Maybe<Node>;
  /** Fetches objects by their global ids, in order; null where an id names nothing. */
  nodes: Array<Maybe<Node>>;
  /** One organization by its Atlas id; null, with a NOT_FOUND error, when there is none. */
  organization?: Maybe<Organization>;
  /** Organizations the credentials can see. */
  organizations: OrganizationConnection;
  /** One project by its Atlas id; null, with a NOT_FOUND error, when there is none. */
  project?: Maybe<Project>;
};


/** Reads over organizations, projects, programmatic API keys and their access lists. */
export type QueryApiKeyArgs = {
  id: Scalars['ID']['input'];
  organizationId: Scalars['ID']['input'];
};


/** Reads over organizations, projects, programmatic API keys and their access lists. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Reads over organizations, projects, programmatic API keys and their access lists. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Reads over organizations, projects, programmatic API keys and their access lists. */
export type QueryOrganizationArgs = {
  id: Scalars['ID']['input'];
};


/** Reads over organizations, projects, programmatic API keys and their access lists. */
export type QueryOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads over organizations, projects, programmatic API keys and their access lists. */
export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};

export type ApiKeyDetailQueryVariables = Exact<{
  organizationId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
}>;


export type ApiKeyDetailQuery = { __typename?: 'Query', apiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organization: { __typename?: 'Organization', atlasId: string, name: string }, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole, roleName: string }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string, name: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole, roleName: string }> }>, accessList: { __typename?: 'AccessListEntryConnection', totalCount?: number | null, edges: Array<{ __typename?: 'AccessListEntryEdge', node: { __typename?: 'AccessListEntry', id: string, ipAddress?: string | null, cidrBlock?: string | null, count: number, created?: string | null, lastUsed?: string | null, lastUsedAddress?: string | null } }> } } | null };

export type OrganizationDashboardQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type OrganizationDashboardQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', id: string, atlasId: string, name: string, projects: { __typename?: 'ProjectConnection', totalCount?: number | null, edges: Array<{ __typename?: 'ProjectEdge', node: { __typename?: 'Project', atlasId: string, name: string, clusterCount: number, created?: string | null } }> }, apiKeys: { __typename?: 'ApiKeyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ApiKeyEdge', node: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole, roleName: string }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string, name: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole, roleName: string }> }> } }> } } | null };

export type ProjectApiKeysQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProjectApiKeysQuery = { __typename?: 'Query', project?: { __typename?: 'Project', id: string, atlasId: string, name: string, organization: { __typename?: 'Organization', atlasId: string, name: string }, apiKeys: { __typename?: 'ProjectApiKeyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProjectApiKeyEdge', roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole, roleName: string }>, node: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string } }> } } | null };


export const ApiKeyDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeyDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddress"}},{"kind":"Field","name":{"kind":"Name","value":"cidrBlock"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsed"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAddress"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ApiKeyDetailQuery, ApiKeyDetailQueryVariables>;
export const OrganizationDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clusterCount"}},{"kind":"Field","name":{"kind":"Name","value":"created"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationDashboardQuery, OrganizationDashboardQueryVariables>;
export const ProjectApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectApiKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectApiKeysQuery, ProjectApiKeysQueryVariables>;