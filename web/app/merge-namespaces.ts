// The namespaces the file browser lists: the server's listing when it could be fetched (it knows
// folders shared a moment ago), with what only this device knows (the linked folder); offline,
// the sync worker's copy. The person's own files first, then shared folders by name.
import type { NamespaceInfo } from '../../shared/api/content.ts';
import type { NamespaceEntry } from '../common/sync-client/sync-api.ts';

export function mergeNamespaces(
  server: readonly NamespaceInfo[] | null,
  local: readonly NamespaceEntry[],
): NamespaceEntry[] {
  const linked = new Map(local.map((n) => [n.id, n.linkedFolder]));
  const merged: NamespaceEntry[] = server
    ? server.map((n) => ({
        id: n.id,
        name: n.name,
        role: n.role,
        kind: n.kind,
        rootId: n.rootId,
        linkedFolder: linked.get(n.id) ?? null,
      }))
    : [...local];
  return merged.sort(
    (a, b) =>
      Number(a.kind === 'shared') - Number(b.kind === 'shared') ||
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }),
  );
}
