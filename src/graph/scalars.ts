/** The DateTime scalar: ISO 8601 timestamps in UTC, as Atlas writes them. */
import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

function parse(value: unknown): Date {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new GraphQLError('DateTime must be an ISO 8601 timestamp such as 2024-01-31T12:00:00Z.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value);
}

export const DateTimeScalar = builder.scalarType('DateTime', {
  description: 'An ISO 8601 timestamp in UTC, e.g. 2024-01-31T12:00:00Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString().replace(/\.000Z$/, 'Z') : String(value)),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
