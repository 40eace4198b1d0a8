/**
 * Identifier sources: random for resources created through the API, and a deterministic
 * stream (mulberry32) for seeds, so the demo data has the same ids on every start.
 *
 * Ids are ObjectIds, as Atlas's are: 4 bytes of creation time in seconds (big-endian), 5 bytes
 * that identify the process (random), then a 3-byte counter. The creation time of an org,
 * project or key can be read back from its id with `objectIdTime`, as it can from Atlas's.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface IdSource {
  /** A 24-hex ObjectId whose first 4 bytes are `createdAt` in seconds. */
  objectId(createdAt?: Date): string;
  /** An 8-character lowercase public key. */
  publicKey(): string;
  /** A private key in UUID layout, like Atlas issues. */
  privateKey(): string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0');

/** An ObjectId from its three parts: seconds (32 bits), a 10-hex process part and a 24-bit counter. */
function objectId(createdAt: Date, processHex: string, counter: number): string {
  const seconds = Math.floor(createdAt.getTime() / 1000);
  if (!(seconds >= 0 && seconds <= 0xffffffff)) throw new RangeError('An ObjectId time must fall between 1970 and 2106.');
  return `${hex(seconds, 8)}${processHex}${hex(counter & 0xffffff, 6)}`;
}

/** The creation time an ObjectId carries (whole seconds). */
export function objectIdTime(id: string): Date {
  return new Date(Number.parseInt(id.slice(0, 8), 16) * 1000);
}

const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

export const randomIds: IdSource = {
  objectId: (createdAt = new Date()) => objectId(createdAt, processPart, (counter = (counter + 1) & 0xffffff)),
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
  const hexDigits = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  const seededProcess = hexDigits(10);
  let seededCounter = Math.floor(next() * 0x1000000);
  return {
    objectId: (createdAt = new Date(Date.UTC(2023, 0, 1))) => objectId(createdAt, seededProcess, (seededCounter = (seededCounter + 1) & 0xffffff)),
    publicKey: () => Array.from({ length: 8 }, () => LETTERS[Math.floor(next() * 26)]).join(''),
    privateKey: () => `${hexDigits(8)}-${hexDigits(4)}-4${hexDigits(3)}-${'89ab'[Math.floor(next() * 4)]}${hexDigits(3)}-${hexDigits(12)}`,
  };
}

/** The admin key is no key of the state: its events and "who am I" name it by a stable 24-hex id derived from its public key. */
export const adminKeyId = (publicKey: string): string => createHash('sha256').update(publicKey).digest('hex').slice(0, 24);
