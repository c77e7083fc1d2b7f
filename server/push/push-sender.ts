// Sends Web Push messages (RFC 8030/8291/8292) safely: bounded, kept alive, retried, never redirected.
import { createHash } from 'node:crypto';
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyLimit } from './concurrency-limit.ts';
import { createPushAgent } from './create-push-agent.ts';
import { encryptWithWebPush, maxPayloadBytes } from './encrypt-with-web-push.ts';
import {
  validatePushSubscription,
  type EndpointPolicy,
  type ValidatedSubscription,
} from './endpoint-policy.ts';
import { PushSubscriptionError } from './push-subscription-error.ts';
import type { PushSubscriptionData } from './push-subscription-data.ts';
import { RefusedAddressError, createSafeLookup } from './safe-lookup.ts';
import { VapidTokenCache } from './vapid-token-cache.ts';

export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

export interface PushMessage {
  /** UTF-8 text, at most `maxPayloadBytes` (3,993) bytes once encoded. */
  payload: string;
  /** How long the push service keeps the message for an offline device, in seconds. */
  ttlSeconds: number;
  urgency: PushUrgency;
  /** Messages with the same topic replace each other while undelivered. Any string: one that is
   *  not 1–32 base64url characters is sent as a hash of itself. */
  topic?: string;
}

/**
 * `delivered`: the push service accepted the message (201 or 202).
 * `gone`: the subscription no longer exists (404 or 410); delete it.
 * `failed`: anything else, after any retries; keep the subscription.
 */
export type PushOutcome =
  | { status: 'delivered'; statusCode: number }
  | { status: 'gone'; statusCode: number }
  | { status: 'failed'; statusCode?: number; reason: string };

export interface PushSenderOptions {
  vapid: { publicKey: string; privateKey: string };
  /** The VAPID contact: a `mailto:` or `https:` URL. */
  subject: string;
  policy: EndpointPolicy;
  /** Requests in flight at once, and sockets per pool; default 64. */
  concurrency?: number;
  /** Per attempt, from sending the request to the end of the response; default 10,000 ms. */
  timeoutMs?: number;
  /** Attempts per message, retries of 429, 5xx and dropped connections included; default 3. */
  maxAttempts?: number;
  /** Backoff before retry n is this × 2^(n-1), jittered to 50–100 %; default 500 ms. */
  backoffBaseMs?: number;
  /** A retry that would have to wait longer than this (Retry-After) fails instead; default 60,000 ms. */
  maxRetryDelayMs?: number;
  /** Resolves host names (default `dns.lookup`); its answers still pass the address check. */
  lookup?: LookupFunction;
  /** Test only: the PEM certificate authority of https test origins (a self-signed receiver).
   *  Push services are always checked against Node's bundled roots. */
  testOriginCa?: string;
  /** Milliseconds since the epoch, for VAPID expiry and Retry-After dates; default `Date.now`. */
  now?: () => number;
}

const urgencies: ReadonlySet<string> = new Set<PushUrgency>(['very-low', 'low', 'normal', 'high']);
const validTopic = /^[A-Za-z0-9_-]{1,32}$/;
/** Network errors after which the same request is worth another attempt. */
const transientErrors = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);
const offCurveReason = 'invalid_keys: keys.p256dh is not a point on P-256.';
/** Bytes of an error response kept for the failure reason. */
const reasonBodyBytes = 200;

/** One attempt's result: final, or worth retrying after an optional server-given delay. */
type AttemptResult =
  { final: PushOutcome } | { retry: { statusCode?: number; reason: string; delayMs?: number } };

class PushTimeoutError extends Error {
  override name = 'PushTimeoutError';
}

export class PushSender {
  private readonly _policy: EndpointPolicy;
  private readonly _tokens: VapidTokenCache;
  private readonly _limit: ConcurrencyLimit;
  private readonly _timeoutMs: number;
  private readonly _maxAttempts: number;
  private readonly _backoffBaseMs: number;
  private readonly _maxRetryDelayMs: number;
  private readonly _now: () => number;
  private readonly _concurrency: number;
  private readonly _testOriginCa: string | undefined;
  /** Every push service goes through this pool, whose lookup refuses internal addresses. */
  private readonly _safeAgent: Agent;
  /** One unchecked pool per configured test origin, created on first use. */
  private readonly _testAgents = new Map<string, Agent>();
  private _closed = false;

