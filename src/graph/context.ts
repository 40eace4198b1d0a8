/**
 * The per-request context: the Atlas client view for this caller and fresh loaders. Nothing in
 * it outlives the request.
 */
import type { AtlasClient } from '../atlas/index.js';
import type { Caller } from '../server/auth.js';
import { type LoaderOptions, type Loaders, createLoaders } from './loaders.js';
import { DEFAULT_HYGIENE_POLICY, type HygienePolicy } from './risks.js';

export interface Context {
  atlas: AtlasClient;
  loaders: Loaders;
  /** The verified caller, when inbound authentication is configured. */
  caller?: Caller;
  /** The thresholds credentials are judged by (HYGIENE_* settings). */
  hygiene: HygienePolicy;
}

export interface ContextOptions extends LoaderOptions {
  hygiene?: HygienePolicy;
}

export function createContext(atlas: AtlasClient, options: ContextOptions = {}, caller?: Caller): Context {
  return { atlas, loaders: createLoaders(atlas, options), hygiene: options.hygiene ?? DEFAULT_HYGIENE_POLICY, ...(caller ? { caller } : {}) };
}
