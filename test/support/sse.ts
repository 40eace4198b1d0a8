/** A GraphQL subscription over Server-Sent Events, read message by message (the "distinct connections" mode of Yoga). */
export interface SseMessage {
  event: string;
  data: unknown;
}

export interface SseSubscription {
  /** The next message, or undefined once the stream ended; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseMessage | undefined>;
  /** The HTTP status of the answer. */
  status: number;
  /** Closes the stream from the client's side. */
  close(): void;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

export async function subscribeSse(fetch: Fetch, url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<SseSubscription> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  const queue: SseMessage[] = [];
  let wake: () => void = () => undefined;

  // Read all the time, as a browser's EventSource does: the server streams only what is read.
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue; // a keep-alive comment
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trim());
          }
          const text = data.join('\n');
          if (text === '' && event === 'message') continue;
          queue.push({ event, data: text === '' ? undefined : JSON.parse(text) });
          wake();
        }
      }
    } catch {
      // Closed by the client.
    }
    ended = true;
    wake();
  })();

  async function fill(): Promise<void> {
    while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
  }

  return {
    status: response.status,
    async next(timeoutMs = 5_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no SSE message within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([fill(), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return queue.shift();
    },
    close() {
      controller.abort();
      void reader.cancel().catch(() => undefined);
    },
  };
}
