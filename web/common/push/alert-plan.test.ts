import { describe, expect, it } from 'vitest';
import { planAlert, type AlertContext } from './alert-plan.ts';

const push = (over: Partial<AlertContext> = {}): AlertContext => ({
  how: 'push',
  mode: 'alert',
  alreadyInInbox: false,
  windowVisible: false,
  ...over,
});

describe('planAlert', () => {
  it('alerts for a new push on a key set to alert', () => {
    expect(planAlert(push())).toEqual({ show: true, silent: false, renotify: true });
  });

  it('treats a key with no choice made here as alert', () => {
    expect(planAlert(push({ mode: undefined })).silent).toBe(false);
  });

  it('always shows a push while no window is visible, quietly for a silent key', () => {
    expect(planAlert(push({ mode: 'silent' }))).toEqual({
      show: true,
      silent: true,
      renotify: false,
    });
    expect(planAlert(push({ mode: 'off' })).show).toBe(true);
  });

  it('does not alert again for what the live stream already brought', () => {
    expect(planAlert(push({ alreadyInInbox: true }))).toEqual({
      show: true,
      silent: true,
      renotify: false,
    });
  });

  it('shows nothing while a Cubby window is visible: its inbox shows the item', () => {
    expect(planAlert(push({ windowVisible: true })).show).toBe(false);
    expect(planAlert({ ...push({ windowVisible: true }), how: 'live' }).show).toBe(false);
  });

  it('alerts for live arrivals only on keys set to alert', () => {
    const live = { ...push(), how: 'live' as const };
    expect(planAlert(live)).toEqual({ show: true, silent: false, renotify: true });
    expect(planAlert({ ...live, mode: 'silent' }).show).toBe(false);
  });
});
