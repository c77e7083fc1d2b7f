// The content service's contract: namespaces, nodes, the journal, commits, sharing and chat.
import { z } from 'zod';

export const memberRoles = ['owner', 'editor', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export interface NamespaceInfo {
  id: string;
  name: string;
  role: MemberRole;
  /** File id of the namespace's root folder. */
  rootId: number;
  /** `root` (every user's own) or `shared` (a shared folder). */
  kind: 'root' | 'shared';
  /** The namespace's diff-value key (32 hex digits): build the remote tree with it to compare digests. */
  diffKey: string;
}

export const createNamespaceSchema = z.strictObject({
  name: z.string().trim().min(1, 'Give the shared folder a name.').max(200),
});

/** A member of a namespace, as `GET /api/ns/:ns/members` lists them. */
export interface NamespaceMember {
  userId: string;
  username: string;
  role: MemberRole;
}

export type NodeKindName = 'file' | 'dir';

/** A file or folder as the server holds it. */
export interface ContentNode {
  id: number;
  /** Null for the namespace's root. */
  parentId: number | null;
  name: string;
  kind: NodeKindName;
  /** Bytes; 0 for folders. */
  size: number;
  /** SHA-256 of the content, 64 hex digits; empty for folders. */
  hash: string;
  /** Bumped by every committed change to the node. */
  rev: number;
  /** Milliseconds since the epoch, as the client reported it. */
  mtime: number;
}

export const journalOps = ['add', 'edit', 'move', 'delete'] as const;
export type JournalOp = (typeof journalOps)[number];

export interface JournalEntry {
  seq: number;
  op: JournalOp;
  /** The node after the change (for `delete`, as it was; its subtree went with it). */
  node: ContentNode;
}

export interface ChangesAnswer {
  changes: JournalEntry[];
  /** Pass back as `cursor` for the next page. */
  cursor: number;
  more: boolean;
  /** The root diff value as of `cursor` (16 hex digits). */
  digest: string;
}

export interface SnapshotAnswer {
  cursor: number;
  digest: string;
  nodes: ContentNode[];
}

export interface DigestAnswer {
  id: number;
  digest: string;
  children: { id: number; name: string; digest: string }[];
}

const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'A hash is 64 lower-case hex digits (SHA-256).');
const fileId = z.number().int().min(0).max(0xffffffff);
const rev = z.number().int().min(1);
const mtime = z.number().int().min(0).max(8.64e15).optional();

export const commitOpSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('add'),
    parentId: fileId,
    name: z.string().max(1024),
    kind: z.enum(['file', 'dir']),
    size: z
      .number()
      .int()
      .min(0)
      .max(2 ** 48 - 1)
      .optional(),
    hash: sha256Hex.optional(),
    mtime,
  }),
  z.strictObject({
    op: z.literal('edit'),
    id: fileId,
    rev,
    size: z
      .number()
      .int()
      .min(0)
      .max(2 ** 48 - 1),
    hash: sha256Hex,
    mtime,
  }),
  z.strictObject({
    op: z.literal('move'),
    id: fileId,
    rev,
    parentId: fileId.optional(),
    name: z.string().max(1024).optional(),
  }),
  z.strictObject({ op: z.literal('delete'), id: fileId, rev }),
]);
export type CommitOp = z.infer<typeof commitOpSchema>;

export const commitSchema = z.strictObject({ ops: z.array(commitOpSchema).min(1).max(1000) });

export type OpErrorCode =
  | 'rev_mismatch'
  | 'name_taken'
  | 'parent_missing'
  | 'not_a_dir'
  | 'cycle'
  | 'invalid_name'
  | 'not_found'
  | 'forbidden'
  | 'blob_missing';

export type OpResult =
  | { ok: true; node: ContentNode; seq: number }
  | { ok: false; error: { code: OpErrorCode; message: string } };

export interface CommitAnswer {
  results: OpResult[];
  /** The journal cursor after the commit. */
  cursor: number;
  digest: string;
}

export const inviteSchema = z.strictObject({
  username: z.string().min(1).max(64),
  role: z.enum(['editor', 'viewer']),
});

export interface Invite {
  id: string;
  namespaceId: string;
  namespaceName: string;
  from: string;
  to: string;
  role: MemberRole;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  createdAt: string;
}

export const chatPostSchema = z.strictObject({
  text: z.string().trim().min(1, 'Write something first.').max(4000),
});

export interface ChatMessage {
  seq: number;
  from: string;
  text: string;
  at: string;
}

export const createUploadSchema = z.strictObject({
  sha256: sha256Hex,
  size: z.number().int().min(0),
});

export interface UploadState {
  id: string;
  sha256: string;
  size: number;
  /** Bytes received so far: send the next chunk at this offset. */
  offset: number;
}
