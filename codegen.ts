import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the operations in schema/operations, used by the tests. */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/**/*.graphql'],
  emitLegacyCommonJSImports: false,
  generates: {
    'test/generated/': {
      preset: 'client',
      // persistedDocuments: also writes persisted-documents.json, the trusted-documents manifest.
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
};

export default config;
