// Page globals that sync-client.ts names and the worker's own library lacks: sync-client.ts is
// compiled with the worker's files too (tsconfig.worker.json), but only the page runs `spawn`.
declare var SharedWorker:
  // eslint-disable-line no-var
  (new (url: URL, options?: WorkerOptions) => { readonly port: MessagePort }) | undefined;
