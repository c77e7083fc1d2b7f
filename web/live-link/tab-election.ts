// One leader among the open tabs, elected with a Web Lock: the tab holding the lock leads until it
// closes or leaves, then the next tab waiting for the lock takes over.

/**
 * Runs `lead` once this tab holds the lock `name` (from `locks`, i.e. navigator.locks), and keeps
 * holding it until `signal` aborts. Without Web Locks (old browsers) every tab leads.
 */
export function holdLeadership(
  name: string,
  lead: () => void,
  signal: AbortSignal,
  locks: LockManager | undefined,
): void {
  if (!locks) {
    lead();
    return;
  }
  locks
    .request(name, { signal }, async () => {
      if (signal.aborted) return;
      lead();
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    })
    .catch((err: unknown) => {
      // Leaving while still waiting for the lock aborts the request: that is the intended end.
      if (!signal.aborted) throw err;
    });
}
