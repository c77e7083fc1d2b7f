// The notification console: the placeholder page until the PWA lands. Signs in, follows keys,
// publishes, and shows notifications live, catching up with the reconnect check after being away.
import type { ReconnectAnswer } from '../shared/api/clients.ts';
import type { ApiErrorBody } from '../shared/api/errors.ts';
import type { KeyListing } from '../shared/api/keys.ts';
import type { Notification } from '../shared/api/notification.ts';
import { routes } from '../shared/api/routes.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const storageKey = 'cubby.console';

/** What this browser remembers between visits (the PWA keeps the same in IndexedDB). */
interface ClientState {
  clientId: string;
  receivedCount: number;
  lastId: number;
}

let state: ClientState | null = JSON.parse(
  localStorage.getItem(storageKey) ?? 'null',
) as ClientState | null;
let events: EventSource | null = null;
const seen = new Set<number>();

function save() {
  localStorage.setItem(storageKey, JSON.stringify(state));
}

function setStatus(text: string) {
  $('connection').textContent = text;
}

/** Calls the API with the session cookie; throws an Error whose message is the server's words. */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as T | ApiErrorBody | null;
  if (!res.ok) {
    throw new Error(
      (data as ApiErrorBody | null)?.error?.message ?? `The server answered ${res.status}.`,
    );
  }
  return data as T;
}

function guard(errorId: string, work: () => Promise<void>) {
  $(errorId).textContent = '';
  work().catch((err: Error) => {
    $(errorId).textContent = err.message;
  });
}

function show(n: Notification) {
  if (seen.has(n.id)) return;
  seen.add(n.id);
  if (state) {
    state.receivedCount++;
    state.lastId = Math.max(state.lastId, n.id);
    save();
  }
  const item = document.createElement('li');
  const what = n.title ? `${n.title}${n.body ? ` — ${n.body}` : ''}` : `${n.command} on ${n.key}`;
  item.textContent = `#${n.id} ${what} (${n.key}, ${new Date(n.at).toLocaleTimeString()})`;
  $('inbox').prepend(item);
}

/** The seed's reconnect: compare counts, apply the replay, or start over on resync. */
async function catchUp() {
  if (!state) return;
  setStatus('Catching up…');
  for (;;) {
    const answer = await api<ReconnectAnswer>('POST', routes.clientReconnect(state.clientId), {
      receivedCount: state.receivedCount,
      lastId: state.lastId,
    });
    if (answer.verdict === 'resync') {
      state.receivedCount = 0;
      state.lastId = answer.lastId;
      save();
      return;
    }
    for (const n of answer.notifications) show(n);
    state.receivedCount = answer.sentCount;
    state.lastId = answer.lastId;
    save();
    if (!answer.more) return;
  }
}

async function goLive() {
  events?.close();
  if (!state) return;
  await catchUp();
  events = new EventSource(`${routes.clientEvents(state.clientId)}?after=${state.lastId}`);
  events.addEventListener('open', () => setStatus('Live'));
  events.addEventListener('notification', (e) =>
    show(JSON.parse((e as MessageEvent<string>).data) as Notification),
  );
  events.addEventListener('resync', () => void goLive());
  events.addEventListener('error', () => {
    setStatus('Offline — will catch up when the connection is back');
    if (events?.readyState === EventSource.CLOSED)
      setTimeout(() => void goLive().catch(() => undefined), 3000);
  });
}

async function refreshKeys() {
  const { keys } = await api<{ keys: KeyListing[] }>('GET', routes.keys);
  const list = $('key-list');
  list.replaceChildren(
    ...keys.map((k) => {
      const li = document.createElement('li');
      li.textContent = `${k.key} — ${k.push === 'alert' ? 'push alerts' : 'no push'}, owner ${k.owner}`;
      return li;
    }),
  );
}

async function enter(username: string) {
  $('who').textContent = username;
  $('sign-in').hidden = true;
  $('signed-in').hidden = false;
  $('signed-in-only').hidden = false;
  await refreshKeys();
  if (state) {
    try {
      const client = await api<{ keys: string[] }>('GET', routes.client(state.clientId));
      $('client-keys').textContent = `Following: ${client.keys.join(', ') || 'nothing yet'}`;
      await goLive();
    } catch {
      state = null; // the client was removed (or belongs to another account): register anew
      save();
    }
  }
  if (!state) setStatus('Signed in — follow a key to receive notifications.');
}

$('sign-in').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const action = ((e as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? 'login';
  const data = new FormData(form);
  guard('account-error', async () => {
    const body = { username: String(data.get('username')), password: String(data.get('password')) };
    const answer = await api<{ user: { username: string } }>(
      'POST',
      action === 'signup' ? routes.signup : routes.login,
      body,
    );
    localStorage.setItem('cubby.user', answer.user.username);
    await enter(answer.user.username);
  });
});

$('sign-out').addEventListener('click', () =>
  guard('account-error', async () => {
    events?.close();
    await api('POST', routes.logout);
    localStorage.removeItem('cubby.user');
    location.reload();
  }),
);

$('define-key').addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(e.target as HTMLFormElement);
  guard('keys-error', async () => {
    await api('POST', routes.keys, {
      key: String(data.get('key')).trim(),
      push: String(data.get('push')),
    });
    (e.target as HTMLFormElement).reset();
    await refreshKeys();
  });
});

$('follow').addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(e.target as HTMLFormElement);
  const keys = String(data.get('keys'))
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  guard('client-error', async () => {
    let now: string[];
    if (state) {
      now = (await api<{ keys: string[] }>('PUT', routes.clientKeys(state.clientId), { add: keys }))
        .keys;
    } else {
      const made = await api<{ clientId: string; keys: string[] }>('POST', routes.clients, {
        name: navigator.userAgent.slice(0, 100),
        keys,
      });
      state = { clientId: made.clientId, receivedCount: 0, lastId: 0 };
      save();
      now = made.keys;
      await goLive();
    }
    $('client-keys').textContent = `Following: ${now.join(', ')}`;
  });
});

$('publish').addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(e.target as HTMLFormElement);
  guard('publish-error', async () => {
    const optional = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const answer = await api<{ id: number; recipients: { live: number; offline: number } }>(
      'POST',
      routes.events,
      {
        key: String(data.get('key')).trim(),
        command: String(data.get('command')).trim(),
        title: optional('title'),
        body: optional('body'),
      },
    );
    $('publish-result').textContent =
      `Published #${answer.id}: ${answer.recipients.live} live, ${answer.recipients.offline} away.`;
  });
});

window.addEventListener('online', () => void goLive().catch(() => undefined));

// Already signed in (the session cookie)? Listing keys answers only then.
const remembered = localStorage.getItem('cubby.user');
if (remembered) {
  fetch(routes.keys)
    .then((res) => (res.ok ? enter(remembered) : undefined))
    .catch(() => undefined);
}
