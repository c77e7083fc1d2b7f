// The live link as a state machine: what the client does when it goes online or offline, when the
// page is shown again, when the stream opens, fails or orders a resync. Pure: the caller performs
// the actions (web/live-link/live-stream.ts), so every path is unit-tested without a browser.

/** What the person sees: the stream is open, the client is checking what it missed, or neither. */
export type LinkStatus = 'live' | 'catching-up' | 'offline';

export interface LinkState {
  status: LinkStatus;
  /** idle: waiting for the network; checking: the reconnect check runs; opening/open: the stream. */
  phase: 'idle' | 'checking' | 'opening' | 'open' | 'waiting-retry';
  /** Failed attempts in a row; the retry delay grows with it. */
  failures: number;
}

export type LinkInput =
  | { type: 'start'; online: boolean }
  | { type: 'went-online' }
  | { type: 'went-offline' }
  /** The page came back from the back/forward cache or was frozen: its stream may be stale. */
  | { type: 'page-shown' }
  | { type: 'caught-up' }
  | { type: 'catch-up-failed'; online: boolean }
  | { type: 'stream-opened' }
  | { type: 'stream-failed'; online: boolean }
  /** The server ended the stream with `event: resync`: run the check, which orders the resync. */
  | { type: 'resync-requested' }
  | { type: 'retry-due' };

export type LinkAction =
  | { type: 'close-stream' }
  | { type: 'catch-up' }
  | { type: 'open-stream' }
  | { type: 'schedule-retry'; delayMs: number }
  | { type: 'cancel-retry' };

export const initialLinkState: LinkState = { status: 'offline', phase: 'idle', failures: 0 };

/** Delay before retry number `failures` (1, 2, …): doubling from 1 s up to 30 s, with jitter. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

const check = (failures: number): { state: LinkState; actions: LinkAction[] } => ({
  state: { status: 'catching-up', phase: 'checking', failures },
  actions: [{ type: 'cancel-retry' }, { type: 'close-stream' }, { type: 'catch-up' }],
});

const fail = (
  state: LinkState,
  online: boolean,
  random: () => number,
): { state: LinkState; actions: LinkAction[] } => {
  if (!online) {
    return {
      state: { status: 'offline', phase: 'idle', failures: 0 },
      actions: [{ type: 'close-stream' }],
    };
  }
  const failures = state.failures + 1;
  return {
    state: { status: 'offline', phase: 'waiting-retry', failures },
    actions: [
      { type: 'close-stream' },
      { type: 'schedule-retry', delayMs: retryDelayMs(failures, random) },
    ],
  };
};

export function stepLink(
  state: LinkState,
  input: LinkInput,
  random: () => number = Math.random,
): { state: LinkState; actions: LinkAction[] } {
  const none = { state, actions: [] as LinkAction[] };
  switch (input.type) {
    case 'start':
      return input.online
        ? check(0)
        : { state: { status: 'offline', phase: 'idle', failures: 0 }, actions: [] };
    case 'went-online':
    case 'page-shown':
      // A check already under way covers this; otherwise catch up before (re)opening the stream.
      return state.phase === 'checking' ? none : check(state.failures);
    case 'resync-requested':
      return check(state.failures);
    case 'went-offline':
      return {
        state: { status: 'offline', phase: 'idle', failures: 0 },
        actions: [{ type: 'cancel-retry' }, { type: 'close-stream' }],
      };
    case 'caught-up':
      if (state.phase !== 'checking') return none;
      return {
        state: { ...state, phase: 'opening' },
        actions: [{ type: 'open-stream' }],
      };
    case 'catch-up-failed':
      return state.phase === 'checking' ? fail(state, input.online, random) : none;
    case 'stream-opened':
      if (state.phase !== 'opening') return none;
      return { state: { status: 'live', phase: 'open', failures: 0 }, actions: [] };
    case 'stream-failed':
      if (state.phase !== 'opening' && state.phase !== 'open') return none;
      return fail(state, input.online, random);
    case 'retry-due':
      return state.phase === 'waiting-retry' ? check(state.failures) : none;
  }
}
