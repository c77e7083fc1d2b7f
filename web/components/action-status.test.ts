import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../common/api/api-error.ts';
import { ActionStatus } from './action-status.ts';

function host() {
  const seen = { updates: 0 };
  const fake: ReactiveControllerHost = {
    addController: (_: ReactiveController) => undefined,
    removeController: () => undefined,
    requestUpdate: () => void seen.updates++,
    updateComplete: Promise.resolve(true),
  };
  return { fake, seen };
}

describe('ActionStatus', () => {
  it('is busy while the action runs, then shows what it did', async () => {
    const { fake, seen } = host();
    const action = new ActionStatus(fake);
    let finish = (_: string) => undefined as void;
    const running = action.run(() => new Promise<string>((resolve) => (finish = resolve)));
    expect(action.isBusy()).toBe(true);
    finish('Created the folder.');
    expect(await running).toBe(true);
    expect(action.isBusy()).toBe(false);
    expect(action.status).toBe('Created the folder.');
    expect(action.error).toBe('');
    expect(seen.updates).toBeGreaterThan(0);
  });

  it('says a failure in words with what could not be done, and clears it at the next run', async () => {
    const action = new ActionStatus(host().fake);
    const failed = await action.run(
      () => Promise.reject(new ApiError(409, 'key_exists', 'A file named a.txt is here already.')),
      { failure: 'Could not rename “b.txt”' },
    );
    expect(failed).toBe(false);
    expect(action.error).toBe('Could not rename “b.txt”: A file named a.txt is here already.');
    await action.run(async () => undefined);
    expect(action.error).toBe('');
  });

  it('shows the error’s own message when no words for the failure are given', async () => {
    const action = new ActionStatus(host().fake);
    await action.run(() => Promise.reject(new Error('Wrong username or password.')));
    expect(action.error).toBe('Wrong username or password.');
  });

  it('tells which of several actions runs by its key', async () => {
    const action = new ActionStatus(host().fake);
    let finish = () => undefined as void;
    const running = action.run(() => new Promise<void>((resolve) => (finish = resolve)), {
      key: 'invite-1',
    });
    expect(action.isBusy('invite-1')).toBe(true);
    expect(action.isBusy('invite-2')).toBe(false);
    finish();
    await running;
    expect(action.isBusy('invite-1')).toBe(false);
  });
});
