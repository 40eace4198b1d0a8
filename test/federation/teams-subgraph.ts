// A Relay-style subgraph of another team, as most company supergraphs have: its own
// `interface Node`, shareable `PageInfo` and `Query.node`, and references to Atlas entities.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

/** Teams own projects and depend on API keys they know by their Atlas ids. */
export function teamsSubgraph(projects: Array<{ id: string; team: string }>, keys: Array<{ orgId: string; id: string; team: string }>) {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
    interface Node { id: ID! }
    type PageInfo @shareable { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
    type Team implements Node @key(fields: "id") { id: ID! name: String! projects: [Project!]! criticalApiKeys: [ApiKey!]! }
    type TeamEdge { node: Team! cursor: String! }
    type TeamConnection { edges: [TeamEdge!]! pageInfo: PageInfo! }
    type Project @key(fields: "atlasId") { atlasId: String! owningTeam: Team }
    type ApiKey @key(fields: "organizationAtlasId atlasId", resolvable: false) { organizationAtlasId: String! atlasId: String! }
    type Query { node(id: ID!): Node teams(first: Int): TeamConnection! }
  `);
  const team = (name: string) => ({
    __typename: 'Team',
    id: `team-${name}`,
    name,
    projects: projects.filter((p) => p.team === name).map((p) => ({ atlasId: p.id })),
    criticalApiKeys: keys.filter((k) => k.team === name).map((k) => ({ organizationAtlasId: k.orgId, atlasId: k.id })),
  });
  const names = [...new Set(projects.map((p) => p.team))];
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Node: { __resolveType: () => 'Team' },
      Query: {
        node: (_root: unknown, { id }: { id: string }) => (names.includes(id.replace(/^team-/, '')) ? team(id.replace(/^team-/, '')) : null),
        teams: () => ({
          edges: names.map((name) => ({ node: team(name), cursor: name })),
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: names[0], endCursor: names.at(-1) },
        }),
      },
      Team: { __resolveReference: (ref: { id: string }) => team(ref.id.replace(/^team-/, '')) },
      Project: {
        __resolveReference: (ref: { atlasId: string }) => ref,
        owningTeam: (project: { atlasId: string }) => {
          const owner = projects.find((p) => p.id === project.atlasId);
          return owner ? team(owner.team) : null;
        },
      },
    } as never,
  });
  return createYoga({ schema, graphqlEndpoint: '/graphql', logging: false });
}