  constructor(options: PushSenderOptions) {
    this._policy = options.policy;
    this._now = options.now ?? Date.now;
    this._tokens = new VapidTokenCache({
      ...options.vapid,
      subject: options.subject,
      now: this._now,
    });
    this._concurrency = options.concurrency ?? 64;
    this._limit = new ConcurrencyLimit(this._concurrency);
    this._timeoutMs = options.timeoutMs ?? 10_000;
    this._maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this._backoffBaseMs = options.backoffBaseMs ?? 500;
    this._maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    this._testOriginCa = options.testOriginCa;
    this._safeAgent = createPushAgent({
      protocol: 'https:',
      maxSockets: this._concurrency,
      lookup: createSafeLookup(options.lookup),
    });
  }

  /**
   * Encrypts and sends one message. Resolves with the outcome, whatever the push service says;
   * rejects only on a malformed message (RangeError: TTL, urgency, payload size) or when
   * `signal` aborts. The subscription is validated again before every attempt.
   */
  async send(
    subscription: PushSubscriptionData,
    message: PushMessage,
    signal?: AbortSignal,
  ): Promise<PushOutcome> {
    const payload = checkMessage(message);
    const topic = message.topic ? topicHeader(message.topic) : undefined;
    let body: Buffer | undefined;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      if (this._closed) return { status: 'failed', reason: 'sender_closed' };
      let target: ValidatedSubscription;
      try {
        // The curve check is left to the ECDH in `encryptWithWebPush`, which makes it anyway.
        target = validatePushSubscription(subscription, this._policy, { curveCheck: false });
      } catch (error) {
        if (!(error instanceof PushSubscriptionError)) throw error;
        return { status: 'failed', reason: `${error.code}: ${error.message}` };
      }
      const result = await this._limit.run(async (): Promise<AttemptResult> => {
        if (this._closed) return { final: { status: 'failed', reason: 'sender_closed' } };
        try {
          // Encrypted inside the slot, so 10,000 queued sends do not hold 10,000 bodies.
          body ??= encryptWithWebPush(target.p256dh, target.auth, payload);
        } catch {
          return { final: { status: 'failed', reason: offCurveReason } };
        }
        return this._attempt(target, body, message, topic, signal);
      }, signal);
      if ('final' in result) return result.final;
      const { statusCode, reason, delayMs } = result.retry;
      const failed: PushOutcome = { status: 'failed', statusCode, reason };
      if (attempt >= this._maxAttempts) return failed;
      const backoff = this._backoffBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      const wait = delayMs ?? backoff;
      if (wait > this._maxRetryDelayMs) {
        return { ...failed, reason: `${reason}; asked to wait ${Math.ceil(wait / 1000)} s` };
      }
      await sleep(wait, undefined, { signal });
    }
  }

  /** Destroys the connection pools. Later and pending sends resolve as failed (`sender_closed`). */
  close(): void {
    this._closed = true;
    this._safeAgent.destroy();
    for (const agent of this._testAgents.values()) agent.destroy();
    this._testAgents.clear();
  }

  private _agentFor(target: ValidatedSubscription): Agent {
    if (!target.isTestOrigin) return this._safeAgent;
    let agent = this._testAgents.get(target.origin);
    if (!agent) {
      agent = createPushAgent({
        protocol: target.url.protocol === 'http:' ? 'http:' : 'https:',
        maxSockets: this._concurrency,
        ca: this._testOriginCa,
      });
      this._testAgents.set(target.origin, agent);
    }
    return agent;
  }

  private _attempt(
    target: ValidatedSubscription,
    body: Buffer,
    message: PushMessage,
    topic: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    const { url } = target;
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/octet-stream',
      'Content-Encoding': 'aes128gcm',
      'Content-Length': body.length,
      TTL: message.ttlSeconds,
      Urgency: message.urgency,
      Authorization: this._tokens.authorization(target.origin),
    };
    if (topic) headers.Topic = topic;
    const request = url.protocol === 'http:' ? httpRequest : httpsRequest;

    return new Promise<AttemptResult>((resolve, reject) => {
      const req = request({
        method: 'POST',
        // URL keeps an IPv6 literal in brackets; a socket wants it bare (test origins only).
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: this._agentFor(target),
      });
      const timer = setTimeout(() => req.destroy(new PushTimeoutError()), this._timeoutMs);
      const onAbort = () => req.destroy(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };

      req.on('response', (res) => {
        const statusCode = res.statusCode ?? 0;
        const result = classifyResponse(res, this._now());
        if (result) {
          res.resume();
          res.on('end', () => {
            done();
            resolve(result);
          });
        } else {
          readReason(res, (text) => {
            done();
            resolve({ final: { status: 'failed', statusCode, reason: `rejected: ${text}` } });
          });
        }
        res.on('error', () => {
          // An aborted or broken response: the request's error handler reports it.
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        done();
        if (signal?.aborted) return reject(signal.reason);
        if (error instanceof RefusedAddressError) {
          return resolve({
            final: { status: 'failed', reason: `address_refused: ${error.message}` },
          });
        }
        if (error instanceof PushTimeoutError) {
          return resolve({ retry: { reason: `timeout after ${this._timeoutMs} ms` } });
        }
        const reason = `network: ${error.code ?? error.message}`;
        if (error.code && transientErrors.has(error.code)) return resolve({ retry: { reason } });
        resolve({ final: { status: 'failed', reason } });
      });
      req.end(body);
    });
  }
}

