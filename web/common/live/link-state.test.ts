import { describe, expect, it } from 'vitest';
import {
  initialLinkState,
  retryDelayMs,
  stepLink,
  type LinkInput,
  type LinkState,
} from './link-state.ts';

const half = () => 0.5;

/** From the start to live: the check succeeds and the stream opens. */
const goingLive: LinkInput[] = [
  { type: 'start', online: true },
  { type: 'caught-up' },
  { type: 'stream-opened' },
];

/** Runs inputs from the initial state; returns the final state and every action type, in order. */
function run(inputs: LinkInput[], from: LinkState = initialLinkState) {
  let state = from;
  const actions: string[] = [];
  for (const input of inputs) {
    const step = stepLink(state, input, half);
    state = step.state;
    actions.push(...step.actions.map((a) => a.type));
  }
  return { state, actions };
}

describe('the live link', () => {
  it('runs the reconnect check before opening the stream, then shows live', () => {
    const { state, actions } = run(goingLive);
    expect(actions).toEqual(['cancel-retry', 'close-stream', 'catch-up', 'open-stream']);
    expect(state.status).toBe('live');
  });

  it('shows catching up while the check runs', () => {
    expect(run([{ type: 'start', online: true }]).state.status).toBe('catching-up');
  });

  it('starts offline without touching the network when the browser is offline', () => {
    const { state, actions } = run([{ type: 'start', online: false }]);
    expect(state.status).toBe('offline');
    expect(actions).toEqual([]);
  });

  it('closes the stream on going offline and checks again on coming back', () => {
    const live = run(goingLive).state;
    const away = run([{ type: 'went-offline' }], live);
    expect(away.state.status).toBe('offline');
    expect(away.actions).toContain('close-stream');
    const back = run([{ type: 'went-online' }], away.state);
    expect(back.state.status).toBe('catching-up');
    expect(back.actions).toEqual(['cancel-retry', 'close-stream', 'catch-up']);
  });

  it('runs the check whenever the stream reconnects, never reopening it directly', () => {
    const live = run(goingLive).state;
    const failed = stepLink(live, { type: 'stream-failed', online: true }, half);
    expect(failed.state.status).toBe('offline');
    expect(failed.actions).toEqual([
      { type: 'close-stream' },
      { type: 'schedule-retry', delayMs: 1000 },
    ]);
    const retried = run([{ type: 'retry-due' }], failed.state);
    expect(retried.actions).toContain('catch-up');
    expect(retried.actions).not.toContain('open-stream');
  });

  it('backs off longer after each failure in a row, and starts over once live', () => {
    let state = run([{ type: 'start', online: true }]).state;
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const step = stepLink(state, { type: 'catch-up-failed', online: true }, half);
      const retry = step.actions.find((a) => a.type === 'schedule-retry');
      delays.push(retry && 'delayMs' in retry ? retry.delayMs : -1);
      state = stepLink(step.state, { type: 'retry-due' }, half).state;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    state = run([{ type: 'caught-up' }, { type: 'stream-opened' }], state).state;
    expect(state.failures).toBe(0);
  });

  it('answers a resync from the stream with the check (which orders the resync)', () => {
    const live = run(goingLive).state;
    const { state, actions } = run([{ type: 'resync-requested' }], live);
    expect(state.status).toBe('catching-up');
    expect(actions).toEqual(['cancel-retry', 'close-stream', 'catch-up']);
  });

  it('runs one check at a time: going online during a check changes nothing', () => {
    const checking = run([{ type: 'start', online: true }]).state;
    expect(run([{ type: 'went-online' }, { type: 'page-shown' }], checking).actions).toEqual([]);
  });

  it('checks again when the page is shown after being frozen or cached', () => {
    const live = run(goingLive).state;
    expect(run([{ type: 'page-shown' }], live).actions).toContain('catch-up');
  });

  it('ignores late results that belong to an abandoned attempt', () => {
    const offline = run([{ type: 'start', online: true }, { type: 'went-offline' }]).state;
    expect(run([{ type: 'caught-up' }, { type: 'stream-opened' }], offline)).toEqual({
      state: offline,
      actions: [],
    });
  });

  it('waits for the network instead of retrying when the browser is offline', () => {
    const checking = run([{ type: 'start', online: true }]).state;
    const { state, actions } = run([{ type: 'catch-up-failed', online: false }], checking);
    expect(state).toEqual({ status: 'offline', phase: 'idle', failures: 0 });
    expect(actions).not.toContain('schedule-retry');
  });
});

describe('retryDelayMs', () => {
  it('doubles from one second to at most thirty, with jitter of a quarter either way', () => {
    expect(retryDelayMs(1, half)).toBe(1000);
    expect(retryDelayMs(3, half)).toBe(4000);
    expect(retryDelayMs(20, half)).toBe(30_000);
    expect(retryDelayMs(1, () => 0)).toBe(750);
    expect(retryDelayMs(1, () => 1)).toBe(1250);
  });
});
