import { describe, expect, it } from 'vitest';
import { holdLeadership } from './tab-election.ts';

/** An exclusive LockManager in memory: requests wait in order; an aborted waiting request rejects. */
function fakeLocks(): LockManager {
  const queues = new Map<string, (() => void)[]>();
  const held = new Set<string>();
  const release = (name: string) => {
    held.delete(name);
    queues.get(name)?.shift()?.();
  };
  const request = (name: string, options: LockOptions, callback: LockGrantedCallback<unknown>) =>
    new Promise((resolve, reject) => {
      const grant = () => {
        held.add(name);
        Promise.resolve(callback({ name, mode: 'exclusive' } as Lock)).then(
          (value) => {
            release(name);
            resolve(value);
          },
          (err: unknown) => {
            release(name);
            reject(err);
          },
        );
      };
      if (!held.has(name)) return grant();
      const queue = queues.get(name) ?? [];
      queues.set(name, queue);
      queue.push(grant);
      options.signal?.addEventListener('abort', () => {
        const i = queue.indexOf(grant);
        if (i >= 0) queue.splice(i, 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  return { request, query: async () => ({ held: [], pending: [] }) } as unknown as LockManager;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('holdLeadership', () => {
  it('lets one tab lead at a time and hands over when the leader leaves', async () => {
    const locks = fakeLocks();
    const leaders: string[] = [];
    const tabs = ['a', 'b', 'c'].map((name) => {
      const leave = new AbortController();
      holdLeadership('live', () => leaders.push(name), leave.signal, locks);
      return leave;
    });
    await tick();
    expect(leaders).toEqual(['a']);
    tabs[0]!.abort();
    await tick();
    expect(leaders).toEqual(['a', 'b']);
    tabs[2]!.abort(); // leaves while still waiting: never leads
    tabs[1]!.abort();
    await tick();
    expect(leaders).toEqual(['a', 'b']);
  });

  it('leads at once where Web Locks are missing', () => {
    let led = false;
    holdLeadership('live', () => (led = true), new AbortController().signal, undefined);
    expect(led).toBe(true);
  });
});
