// Registers the service worker through workbox-window and reports a waiting new version; the new
// version takes over only when the person chooses to reload, never in the middle of their work.
import { Workbox } from 'workbox-window';

export const serviceWorkerUrl = '/service-worker.js';

/**
 * Registers the worker. `onUpdate` gets the function that activates the waiting version and reloads
 * the page once it controls it.
 */
export function watchForUpdates(onUpdate: (reloadNow: () => void) => void): Workbox | null {
  if (!('serviceWorker' in navigator)) return null;
  const wb = new Workbox(serviceWorkerUrl);
  wb.addEventListener('waiting', () => {
    onUpdate(() => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    });
  });
  void wb.register().catch(() => {
    // No worker (private mode in some browsers): the app still runs, without offline use or push.
  });
  return wb;
}
