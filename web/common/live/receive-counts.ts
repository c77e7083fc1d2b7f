// The client's half of the seed's count check: how received notifications move `receivedCount` and
// `lastId`, and what a reconnect answer sets them to.
import type { ReconnectAnswer } from '../../../shared/api/clients.ts';

export interface ReceiveCounts {
  /** Notifications received from the server, each id once. */
  receivedCount: number;
  /** Highest id received; the stream and the reconnect check resume after it. */
  lastId: number;
}

/**
 * Counts one notification from the live stream. The server sends ids in increasing order and counts
 * only ids above what it sent before, so an id at or below `lastId` is a resend: not counted, not new.
 */
export function countLive(
  counts: ReceiveCounts,
  id: number,
): { counts: ReceiveCounts; fresh: boolean } {
  if (id <= counts.lastId) return { counts, fresh: false };
  return { counts: { receivedCount: counts.receivedCount + 1, lastId: id }, fresh: true };
}

/**
 * The counts after a reconnect answer. `match` and `tolerated` take the server's sent count (the
 * replayed page included); `resync` starts over from zero at the cursor the server gives.
 */
export function countsAfterReconnect(
  answer: Pick<ReconnectAnswer, 'verdict' | 'sentCount' | 'lastId'>,
): ReceiveCounts {
  if (answer.verdict === 'resync') return { receivedCount: 0, lastId: answer.lastId };
  return { receivedCount: answer.sentCount, lastId: answer.lastId };
}
