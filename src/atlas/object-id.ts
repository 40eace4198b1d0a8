/**
 * Atlas ids are MongoDB ObjectIds: their first 4 bytes are the creation time in whole seconds
 * (big-endian). A key created by a request whose answer was lost can be told from older ones by it.
 */
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** The creation time an ObjectId carries, to the second; undefined for anything else. */
export function objectIdTime(id: string): Date | undefined {
  if (!OBJECT_ID.test(id)) return undefined;
  return new Date(Number.parseInt(id.slice(0, 8), 16) * 1000);
}
