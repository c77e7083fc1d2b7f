// PushSender against web-push-testing, a real push service that decrypts and checks VAPID.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptWithWebPush } from './encrypt-with-web-push.ts';
import { defaultAllowedHosts } from './endpoint-policy.ts';
import { PushSender, type PushMessage } from './push-sender.ts';
import { newVapidKeys } from './testing/test-keys.ts';
import { VapidTokenCache } from './vapid-token-cache.ts';
import {
  startWebPushTesting,
  type WebPushTestingService,
} from './testing/web-push-testing-service.ts';

const vapid = newVapidKeys();
const message: PushMessage = { payload: '', ttlSeconds: 60, urgency: 'normal' };
let service: WebPushTestingService;
let sender: PushSender;

beforeAll(async () => {
  service = await startWebPushTesting();
  sender = new PushSender({
    vapid,
    subject: 'mailto:ops@cubby.example',
    policy: { allowedHosts: [...defaultAllowedHosts], testOrigins: [service.origin] },
  });
});

afterAll(async () => {
  sender.close();
  await service.stop();
});

describe('PushSender with web-push-testing', () => {
  it('delivers a payload that the push service decrypts to the same text', async () => {
    const subscription = await service.subscribe(vapid.publicKey);
    const payload = JSON.stringify({ id: 7, key: 'folder:abc', title: 'Fichier modifié ✓' });
    const outcome = await sender.send(subscription, { ...message, payload, topic: 'folder:abc' });
    expect(outcome).toEqual({ status: 'delivered', statusCode: 201 });
    expect(await service.messages(subscription.clientHash)).toEqual([payload]);
  });

  it('signs VAPID so the service verifies it, and a token signed by another key is refused', async () => {
    // web-push-testing checks `k` against the subscription's applicationServerKey and verifies
    // the JWT's ES256 signature with it, answering 400 otherwise. The forged request below carries
    // the right `k` but a token signed by a stranger's key, to show the signature is checked.
    const subscription = await service.subscribe(vapid.publicKey);
    const stranger = new VapidTokenCache({ ...newVapidKeys(), subject: 'mailto:x@y.example' });
    const forgedToken = /t=([^,]+),/.exec(stranger.authorization(service.origin))?.[1];
    const body = encryptWithWebPush(
      Buffer.from(subscription.keys.p256dh, 'base64url'),
      Buffer.from(subscription.keys.auth, 'base64url'),
      Buffer.from('forged'),
    );
    const forged = await fetch(subscription.endpoint, {
      method: 'POST',
      headers: {
        TTL: '60',
        'Content-Encoding': 'aes128gcm',
        Authorization: `vapid t=${forgedToken}, k=${vapid.publicKey}`,
      },
      body,
    });
    expect(forged.status).toBe(400);

    const accepted = await sender.send(subscription, { ...message, payload: 'genuine' });
    expect(accepted).toEqual({ status: 'delivered', statusCode: 201 });
    expect(await service.messages(subscription.clientHash)).toEqual(['genuine']);
  });

  it('reports an expired subscription (410) as gone, so the caller deletes it', async () => {
    const subscription = await service.subscribe(vapid.publicKey);
    await service.expire(subscription.clientHash);
    const outcome = await sender.send(subscription, { ...message, payload: 'too late' });
    expect(outcome).toEqual({ status: 'gone', statusCode: 410 });
  });

  it('delivers many concurrent sends, each decryptable by its own subscription', async () => {
    const subscriptions = await Promise.all(
      Array.from({ length: 20 }, () => service.subscribe(vapid.publicKey)),
    );
    const outcomes = await Promise.all(
      subscriptions.flatMap((subscription, i) =>
        [0, 1, 2].map((n) => sender.send(subscription, { ...message, payload: `${i}.${n}` })),
      ),
    );
    expect(outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    for (const [i, subscription] of subscriptions.entries()) {
      const received = await service.messages(subscription.clientHash);
      expect(received.sort()).toEqual([`${i}.0`, `${i}.1`, `${i}.2`]);
    }
  });
});
