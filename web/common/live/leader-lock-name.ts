// The Web Lock whose holder (the leader tab) runs the client's live stream; the service worker asks
// whether it is held before doing the stream's work itself.

export const leaderLockName = (clientId: string): string => `cubby-live:${clientId}`;

/** True when some tab of this browser holds the client's stream right now. */
export async function leaderPresent(
  clientId: string,
  locks: LockManager | undefined,
): Promise<boolean> {
  if (!locks) return false;
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === leaderLockName(clientId));
}
