// The HTTP contract seen from the browser (page and service worker): one method per route of
// shared/api, JSON in and out, every failure an ApiError with the contract's code.
import type { Credentials, SessionAnswer } from '../../../shared/api/auth.ts';
import type {
  ClientInfo,
  ReconnectAnswer,
  ReconnectRequest,
  RegisterClientAnswer,
  RegisterClientRequest,
  UpdateClientKeysRequest,
} from '../../../shared/api/clients.ts';
import type {
  ChatMessage,
  Invite,
  NamespaceInfo,
  NamespaceMember,
} from '../../../shared/api/content.ts';
import type { ApiErrorBody } from '../../../shared/api/errors.ts';
import type { PublishEventAnswer, PublishEventRequest } from '../../../shared/api/events.ts';
import type { DefineKeyRequest, KeyDefinition, KeyListing } from '../../../shared/api/keys.ts';
import type { PushSubscriptionRequest } from '../../../shared/api/push.ts';
import {
  pathFor,
  routes,
  type PathParams,
  type Query,
  type Route,
} from '../../../shared/api/routes.ts';
import { ApiError, plainMessage } from './api-error.ts';

export type { NamespaceMember } from '../../../shared/api/content.ts';

const unreachable =
  'Cubby cannot reach its server. Check your connection; what you do offline waits until it is back.';

export class ApiClient {
  private readonly _fetch: typeof fetch;

