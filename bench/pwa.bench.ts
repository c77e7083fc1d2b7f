// PWA benchmarks (issue 6): JavaScript shipped for the app shell (gzip), time to interactive on
// localhost, and the longest main-thread task while 1,000 notifications arrive — each beside a
// baseline measured in the same run (a bare Lit "hello" page; a page that re-renders per notification).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/browser.ts';
import { buildWebApp } from '../tests/support/web-app-build.ts';
import { call, signUp, startTestServer, type TestServer } from '../tests/support/test-server.ts';
import type { BenchFigure } from './figure.ts';

const notifications = 1000;
const loads = 5;

/** A bare Lit page: the smallest app built the same way, the floor for size and start-up. */
async function buildHelloLit(): Promise<string> {
  const src = mkdtempSync(join(tmpdir(), 'cubby-hello-src-'));
  const out = mkdtempSync(join(tmpdir(), 'cubby-hello-'));
  writeFileSync(
    join(src, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hello</title>
<script type="module" src="./main.ts"></script></head><body><hello-lit></hello-lit></body></html>`,
  );
  writeFileSync(
    join(src, 'main.ts'),
    `import { LitElement, html } from 'lit';
class HelloLit extends LitElement {
  render() { return html\`<button>Hello</button>\`; }
}
customElements.define('hello-lit', HelloLit);`,
  );
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: src,
    logLevel: 'silent',
    resolve: { alias: { lit: join(process.cwd(), 'node_modules/lit/index.js') } },
    build: { outDir: out, emptyOutDir: true, target: 'es2022' },
  });
  rmSync(src, { recursive: true, force: true });
  return out;
}

/** Gzip bytes of every script the page loads (assets/*.js; not the service worker). */
function shellScriptGzip(root: string): number {
  const assets = join(root, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
}

/**
 * In the page from its first script on: resolves with ms since navigation start once a button named
 * `name` is on screen (searched through shadow roots each frame) and the main thread has run a task
 * after it, i.e. a click would be handled.
 */
const interactiveWhen = (name: string) => `window.__interactive = new Promise((resolve) => {
  const find = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'BUTTON' && el.textContent.trim() === ${JSON.stringify(name)}) return el;
      if (el.shadowRoot) { const found = find(el.shadowRoot); if (found) return found; }
    }
    return null;
  };
  const check = () => {
    if (find(document)) setTimeout(() => resolve(performance.now()), 0);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/** Median time to interactive over fresh contexts (a first visit each time, no service worker). */
async function timeToInteractive(browser: Browser, url: string, control: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addInitScript(interactiveWhen(control));
    const page = await context.newPage();
    await page.goto(url);
    times.push((await page.evaluate('window.__interactive')) as number);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Watches the page's main thread: PerformanceObserver long tasks (over 50 ms) and, for anything
 * shorter, the largest gap seen by a chain of zero-delay timers.
 */
const watchMainThread = `(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: false });
  window.__gap = 0;
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    window.__gap = Math.max(window.__gap, now - last);
    last = now;
    if (!window.__stop) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
})()`;

async function publishMany(server: TestServer, token: string, key: string) {
  // 50 requests in flight keeps the server publishing back to back: a burst, not a trickle.
  for (let i = 0; i < notifications; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, notifications - i) }, (_, j) =>
        call(server.url, 'POST', '/api/events', {
          token,
          body: { key, command: 'EDIT', title: `file-${i + j}.txt changed`, body: 'By bench.' },
        }),
      ),
    );
  }
}

async function longestTask(
  page: Page,
  arrived: () => Promise<boolean>,
  publish: () => Promise<void>,
) {
  await page.evaluate(watchMainThread);
  await publish();
  const deadline = Date.now() + 60_000;
  while (!(await arrived())) {
    if (Date.now() > deadline) throw new Error('the notifications did not all arrive');
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.waitForTimeout(300); // let the last batch render
  return (await page.evaluate(
    'window.__stop = true, Math.max(window.__longest, window.__gap)',
  )) as number;
}

/** The naive client: every notification re-renders the whole list, with no batching or cap. */
const naivePage = (clientId: string) => `<!doctype html><html><body><ol id="list"></ol><script>
const items = [];
const source = new EventSource('/api/clients/${clientId}/events?after=0');
source.addEventListener('notification', (e) => {
  items.unshift(JSON.parse(e.data));
  document.getElementById('list').innerHTML = items
    .map((n) => '<li><h3>' + n.title + '</h3><p>' + n.body + ' · ' + n.key + '</p></li>')
    .join('');
  window.__count = items.length;
});
</script></body></html>`;

export default async function pwaBench(): Promise<BenchFigure[]> {
  const [appRoot, helloRoot] = [await buildWebApp(), await buildHelloLit()];
  const app = await startTestServer({}, { staticRoot: appRoot });
  const hello = await startTestServer({}, { staticRoot: helloRoot });
  const browser = await launchChromium();
  try {
    const appKb = shellScriptGzip(appRoot) / 1024;
    const helloKb = shellScriptGzip(helloRoot) / 1024;
    const appTti = await timeToInteractive(browser, app.url, 'Sign in');
    const helloTti = await timeToInteractive(browser, hello.url, 'Hello');

    // 1,000 notifications into a signed-in, live inbox.
    const user = await signUp(app.url, 'bench');
    const key = 'folder:bench';
    await call(app.url, 'POST', '/api/keys', { token: user.token, body: { key } });
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Username').fill('bench');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Following' }).click();
    await page.getByRole('group', { name: key }).getByRole('radio', { name: 'Silent' }).check();
    await nav.getByRole('link', { name: /^Inbox/ }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const cubbyLongest = await longestTask(
      page,
      async () =>
        ((await page.getByRole('heading', { name: /^Inbox/ }).textContent()) ?? '').includes(
          `${notifications} unread`,
        ),
      () => publishMany(app, user.token, key),
    );
    await context.close();

    // The same burst into the naive page, a client of its own at the same origin.
    const naiveContext = await browser.newContext();
    await naiveContext.request.post(`${app.url}/api/auth/login`, {
      data: { username: 'bench', password: 'correct horse battery' },
    });
    const client = await call(app.url, 'POST', '/api/clients', {
      token: user.token,
      body: { name: 'naive', keys: [key] },
    });
    const naive = await naiveContext.newPage();
    await naive.route(`${app.url}/naive`, (route) =>
      route.fulfill({ contentType: 'text/html', body: naivePage(client.body.clientId) }),
    );
    await naive.goto(`${app.url}/naive`);
    await naive.waitForTimeout(300);
    const naiveLongest = await longestTask(
      naive,
      async () => (await naive.evaluate('window.__count')) === notifications,
      () => publishMany(app, user.token, key),
    );
    await naiveContext.close();

    return [
      {
        name: 'JavaScript shipped for the app shell (gzip)',
        value: appKb,
        unit: 'KB',
        target: '≤ 60 KB',
        met: appKb <= 60,
        lowerIsBetter: true,
        baseline: { name: 'bare Lit hello page', value: helloKb, unit: 'KB' },
      },
      {
        name: `time to interactive on localhost, first visit (median of ${loads})`,
        value: appTti,
        unit: 'ms',
        target: '≤ 1,000 ms',
        met: appTti <= 1000,
        lowerIsBetter: true,
        baseline: { name: 'bare Lit hello page', value: helloTti, unit: 'ms' },
      },
      {
        name: `longest main-thread task while ${notifications.toLocaleString('en-US')} notifications arrive live`,
        value: cubbyLongest,
        unit: 'ms',
        target: 'none over 50 ms',
        met: cubbyLongest <= 50,
        lowerIsBetter: true,
        baseline: { name: 'naive re-render per notification', value: naiveLongest, unit: 'ms' },
      },
    ];
  } finally {
    await browser.close();
    await app.dispose();
    await hello.dispose();
    rmSync(appRoot, { recursive: true, force: true });
    rmSync(helloRoot, { recursive: true, force: true });
  }
}
