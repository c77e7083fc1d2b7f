// The worker's side of the bridge: runs each call on the SyncApi with its own AbortController.
import type { SyncApi, SyncEvent, SyncMethod } from '../common/sync-client/sync-api.ts';
import type { FromWorker, ToWorker, WorkerFailure } from '../common/sync-client/sync-messages.ts';

/** What the worker listens on and answers through: the worker's global scope, or a MessagePort. */
export interface SyncPort {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}

/** Serves `api` on `port` until the worker ends; answers the way to tell the page of an event. */
export function serveSyncApi(port: SyncPort, api: SyncApi): (event: SyncEvent) => void {
  const running = new Map<number, AbortController>();
  port.addEventListener('message', ({ data }) => {
    if (data.type === 'abort') {
      running.get(data.id)?.abort(new DOMException('The call was aborted.', 'AbortError'));
      return;
    }
    const controller = new AbortController();
    running.set(data.id, controller);
    void run(api, data.method, data.request, controller.signal)
      .then(
        (value): FromWorker => ({ type: 'answer', id: data.id, value }),
        (err: unknown): FromWorker => ({ type: 'failure', id: data.id, error: failureOf(err) }),
      )
      .then((message) => {
        running.delete(data.id);
        port.postMessage(message);
      });
  });
  return (event) => port.postMessage({ type: 'event', event });
}

function run(api: SyncApi, method: SyncMethod, request: unknown, signal: AbortSignal) {
  const call = api[method] as (request: unknown, signal: AbortSignal) => Promise<unknown>;
  if (typeof call !== 'function') return Promise.reject(new Error(`No method ${method}.`));
  return call.call(api, request, signal);
}

function failureOf(err: unknown): WorkerFailure {
  const e = err instanceof Error ? err : new Error(String(err));
  const coded = e as Error & { code?: unknown; status?: unknown };
  return {
    name: e.name,
    message: e.message,
    code: typeof coded.code === 'string' ? coded.code : 'internal',
    status: typeof coded.status === 'number' ? coded.status : 0,
  };
}
