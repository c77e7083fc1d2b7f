// The reconnect check (the seed's FIG. 10, client side): send the counts, apply the verdict, and
// repeat while the server says more pages wait.
import type { ReconnectAnswer, ReconnectRequest, Verdict } from '../../../shared/api/clients.ts';
import type { InboxEntry } from '../inbox/inbox-entry.ts';
import type { ReceiveCounts } from './receive-counts.ts';

/** What the check needs from the outside world: the server, and where counts and inbox are kept. */
export interface CatchUpPort {
  loadCounts(): Promise<ReceiveCounts | undefined>;
  reconnect(request: ReconnectRequest, signal?: AbortSignal): Promise<ReconnectAnswer>;
  /** Stores the answer's notifications and counts together; returns the entries that were new. */
  record(answer: ReconnectAnswer): Promise<InboxEntry[]>;
}

export interface CatchUpResult {
  /** `resync` if any page ordered one, else the last page's verdict; `none` when nobody is signed in. */
  verdict: Verdict | 'none';
  added: InboxEntry[];
  /** The counts after the check. */
  counts: ReceiveCounts | undefined;
}

/** A bound on pages per check, so a server that always says `more` cannot keep the client looping. */
export const maxPagesPerCheck = 100;

export async function catchUp(port: CatchUpPort, signal?: AbortSignal): Promise<CatchUpResult> {
  const added: InboxEntry[] = [];
  let verdict: CatchUpResult['verdict'] = 'none';
  let counts = await port.loadCounts();
  for (let page = 0; counts && page < maxPagesPerCheck; page++) {
    signal?.throwIfAborted();
    const answer = await port.reconnect(
      { receivedCount: counts.receivedCount, lastId: counts.lastId },
      signal,
    );
    added.push(...(await port.record(answer)));
    verdict = answer.verdict;
    counts = await port.loadCounts();
    if (answer.verdict === 'resync' || !answer.more) break;
  }
  return { verdict, added, counts };
}
