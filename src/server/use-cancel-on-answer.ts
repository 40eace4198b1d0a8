/**
 * useCancelOnAnswer: no Atlas call starts for an operation that has already been answered.
 * graphql-js keeps resolving fields after an execution's result is settled (the deadline answered
 * first, or an error ended a list early), and a loader batch scheduled then would still go out.
 * Each request gets a signal, given to its Atlas client view (`AtlasClient.withSignal`), that is
 * aborted once its execution has produced the result, once the response is sent, or when the
 * client goes away; calls after that fail without being sent. A call already on the wire is left
 * to finish.
 */
import { setMaxListeners } from 'node:events';
import type { Plugin } from 'graphql-yoga';

export interface CancelOnAnswer extends Plugin {
  /** The signal of this request's answer; the same one for every call with the same request. */
  signalFor(request: Request): AbortSignal;
}

// One reason for every abort: without one, each abort() builds a DOMException with its stack,
// a cost every request would pay.
const ANSWERED = Object.freeze(new Error('The operation has been answered.'));

export function useCancelOnAnswer(): CancelOnAnswer {
  const answered = new WeakMap<Request, AbortController>();
  const controllerFor = (request: Request): AbortController => {
    let controller = answered.get(request);
    if (!controller) {
      controller = new AbortController();
      // Each Atlas read the request waits for listens to it, a hundred at once on a console page
      // (bounded by the cost limit): past Node's default of ten, every request would log a warning.
      setMaxListeners(0, controller.signal);
      answered.set(request, controller);
      const { signal } = request;
      if (signal.aborted) controller.abort(ANSWERED);
      else signal.addEventListener('abort', () => controller!.abort(ANSWERED), { once: true });
    }
    return controller;
  };
  return {
    signalFor: (request) => controllerFor(request).signal,
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      return {
        onExecuteDone() {
          if (request) controllerFor(request).abort(ANSWERED);
        },
      };
    },
    onResponse({ request }) {
      answered.get(request)?.abort(ANSWERED);
    },
  };
}
