/** Checks of Atlas ids in arguments, before any upstream call. */
import { badUserInput } from './errors.js';

const OBJECT_ID = /^[a-f0-9]{24}$/;

/** A 24-hex Atlas id (an 8-character public key is not an API key id). */
export function atlasId(value: string, field: string): string {
  if (!OBJECT_ID.test(value)) {
    const hint = /^[a-z]{8}$/.test(value) ? ' This looks like a public key; pass the API key id.' : '';
    throw badUserInput(`${field} must be a 24-character hexadecimal Atlas id.${hint}`, field);
  }
  return value;
}
