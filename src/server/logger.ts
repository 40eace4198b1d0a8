/**
 * The one logger (pino, JSON lines). Secrets are redacted by path wherever they could appear:
 * Authorization headers, private keys, client secrets and tokens.
 */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'privateKey',
  '*.privateKey',
  'clientSecret',
  '*.clientSecret',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'access_token',
  '*.access_token',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'atlas-keys-gateway' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

export type { Logger };
