declare module 'http-auth' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface DigestOptions {
    realm: string;
    file: string | (() => string);
    algorithm?: 'MD5' | 'MD5-sess';
    qop?: 'auth' | 'none';
  }
  interface Checker {
    check(handler: (req: IncomingMessage & { user?: string }, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void;
  }
  export function digest(options: DigestOptions): Checker;
  const auth: { digest: typeof digest };
  export default auth;
}
