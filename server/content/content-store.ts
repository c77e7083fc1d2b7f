// What the content service needs from storage: namespaces and members, nodes with their journal,
// blob records, uploads, invites and chat. SQLite implements it (sqlite-content-store.ts and its parts).
import type {
  ChatMessage,
  CommitOp,
  ContentNode,
  JournalEntry,
  MemberRole,
  OpResult,
} from '../../shared/api/content.ts';
import type { TreeStore } from '../../shared/tree/index.ts';

/** A namespace as the store keeps it (the web side's `NamespaceRecord` is the device's copy). */
export interface NamespaceRow {
  id: string;
  name: string;
  kind: 'root' | 'shared';
  ownerId: string;
  rootId: number;
  diffKey: string;
  lastSeq: number;
}

export interface InviteRecord {
  id: string;
  nsId: string;
  nsName: string;
  inviterId: string;
  inviterName: string;
  inviteeId: string;
  inviteeName: string;
  role: MemberRole;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  createdAt: number;
}

/** A namespace to create; the store gives it a root node. */
export interface NewNamespace {
  id: string;
  name: string;
  kind: 'root' | 'shared';
  ownerId: string;
  diffKey: string;
  now: number;
}

/** An invitation to create, pending until the invitee answers. */
export interface NewInvite {
  id: string;
  nsId: string;
  inviterId: string;
  inviteeId: string;
  role: MemberRole;
  now: number;
}

/** An upload to start: its expected hash and size in bytes. */
export interface NewUpload {
  id: string;
  userId: string;
  sha256: string;
  size: number;
  now: number;
}

/** An upload under way: `received` bytes of `size` so far. */
export interface UploadRecord {
  id: string;
  userId: string;
  sha256: string;
  size: number;
  received: number;
  createdAt: number;
}

/** What a commit needs besides the op: who, when, the namespace's live tree and the blob check. */
export interface CommitContext {
  userId: string;
  now: number;
  /** The namespace's tree, updated with the op inside the same transaction (its digest is journaled). */
  tree: TreeStore;
  /** (parent, name) compares names case-sensitively (default: not). */
  caseSensitive: boolean;
}

export interface CommitOutcome {
  result: OpResult;
  /** Present when the op was committed: the journal entry and the root diff value after it. */
  entry?: JournalEntry;
  digest?: string;
}

export interface ContentStore {
  createNamespace(ns: NewNamespace): Promise<NamespaceRow>;
  getNamespace(id: string): Promise<NamespaceRow | null>;
  rootNamespaceOf(userId: string): Promise<NamespaceRow | null>;
  /** The namespaces the user is a member of, with the user's role in each. */
  namespacesOf(userId: string): Promise<{ ns: NamespaceRow; role: MemberRole }[]>;
  roleOf(nsId: string, userId: string): Promise<MemberRole | null>;
  setMember(nsId: string, userId: string, role: MemberRole | null): Promise<void>;
  members(nsId: string): Promise<{ userId: string; username: string; role: MemberRole }[]>;

  /** Every node of the namespace, parents before children. */
  nodes(nsId: string): Promise<ContentNode[]>;
  /**
   * Applies ops in order, each atomically: an op's nodes, tree change and journal entry happen
   * together or not at all, and a refused op does not stop the ones after it.
   * A file's content must be a blob the user may read (uploaded it, or reads a node using it) of the
   * size given, else `blob_missing`.
   */
  commit(nsId: string, ops: CommitOp[], ctx: CommitContext): Promise<CommitOutcome[]>;
  changesSince(
    nsId: string,
    cursor: number,
    limit: number,
  ): Promise<{ entries: JournalEntry[]; digest: string | null }>;
  /**
   * A consistent read of every node (or of the subtree of `fromId`, itself included), parents before
   * children, with the cursor and root digest it corresponds to, page by page.
   */
  snapshot(
    nsId: string,
    pageSize: number,
    fromId?: number,
  ): AsyncGenerator<{ cursor: number; digest: string | null; nodes: ContentNode[] }>;

  blobSize(sha256: string): Promise<number | null>;
  /** Records a verified blob and that `userId` uploaded its bytes. */
  addBlob(sha256: string, size: number, userId: string, now: number): Promise<void>;
  /** The user uploaded it, or is a member of a namespace with a node that references it. */
  mayReadBlob(userId: string, sha256: string): Promise<boolean>;
  /** Blobs no node references, created before `before`: removed from the records and returned. */
  takeUnreferencedBlobs(before: number): Promise<string[]>;

  createUpload(u: NewUpload): Promise<void>;
  getUpload(id: string): Promise<UploadRecord | null>;
  setUploadReceived(id: string, received: number): Promise<void>;
  deleteUpload(id: string): Promise<void>;
  staleUploads(before: number): Promise<string[]>;

  createInvite(i: NewInvite): Promise<void>;
  getInvite(id: string): Promise<InviteRecord | null>;
  /** Pending invites to the user and every invite the user sent. */
  invitesOf(userId: string): Promise<InviteRecord[]>;
  /** The invitation to `inviteeId` into the namespace still waiting for an answer, if any. */
  pendingInvite(nsId: string, inviteeId: string): Promise<InviteRecord | null>;
  setInviteRole(id: string, role: MemberRole): Promise<void>;
  setInviteStatus(id: string, status: InviteRecord['status']): Promise<void>;

  postChat(nsId: string, userId: string, text: string, now: number): Promise<ChatMessage>;
  chatSince(nsId: string, after: number, limit: number): Promise<ChatMessage[]>;
}