// Statuses decided without reading the body; undefined for a rejection whose body explains it.
function classifyResponse(res: IncomingMessage, now: number): AttemptResult | undefined {
  const statusCode = res.statusCode ?? 0;
  if (statusCode === 201 || statusCode === 202)
    return { final: { status: 'delivered', statusCode } };
  if (statusCode === 404 || statusCode === 410) return { final: { status: 'gone', statusCode } };
  if (statusCode >= 300 && statusCode < 400) {
    // Never followed: a redirect could point anywhere, including inside the network.
    const location = res.headers.location ? ` to ${res.headers.location}` : '';
    return {
      final: { status: 'failed', statusCode, reason: `redirect_refused: ${statusCode}${location}` },
    };
  }
  if (statusCode === 429 || statusCode >= 500) {
    const delayMs = retryAfterMs(res.headers['retry-after'], now);
    return { retry: { statusCode, reason: `retryable: ${statusCode}`, delayMs } };
  }
  return undefined;
}

function readReason(res: IncomingMessage, callback: (text: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    if (text.length < reasonBodyBytes) text += chunk;
  });
  res.on('end', () => {
    const snippet = text.slice(0, reasonBodyBytes).replace(/\s+/g, ' ').trim();
    callback(snippet ? `${res.statusCode} ${snippet}` : `${res.statusCode}`);
  });
}

// Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3).
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function checkMessage(message: PushMessage): Buffer {
  if (!Number.isInteger(message.ttlSeconds) || message.ttlSeconds < 0) {
    throw new RangeError(`ttlSeconds must be a whole number ≥ 0, not ${message.ttlSeconds}.`);
  }
  if (!urgencies.has(message.urgency)) {
    throw new RangeError(`urgency must be very-low, low, normal or high, not ${message.urgency}.`);
  }
  const payload = Buffer.from(message.payload, 'utf8');
  if (payload.length > maxPayloadBytes) {
    throw new RangeError(`The payload is ${payload.length} bytes; push allows ${maxPayloadBytes}.`);
  }
  return payload;
}

// RFC 8030 §5.4: a Topic is at most 32 characters of the base64url alphabet.
function topicHeader(topic: string): string {
  if (validTopic.test(topic)) return topic;
  return createHash('sha256').update(topic).digest('base64url').slice(0, 32);
}
