/**
 * The three upstream APIs: path prefix, media types per operation, the access-list path segment,
 * and how an existing key is assigned to a project.
 */
export type FlavorName = 'atlas-v2' | 'atlas-v1' | 'ops-manager';

export interface Flavor {
  name: FlavorName;
  basePath: string;
  /** The media type sent in Accept (and Content-Type with a body) for an operation. */
  mediaType(operation: string): string;
  accessListSegment: 'accessList' | 'whitelist';
  /** Atlas assigns with POST and an array body; Ops Manager with PATCH and `{roles}`. */
  assignWith: 'POST' | 'PATCH';
}

/** Versions pinned per v2 operation: every operation here exists only as 2023-01-01. */
export const V2_VERSIONS: Readonly<Record<string, string>> = {};
export const DEFAULT_V2_VERSION = '2023-01-01';

export function flavor(name: FlavorName, options: { accessListSegment?: 'accessList' | 'whitelist' } = {}): Flavor {
  switch (name) {
    case 'atlas-v2':
      return {
        name,
        basePath: '/api/atlas/v2',
        mediaType: (operation) => `application/vnd.atlas.${V2_VERSIONS[operation] ?? DEFAULT_V2_VERSION}+json`,
        accessListSegment: 'accessList',
        assignWith: 'POST',
      };
    case 'atlas-v1':
      return { name, basePath: '/api/atlas/v1.0', mediaType: () => 'application/json', accessListSegment: 'accessList', assignWith: 'POST' };
    case 'ops-manager':
      return {
        name,
        basePath: '/api/public/v1.0',
        mediaType: () => 'application/json',
        accessListSegment: options.accessListSegment ?? 'accessList',
        assignWith: 'PATCH',
      };
  }
}
