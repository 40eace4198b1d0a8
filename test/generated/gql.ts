/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ApiKeyDetail($organizationId: ID!, $id: ID!) {\n  apiKey(organizationId: $organizationId, id: $id) {\n    id\n    atlasId\n    description\n    publicKey\n    maskedPrivateKey\n    organization {\n      atlasId\n      name\n    }\n    organizationRoles {\n      role\n      roleName\n    }\n    projectAssignments {\n      project {\n        atlasId\n        name\n      }\n      roles {\n        role\n        roleName\n      }\n    }\n    accessList(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          ipAddress\n          cidrBlock\n          count\n          created\n          lastUsed\n          lastUsedAddress\n        }\n      }\n    }\n  }\n}": typeof types.ApiKeyDetailDocument,
    "query OrganizationDashboard($id: ID!, $first: Int = 50, $after: String) {\n  organization(id: $id) {\n    id\n    atlasId\n    name\n    projects(first: 100) {\n      totalCount\n      edges {\n        node {\n          atlasId\n          name\n          clusterCount\n          created\n        }\n      }\n    }\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          atlasId\n          description\n          publicKey\n          maskedPrivateKey\n          organizationRoles {\n            role\n            roleName\n          }\n          projectAssignments {\n            project {\n              atlasId\n              name\n            }\n            roles {\n              role\n              roleName\n            }\n          }\n        }\n      }\n    }\n  }\n}": typeof types.OrganizationDashboardDocument,
    "query ProjectApiKeys($id: ID!, $first: Int = 20, $after: String) {\n  project(id: $id) {\n    id\n    atlasId\n    name\n    organization {\n      atlasId\n      name\n    }\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        roles {\n          role\n          roleName\n        }\n        node {\n          id\n          atlasId\n          description\n          publicKey\n        }\n      }\n    }\n  }\n}": typeof types.ProjectApiKeysDocument,
};
const documents: Documents = {
    "query ApiKeyDetail($organizationId: ID!, $id: ID!) {\n  apiKey(organizationId: $organizationId, id: $id) {\n    id\n    atlasId\n    description\n    publicKey\n    maskedPrivateKey\n    organization {\n      atlasId\n      name\n    }\n    organizationRoles {\n      role\n      roleName\n    }\n    projectAssignments {\n      project {\n        atlasId\n        name\n      }\n      roles {\n        role\n        roleName\n      }\n    }\n    accessList(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          ipAddress\n          cidrBlock\n          count\n          created\n          lastUsed\n          lastUsedAddress\n        }\n      }\n    }\n  }\n}": types.ApiKeyDetailDocument,
    "query OrganizationDashboard($id: ID!, $first: Int = 50, $after: String) {\n  organization(id: $id) {\n    id\n    atlasId\n    name\n    projects(first: 100) {\n      totalCount\n      edges {\n        node {\n          atlasId\n          name\n          clusterCount\n          created\n        }\n      }\n    }\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          atlasId\n          description\n          publicKey\n          maskedPrivateKey\n          organizationRoles {\n            role\n            roleName\n          }\n          projectAssignments {\n            project {\n              atlasId\n              name\n            }\n            roles {\n              role\n              roleName\n            }\n          }\n        }\n      }\n    }\n  }\n}": types.OrganizationDashboardDocument,
    "query ProjectApiKeys($id: ID!, $first: Int = 20, $after: String) {\n  project(id: $id) {\n    id\n    atlasId\n    name\n    organization {\n      atlasId\n      name\n    }\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        roles {\n          role\n          roleName\n        }\n        node {\n          id\n          atlasId\n          description\n          publicKey\n        }\n      }\n    }\n  }\n}": types.ProjectApiKeysDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ApiKeyDetail($organizationId: ID!, $id: ID!) {\n  apiKey(organizationId: $organizationId, id: $id) {\n    id\n    atlasId\n    description\n    publicKey\n    maskedPrivateKey\n    organization {\n      atlasId\n      name\n    }\n    organizationRoles {\n      role\n      roleName\n    }\n    projectAssignments {\n      project {\n        atlasId\n        name\n      }\n      roles {\n        role\n        roleName\n      }\n    }\n    accessList(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          ipAddress\n          cidrBlock\n          count\n          created\n          lastUsed\n          lastUsedAddress\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query ApiKeyDetail($organizationId: ID!, $id: ID!) {\n  apiKey(organizationId: $organizationId, id: $id) {\n    id\n    atlasId\n    description\n    publicKey\n    maskedPrivateKey\n    organization {\n      atlasId\n      name\n    }\n    organizationRoles {\n      role\n      roleName\n    }\n    projectAssignments {\n      project {\n        atlasId\n        name\n      }\n      roles {\n        role\n        roleName\n      }\n    }\n    accessList(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          ipAddress\n          cidrBlock\n          count\n          created\n          lastUsed\n          lastUsedAddress\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrganizationDashboard($id: ID!, $first: Int = 50, $after: String) {\n  organization(id: $id) {\n    id\n    atlasId\n    name\n    projects(first: 100) {\n      totalCount\n      edges {\n        node {\n          atlasId\n          name\n          clusterCount\n          created\n        }\n      }\n    }\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          atlasId\n          description\n          publicKey\n          maskedPrivateKey\n          organizationRoles {\n            role\n            roleName\n          }\n          projectAssignments {\n            project {\n              atlasId\n              name\n            }\n            roles {\n              role\n              roleName\n            }\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query OrganizationDashboard($id: ID!, $first: Int = 50, $after: String) {\n  organization(id: $id) {\n    id\n    atlasId\n    name\n    projects(first: 100) {\n      totalCount\n      edges {\n        node {\n          atlasId\n          name\n          clusterCount\n          created\n        }\n      }\n    }\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          atlasId\n          description\n          publicKey\n          maskedPrivateKey\n          organizationRoles {\n            role\n            roleName\n          }\n          projectAssignments {\n            project {\n              atlasId\n              name\n            }\n            roles {\n              role\n              roleName\n            }\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectApiKeys($id: ID!, $first: Int = 20, $after: String) {\n  project(id: $id) {\n    id\n    atlasId\n    name\n    organization {\n      atlasId\n      name\n    }\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        roles {\n          role\n          roleName\n        }\n        node {\n          id\n          atlasId\n          description\n          publicKey\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query ProjectApiKeys($id: ID!, $first: Int = 20, $after: String) {\n  project(id: $id) {\n    id\n    atlasId\n    name\n    organization {\n      atlasId\n      name\n    }\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        roles {\n          role\n          roleName\n        }\n        node {\n          id\n          atlasId\n          description\n          publicKey\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;