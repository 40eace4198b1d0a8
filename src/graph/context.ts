/**
 * The per-request context: the Atlas client view for this caller and fresh loaders. Nothing in
 * it outlives the request.
 */
import type { AtlasClient } from '../atlas/index.js';
import type { Caller } from '../server/auth.js';
import { type LoaderOptions, type Loaders, createLoaders } from './loaders.js';

export interface Context {
  atlas: AtlasClient;
  loaders: Loaders;
  /** The verified caller, when inbound authentication is configured. */
  caller?: Caller;
}

export function createContext(atlas: AtlasClient, options: LoaderOptions = {}, caller?: Caller): Context {
  return { atlas, loaders: createLoaders(atlas, options), ...(caller ? { caller } : {}) };
}
