// Page globals that sync-client.ts names and the worker's own library lacks: sync-client.ts is
// compiled with the worker's files too (tsconfig.worker.json), but only the page runs `spawn`.
// eslint-disable-next-line no-var -- a global is declared with var
declare var SharedWorker:
  (new (url: URL, options?: WorkerOptions) => { readonly port: MessagePort }) | undefined;
