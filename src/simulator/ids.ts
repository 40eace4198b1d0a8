/**
 * Identifier sources: random for resources created through the API, and a deterministic
 * stream (mulberry32) for seeds, so the demo data has the same ids on every start.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface IdSource {
  /** A 24-hex id, like every Atlas org, project and API key id. */
  objectId(): string;
  /** An 8-character lowercase public key. */
  publicKey(): string;
  /** A private key in UUID layout, like Atlas issues. */
  privateKey(): string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export const randomIds: IdSource = {
  objectId: () => randomBytes(12).toString('hex'),
  publicKey: () => Array.from(randomBytes(8), (b) => LETTERS[b % 26]).join(''),
  privateKey: () => randomUUID(),
};

export function seededIds(seed: number): IdSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    objectId: () => hex(24),
    publicKey: () => Array.from({ length: 8 }, () => LETTERS[Math.floor(next() * 26)]).join(''),
    privateKey: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
  };
}