  /** `fetchImpl` defaults to the global fetch; requests go to the page's own origin with its cookie. */
  constructor(fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {
    this._fetch = fetchImpl;
  }

  signUp(credentials: Credentials, signal?: AbortSignal): Promise<SessionAnswer> {
    return this._call(routes.signUp, {}, credentials, signal);
  }

  signIn(credentials: Credentials, signal?: AbortSignal): Promise<SessionAnswer> {
    return this._call(routes.logIn, {}, credentials, signal);
  }

  signOut(signal?: AbortSignal): Promise<void> {
    return this._call(routes.logOut, {}, undefined, signal);
  }

  async listKeys(signal?: AbortSignal): Promise<KeyListing[]> {
    return (await this._call<{ keys: KeyListing[] }>(routes.listKeys, {}, undefined, signal)).keys;
  }

  defineKey(request: DefineKeyRequest, signal?: AbortSignal): Promise<KeyDefinition> {
    return this._call(routes.defineKey, {}, request, signal);
  }

  registerClient(
    request: RegisterClientRequest,
    signal?: AbortSignal,
  ): Promise<RegisterClientAnswer> {
    return this._call(routes.registerClient, {}, request, signal);
  }

  getClient(clientId: string, signal?: AbortSignal): Promise<ClientInfo> {
    return this._call(routes.getClient, { id: clientId }, undefined, signal);
  }

  async updateClientKeys(
    clientId: string,
    request: UpdateClientKeysRequest,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const answer = await this._call<{ keys: string[] }>(
      routes.updateClientKeys,
      { id: clientId },
      request,
      signal,
    );
    return answer.keys;
  }

  deleteClient(clientId: string, signal?: AbortSignal): Promise<void> {
    return this._call(routes.deleteClient, { id: clientId }, undefined, signal);
  }

  reconnect(
    clientId: string,
    request: ReconnectRequest,
    signal?: AbortSignal,
  ): Promise<ReconnectAnswer> {
    return this._call(routes.reconnect, { id: clientId }, request, signal);
  }

  publish(request: PublishEventRequest, signal?: AbortSignal): Promise<PublishEventAnswer> {
    return this._call(routes.publish, {}, request, signal);
  }

  async pushPublicKey(signal?: AbortSignal): Promise<string> {
    const answer = await this._call<{ publicKey: string }>(
      routes.pushPublicKey,
      {},
      undefined,
      signal,
    );
    return answer.publicKey;
  }

  savePushSubscription(
    clientId: string,
    subscription: PushSubscriptionRequest,
    signal?: AbortSignal,
  ): Promise<void> {
    return this._call(routes.savePushSubscription, { id: clientId }, subscription, signal);
  }

  deletePushSubscription(clientId: string, signal?: AbortSignal): Promise<void> {
    return this._call(routes.deletePushSubscription, { id: clientId }, undefined, signal);
  }

  async listNamespaces(signal?: AbortSignal): Promise<NamespaceInfo[]> {
    const answer = await this._call<{ namespaces: NamespaceInfo[] }>(
      routes.listNamespaces,
      {},
      undefined,
      signal,
    );
    return answer.namespaces;
  }

  /** Creates a shared folder owned by the person signed in. */
  createNamespace(name: string, signal?: AbortSignal): Promise<NamespaceInfo> {
    return this._call(routes.createNamespace, {}, { name }, signal);
  }

  async listMembers(namespaceId: string, signal?: AbortSignal): Promise<NamespaceMember[]> {
    const answer = await this._call<{ members: NamespaceMember[] }>(
      routes.listMembers,
      { ns: namespaceId },
      undefined,
      signal,
    );
    return answer.members;
  }

  /** Invites `username` to the shared folder (the owner only); again while one waits re-sends it. */
  invite(
    namespaceId: string,
    username: string,
    role: 'editor' | 'viewer',
    signal?: AbortSignal,
  ): Promise<Invite> {
    return this._call(routes.invite, { ns: namespaceId }, { username, role }, signal);
  }

  /** Removes a member (the owner), or leaves (one's own user id). */
  removeMember(namespaceId: string, userId: string, signal?: AbortSignal): Promise<void> {
    return this._call(routes.removeMember, { ns: namespaceId, userId }, undefined, signal);
  }

  /** Invitations waiting for the person, and every one they sent. */
  async listInvites(signal?: AbortSignal): Promise<Invite[]> {
    return (await this._call<{ invites: Invite[] }>(routes.listInvites, {}, undefined, signal))
      .invites;
  }

  acceptInvite(id: string, signal?: AbortSignal): Promise<Invite> {
    return this._call(routes.acceptInvite, { id }, undefined, signal);
  }

  declineInvite(id: string, signal?: AbortSignal): Promise<Invite> {
    return this._call(routes.declineInvite, { id }, undefined, signal);
  }

  /** Withdraws an invitation the person sent. */
  withdrawInvite(id: string, signal?: AbortSignal): Promise<void> {
    return this._call(routes.withdrawInvite, { id }, undefined, signal);
  }

  /** Chat messages after `after` (a message's `seq`), oldest first, up to `limit`. */
  listChat(
    namespaceId: string,
    after: number,
    limit = 200,
    signal?: AbortSignal,
  ): Promise<{ messages: ChatMessage[]; more: boolean }> {
    return this._call(routes.listChat, { ns: namespaceId }, undefined, signal, { after, limit });
  }

  postChat(namespaceId: string, text: string, signal?: AbortSignal): Promise<ChatMessage> {
    return this._call(routes.postChat, { ns: namespaceId }, { text }, signal);
  }

  /** The URL of the client's event stream, resuming after notification `afterId`. */
  eventsUrl(clientId: string, afterId: number): string {
    return pathFor(routes.clientEvents, { id: clientId }, { after: afterId });
  }

  private async _call<T, P extends string = string>(
    route: Route<P>,
    params: PathParams<P>,
    body: unknown,
    signal: AbortSignal | undefined,
    query?: Query,
  ): Promise<T> {
    let res: Response;
    try {
      res = await this._fetch(pathFor(route, params, query), {
        method: route.method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw new ApiError(0, 'network', unreachable, { cause: err });
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const error = (data as ApiErrorBody | null)?.error;
      throw new ApiError(
        res.status,
        error?.code ?? 'internal',
        error ? plainMessage(error.message) : `The server answered ${res.status}; try again soon.`,
      );
    }
    return data as T;
  }
}
